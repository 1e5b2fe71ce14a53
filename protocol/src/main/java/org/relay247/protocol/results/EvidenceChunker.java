package org.relay247.protocol.results;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Objects;
import org.relay247.protocol.MessageIds;
import org.relay247.protocol.v1.EvidenceChunk;
import org.relay247.protocol.v1.EvidenceItem;

/**
 * Cuts an evidence item into {@link EvidenceChunk} messages of one manifest: chunk {@code i}
 * carries bytes {@code [i * chunkSize, min((i + 1) * chunkSize, size))}, its offset and the
 * SHA-256 of its data. Chunks are produced one at a time, so memory is one chunk whatever the
 * item size.
 *
 * <p>The sender reads an item twice: once to {@link EvidenceItems#describe describe} it for the
 * manifest, once here. {@link #forEachChunk} checks that the second reading is the item described
 * (same size, same SHA-256) before it hands over the last chunk, so a source that changed between
 * the two readings never completes a transmission.
 */
public final class EvidenceChunker {
  /** Receives each chunk in index order; may send it, seal it, or fail. */
  @FunctionalInterface
  public interface ChunkConsumer<E extends Exception> {
    void accept(EvidenceChunk chunk) throws IOException, E;
  }

  private final String manifestMessageId;
  private final int chunkSize;

  /**
   * @param manifestMessageId message id of the envelope that carries the manifest
   * @param chunkSize the manifest's {@code chunk_size_bytes}
   * @throws IllegalArgumentException if the id is not a UUIDv7 or the chunk size is invalid
   */
  public EvidenceChunker(String manifestMessageId, int chunkSize) {
    this.manifestMessageId = MessageIds.requireValid("manifestMessageId", manifestMessageId);
    this.chunkSize = ChunkSize.requireValid(chunkSize);
  }

  public int chunkSize() {
    return chunkSize;
  }

  /**
   * Reads the item from {@code in} (not closed) and passes its chunks, in index order, to
   * {@code consumer}. Holds one chunk in memory at a time.
   *
   * @param item the item as described in the manifest, with this chunker's chunk size
   * @throws EvidenceIntegrityException if the stream is shorter or longer than the item, or its
   *     SHA-256 differs; checked before the last chunk is handed over
   * @throws IllegalArgumentException if the item's chunk count does not fit this chunk size
   */
  public <E extends Exception> void forEachChunk(EvidenceItem item, InputStream in, ChunkConsumer<E> consumer)
      throws IOException, EvidenceIntegrityException, E {
    requireDescribedWithThisChunkSize(item);
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(consumer, "consumer");
    String itemId = item.getItemId();
    long size = item.getSizeBytes();
    int count = item.getChunkCount();
    MessageDigest whole = Sha256.newDigest();
    if (count == 0) {
      requireEndOfDescribedStream(item, in, whole);
    }
    for (int index = 0; index < count; index++) {
      int length = ChunkSize.lengthOf(index, size, chunkSize);
      byte[] data = new byte[length];
      int read = in.readNBytes(data, 0, length);
      if (read < length) {
        throw EvidenceIntegrityException.item(itemId, "stream ended after " + ((long) index * chunkSize + read)
            + " bytes (expected: " + size + " bytes, as described)");
      }
      whole.update(data);
      if (index == count - 1) {
        requireEndOfDescribedStream(item, in, whole);
      }
      consumer.accept(chunk(itemId, index, data));
    }
  }

  /**
   * Chunk {@code index} read from a file holding the item, to resend that chunk alone. Checks
   * the file's size against the item; the whole-item hash is left to the receiver.
   *
   * @throws EvidenceIntegrityException if the file's size is not the item's
   * @throws IndexOutOfBoundsException if the index is not one of the item's chunks
   */
  public EvidenceChunk chunkAt(EvidenceItem item, Path file, int index) throws IOException, EvidenceIntegrityException {
    requireDescribedWithThisChunkSize(item);
    if (index < 0 || index >= item.getChunkCount()) {
      throw new IndexOutOfBoundsException("chunk " + index + " of " + item.getItemId() + " (expected: 0 to "
          + (item.getChunkCount() - 1) + ")");
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      if (channel.size() != item.getSizeBytes()) {
        throw EvidenceIntegrityException.item(item.getItemId(), "file " + file + " has " + channel.size()
            + " bytes (expected: " + item.getSizeBytes() + ", as described)");
      }
      long offset = (long) index * chunkSize;
      ByteBuffer data = ByteBuffer.allocate(ChunkSize.lengthOf(index, item.getSizeBytes(), chunkSize));
      while (data.hasRemaining()) {
        if (channel.read(data, offset + data.position()) < 0) {
          throw EvidenceIntegrityException.item(item.getItemId(), "file " + file + " ended at "
              + (offset + data.position()) + " bytes (expected: " + item.getSizeBytes() + ")");
        }
      }
      return chunk(item.getItemId(), index, data.array());
    }
  }

  /** {@code data} is fresh and never touched again, so it is wrapped without a copy. */
  private EvidenceChunk chunk(String itemId, int index, byte[] data) {
    return EvidenceChunk.newBuilder()
        .setManifestMessageId(manifestMessageId)
        .setItemId(itemId)
        .setIndex(index)
        .setOffset((long) index * chunkSize)
        .setData(UnsafeByteOperations.unsafeWrap(data))
        .setSha256(ByteString.copyFrom(Sha256.of(data, 0, data.length)))
        .build();
  }

  private void requireDescribedWithThisChunkSize(EvidenceItem item) {
    EvidenceItems.requireNonBlank("item.item_id", item.getItemId());
    int expected = ChunkSize.chunkCount(item.getSizeBytes(), chunkSize);
    if (item.getChunkCount() != expected) {
      throw new IllegalArgumentException(item.getItemId() + ": chunk_count " + Integer.toUnsignedString(item.getChunkCount())
          + " (expected: " + expected + " for " + item.getSizeBytes() + " bytes in chunks of " + chunkSize + ")");
    }
  }

  private static void requireEndOfDescribedStream(EvidenceItem item, InputStream in, MessageDigest whole)
      throws IOException, EvidenceIntegrityException {
    if (in.read() != -1) {
      throw EvidenceIntegrityException.item(item.getItemId(), "stream continues past " + item.getSizeBytes()
          + " bytes (expected: " + item.getSizeBytes() + " bytes, as described)");
    }
    byte[] actual = whole.digest();
    if (!MessageDigest.isEqual(actual, item.getSha256().toByteArray())) {
      throw EvidenceIntegrityException.item(item.getItemId(), "stream SHA-256 " + Sha256.hex(actual)
          + " (expected: " + Sha256.hex(item.getSha256().toByteArray())
          + ", as described): the source changed after it was described");
    }
  }
}
