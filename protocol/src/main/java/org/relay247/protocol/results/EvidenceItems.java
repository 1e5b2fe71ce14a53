package org.relay247.protocol.results;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Objects;
import org.relay247.protocol.v1.EvidenceItem;

/**
 * Describes evidence items for the manifest. Reads the stream once to its end, in 64 KiB reads,
 * so memory stays constant whatever the item size.
 */
public final class EvidenceItems {
  private static final int BUFFER = 64 * 1024;

  private EvidenceItems() {}

  /**
   * An item with its id, name, media type, exact size, SHA-256 and the number of chunks of
   * {@code chunkSize} bytes it takes. The caller adds category, description, source and
   * obtained_at. The stream is read to its end and not closed.
   *
   * @throws IllegalArgumentException if the item id is blank or the chunk size is invalid
   *     ({@link ChunkSize#requireValid})
   */
  public static EvidenceItem describe(String itemId, String name, String mediaType, InputStream in,
      int chunkSize) throws IOException {
    requireNonBlank("itemId", itemId);
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(in, "in");
    ChunkSize.requireValid(chunkSize);
    MessageDigest digest = Sha256.newDigest();
    byte[] buffer = new byte[BUFFER];
    long size = 0;
    for (int n; (n = in.read(buffer)) != -1; ) {
      digest.update(buffer, 0, n);
      size += n;
    }
    return EvidenceItem.newBuilder()
        .setItemId(itemId).setName(name).setMediaType(mediaType)
        .setSizeBytes(size)
        .setSha256(ByteString.copyFrom(digest.digest()))
        .setChunkCount(ChunkSize.chunkCount(size, chunkSize))
        .build();
  }

  static String requireNonBlank(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + ": \"" + value + "\" (expected: not blank)");
    }
    return value;
  }
}
