package org.relay247.protocol.results;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.relay247.protocol.MessageIds;
import org.relay247.protocol.v1.EvidenceChunk;
import org.relay247.protocol.v1.EvidenceItem;
import org.relay247.protocol.v1.EvidenceManifest;

/**
 * Receiver side of one evidence item: writes its chunks, in any order, into a new file and
 * verifies the item before it counts as received.
 *
 * <p>{@link #accept} verifies, in order, that the chunk belongs to this manifest and item, that its
 * index is one of the item's, its offset is {@code index * chunkSize}, its data has the length the
 * item implies (the chunk size, the last chunk shorter) and the SHA-256 the chunk states. Then it
 * writes the data at its offset. A chunk for an index already received is accepted again only if
 * its data are identical to those stored. {@link #missing} lists what is still to come, so a
 * transfer resumes by asking for those indices. {@link #complete} requires every chunk, forces the
 * file to disk, and compares its size and SHA-256 with the manifest's. Every failed check throws
 * {@link EvidenceIntegrityException}; a refused chunk leaves the assembler as it was.
 *
 * <p>Memory: a bit per chunk, plus one chunk's data while a duplicate is compared; the file is
 * hashed in 256 KiB reads. Which chunks arrived is kept in memory only: a new assembler (after a
 * restart) starts from an empty file. Methods are synchronized; chunks may arrive from several
 * threads.
 */
public final class EvidenceAssembler implements Closeable {
  private static final int HASH_BUFFER = 256 * 1024;

  private final String manifestMessageId;
  private final int chunkSize;
  private final EvidenceItem item;
  private final String itemId;
  private final Path target;
  private final FileChannel channel;
  private final BitSet received;
  private boolean completed;

  private EvidenceAssembler(String manifestMessageId, int chunkSize, EvidenceItem item, Path target,
      FileChannel channel) {
    this.manifestMessageId = manifestMessageId;
    this.chunkSize = chunkSize;
    this.item = item;
    this.itemId = item.getItemId();
    this.target = target;
    this.channel = channel;
    this.received = new BitSet(item.getChunkCount());
  }

  /**
   * An assembler for item {@code itemId} of a manifest that arrived in envelope
   * {@code manifestMessageId}.
   *
   * @throws EvidenceIntegrityException if the manifest lists the item not exactly once, or as
   *     {@link #create(String, long, EvidenceItem, Path)} says
   */
  public static EvidenceAssembler create(String manifestMessageId, EvidenceManifest manifest, String itemId,
      Path target) throws IOException, EvidenceIntegrityException {
    List<EvidenceItem> listed = manifest.getItemsList().stream()
        .filter(i -> i.getItemId().equals(itemId)).collect(Collectors.toList());
    if (listed.size() != 1) {
      throw EvidenceIntegrityException.item(itemId, "listed " + listed.size() + " times in manifest "
          + manifestMessageId + " (expected: once)");
    }
    return create(manifestMessageId, Integer.toUnsignedLong(manifest.getChunkSizeBytes()), listed.get(0), target);
  }

  /**
   * An assembler writing {@code item} into {@code target}, which must not exist yet (evidence is
   * never written over an existing file).
   *
   * @param chunkSizeBytes the manifest's {@code chunk_size_bytes}
   * @throws EvidenceIntegrityException if the chunk size is outside {@link ChunkSize}, the item id is
   *     blank, its SHA-256 is not 32 bytes, or its chunk count does not match its size
   * @throws java.nio.file.FileAlreadyExistsException if {@code target} exists
   */
  public static EvidenceAssembler create(String manifestMessageId, long chunkSizeBytes, EvidenceItem item,
      Path target) throws IOException, EvidenceIntegrityException {
    MessageIds.requireValid("manifestMessageId", manifestMessageId);
    Objects.requireNonNull(target, "target");
    String itemId = item.getItemId();
    if (itemId.isBlank()) {
      throw EvidenceIntegrityException.item(itemId, "blank item_id in manifest " + manifestMessageId
          + " (expected: an id)");
    }
    int chunkSize;
    int expectedCount;
    try {
      chunkSize = ChunkSize.requireValid(chunkSizeBytes);
      expectedCount = ChunkSize.chunkCount(item.getSizeBytes(), chunkSize);
    } catch (IllegalArgumentException e) {
      throw EvidenceIntegrityException.item(itemId, "manifest " + manifestMessageId + ": " + e.getMessage());
    }
    if (item.getSha256().size() != Sha256.LENGTH) {
      throw EvidenceIntegrityException.item(itemId, "sha256 of " + item.getSha256().size() + " bytes (expected: "
          + Sha256.LENGTH + ")");
    }
    if (item.getChunkCount() != expectedCount) {
      throw EvidenceIntegrityException.item(itemId, "chunk_count " + Integer.toUnsignedString(item.getChunkCount())
          + " (expected: " + expectedCount + " for " + item.getSizeBytes() + " bytes in chunks of " + chunkSize + ")");
    }
    FileChannel channel = FileChannel.open(target,
        StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
    return new EvidenceAssembler(manifestMessageId, chunkSize, item, target, channel);
  }

  public EvidenceItem item() {
    return item;
  }

  public Path target() {
    return target;
  }

  /**
   * Verifies one chunk and writes it at its offset; an identical chunk for an index already
   * received is accepted and changes nothing.
   *
   * @throws EvidenceIntegrityException naming the chunk, if any check fails (nothing is written)
   * @throws IllegalStateException after {@link #complete} or {@link #close}
   */
  public synchronized void accept(EvidenceChunk chunk) throws IOException, EvidenceIntegrityException {
    requireOpen();
    long index = Integer.toUnsignedLong(chunk.getIndex());
    if (!chunk.getManifestMessageId().equals(manifestMessageId)) {
      throw EvidenceIntegrityException.chunk(itemId, index, "manifest " + chunk.getManifestMessageId()
          + " (expected: " + manifestMessageId + ")");
    }
    if (!chunk.getItemId().equals(itemId)) {
      throw EvidenceIntegrityException.chunk(itemId, index, "item id \"" + chunk.getItemId() + "\" (expected: \""
          + itemId + "\")");
    }
    if (index >= item.getChunkCount()) {
      throw EvidenceIntegrityException.chunk(itemId, index, "index out of range (expected: "
          + (item.getChunkCount() == 0 ? "none, the item is empty" : "0 to " + (item.getChunkCount() - 1)) + ")");
    }
    long offset = index * chunkSize;
    if (chunk.getOffset() != offset) {
      throw EvidenceIntegrityException.chunk(itemId, index, "offset " + Long.toUnsignedString(chunk.getOffset())
          + " (expected: " + offset + ")");
    }
    int length = ChunkSize.lengthOf(index, item.getSizeBytes(), chunkSize);
    if (chunk.getData().size() != length) {
      throw EvidenceIntegrityException.chunk(itemId, index, "data of " + chunk.getData().size()
          + " bytes (expected: " + length + ")");
    }
    MessageDigest digest = Sha256.newDigest();
    digest.update(chunk.getData().asReadOnlyByteBuffer());
    byte[] actual = digest.digest();
    if (!MessageDigest.isEqual(actual, chunk.getSha256().toByteArray())) {
      throw EvidenceIntegrityException.chunk(itemId, index, "data SHA-256 " + Sha256.hex(actual)
          + " (expected: " + Sha256.hex(chunk.getSha256().toByteArray()) + ", the chunk's sha256)");
    }
    if (received.get((int) index)) {
      requireSameAsStored(index, offset, length, chunk, actual);
      return;
    }
    ByteBuffer data = chunk.getData().asReadOnlyByteBuffer();
    while (data.hasRemaining()) {
      channel.write(data, offset + data.position());
    }
    received.set((int) index);
  }

  private void requireSameAsStored(long index, long offset, int length, EvidenceChunk chunk, byte[] actual)
      throws IOException, EvidenceIntegrityException {
    ByteBuffer stored = ByteBuffer.allocate(length);
    while (stored.hasRemaining()) {
      if (channel.read(stored, offset + stored.position()) < 0) {
        break;
      }
    }
    stored.flip();
    if (!stored.equals(chunk.getData().asReadOnlyByteBuffer())) {
      MessageDigest digest = Sha256.newDigest();
      digest.update(stored.rewind());
      throw EvidenceIntegrityException.chunk(itemId, index, "data SHA-256 " + Sha256.hex(actual)
          + " differs from the chunk already received for this index (expected: SHA-256 "
          + Sha256.hex(digest.digest()) + ")");
    }
  }

  /** Indices not received yet, ascending; empty when every chunk is in. */
  public synchronized List<Integer> missing() {
    List<Integer> missing = new ArrayList<>(item.getChunkCount() - received.cardinality());
    for (int i = received.nextClearBit(0); i < item.getChunkCount(); i = received.nextClearBit(i + 1)) {
      missing.add(i);
    }
    return List.copyOf(missing);
  }

  /**
   * Requires every chunk, forces the file to disk, then reads it back to compare its size and
   * SHA-256 with the manifest's; on success closes the file and returns it. Idempotent once it
   * succeeded. If the whole-item hash fails although every chunk hash passed, the chunks are
   * consistent but not the item the manifest describes: no single chunk is to blame, so the
   * item must be discarded (close, delete the target) and received again.
   *
   * @return the target file, now holding the verified item
   * @throws EvidenceIntegrityException if chunks are missing (naming the first few), or the size or
   *     SHA-256 of the file differs from the manifest's
   * @throws IllegalStateException after {@link #close}
   */
  public synchronized Path complete() throws IOException, EvidenceIntegrityException {
    if (completed) {
      return target;
    }
    requireOpen();
    List<Integer> missing = missing();
    if (!missing.isEmpty()) {
      throw EvidenceIntegrityException.item(itemId, missing.size() + " of " + item.getChunkCount()
          + " chunks missing: " + IntStream.range(0, Math.min(10, missing.size()))
              .mapToObj(i -> String.valueOf(missing.get(i))).collect(Collectors.joining(", "))
          + (missing.size() > 10 ? ", ..." : "") + " (expected: all received)");
    }
    channel.force(true);
    if (channel.size() != item.getSizeBytes()) {
      throw EvidenceIntegrityException.item(itemId, "file of " + channel.size() + " bytes (expected: "
          + item.getSizeBytes() + ")");
    }
    byte[] actual = sha256OfFile();
    if (!MessageDigest.isEqual(actual, item.getSha256().toByteArray())) {
      throw EvidenceIntegrityException.item(itemId, "SHA-256 " + Sha256.hex(actual) + " (expected: "
          + Sha256.hex(item.getSha256().toByteArray()) + ", as the manifest states)");
    }
    completed = true;
    channel.close();
    return target;
  }

  private byte[] sha256OfFile() throws IOException {
    MessageDigest digest = Sha256.newDigest();
    ByteBuffer buffer = ByteBuffer.allocate(HASH_BUFFER);
    long position = 0;
    for (int n; (n = channel.read(buffer, position)) > 0; ) {
      position += n;
      digest.update(buffer.flip());
      buffer.clear();
    }
    return digest.digest();
  }

  private void requireOpen() {
    if (completed) {
      throw new IllegalStateException(itemId + ": already complete");
    }
    if (!channel.isOpen()) {
      throw new IllegalStateException(itemId + ": assembler closed");
    }
  }

  /** Closes the file; does not delete it (an incomplete or refused item is the caller's to delete). */
  @Override
  public synchronized void close() throws IOException {
    channel.close();
  }
}
