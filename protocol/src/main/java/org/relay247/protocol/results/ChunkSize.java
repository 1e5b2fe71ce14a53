package org.relay247.protocol.results;

/**
 * The chunk sizes allowed for evidence ({@code EvidenceManifest.chunk_size_bytes}): 64 KiB to
 * 4 MiB, 1 MiB by default. One chunk travels in one sealed envelope, so the chunk size bounds
 * the memory that sealing, opening and reassembling need.
 */
public final class ChunkSize {
  public static final int MIN = 64 * 1024;
  public static final int MAX = 4 * 1024 * 1024;
  public static final int DEFAULT = 1024 * 1024;

  private ChunkSize() {}

  /**
   * @return {@code chunkSize}
   * @throws IllegalArgumentException outside {@link #MIN}..{@link #MAX}
   */
  public static int requireValid(long chunkSize) {
    if (chunkSize < MIN || chunkSize > MAX) {
      throw new IllegalArgumentException("chunk size " + chunkSize + " bytes (expected: " + MIN + " to " + MAX
          + " bytes)");
    }
    return (int) chunkSize;
  }

  /**
   * Number of chunks of an item: {@code ceil(size / chunkSize)}; zero for an empty item.
   *
   * @throws IllegalArgumentException if the size is negative or needs more than 2^31-1 chunks
   */
  public static int chunkCount(long sizeBytes, int chunkSize) {
    requireValid(chunkSize);
    if (sizeBytes < 0) {
      throw new IllegalArgumentException("item size " + Long.toUnsignedString(sizeBytes)
          + " bytes (expected: at most " + Long.MAX_VALUE + ")");
    }
    long count = sizeBytes / chunkSize + (sizeBytes % chunkSize == 0 ? 0 : 1);
    if (count > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("item size " + sizeBytes + " bytes needs " + count + " chunks of "
          + chunkSize + " bytes (expected: at most " + Integer.MAX_VALUE + " chunks)");
    }
    return (int) count;
  }

  /** Length of chunk {@code index} of an item of {@code sizeBytes}: the chunk size, the last one shorter. */
  static int lengthOf(long index, long sizeBytes, int chunkSize) {
    return (int) Math.min(chunkSize, sizeBytes - index * chunkSize);
  }
}
