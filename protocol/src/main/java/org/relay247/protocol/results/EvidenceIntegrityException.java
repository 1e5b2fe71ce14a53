package org.relay247.protocol.results;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Evidence is not what its manifest says: a chunk that does not belong, is misplaced, has the
 * wrong length or hash, contradicts a chunk already received, is missing; or the assembled item
 * whose size or SHA-256 differs from the manifest. The message names the item, the chunk index
 * when one chunk is at fault, and the value found against the value expected.
 *
 * <p>When {@link #chunkIndex()} is present, the fault is that one chunk message's: the assembler
 * stored nothing of it, chunks received before are kept, and a correct chunk for that index (when
 * the index is within the item) can still complete the item.
 */
public final class EvidenceIntegrityException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String itemId;
  private final long chunkIndex;

  private EvidenceIntegrityException(String itemId, long chunkIndex, String message) {
    super(message);
    this.itemId = Objects.requireNonNull(itemId, "itemId");
    this.chunkIndex = chunkIndex;
  }

  /** A fault of the whole item, e.g. {@code "item-1: SHA-256 ab.. (expected: cd..)"}. */
  static EvidenceIntegrityException item(String itemId, String detail) {
    return new EvidenceIntegrityException(itemId, -1, itemId + ": " + detail);
  }

  /** A fault of one chunk, e.g. {@code "chunk 7 of item-1: offset 7340031 (expected: 7340032)"}. */
  static EvidenceIntegrityException chunk(String itemId, long index, String detail) {
    return new EvidenceIntegrityException(itemId, index, "chunk " + index + " of " + itemId + ": " + detail);
  }

  /** The item concerned, as the manifest names it. */
  public String itemId() {
    return itemId;
  }

  /** The index the faulty chunk carried, when the fault is one chunk's (and the index fits an int). */
  public OptionalInt chunkIndex() {
    return chunkIndex >= 0 && chunkIndex <= Integer.MAX_VALUE ? OptionalInt.of((int) chunkIndex) : OptionalInt.empty();
  }
}
