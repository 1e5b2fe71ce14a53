package org.relay247.protocol.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;
import org.relay247.protocol.v1.EvidenceItem;

class EvidenceItemsTest {
  @Test
  void describe_givesIdNameMediaTypeSizeSha256AndChunkCount() throws Exception {
    byte[] data = PseudoRandomStream.bytes(1, 3 * ChunkSize.MIN + 1000);
    EvidenceItem item = EvidenceItems.describe("item-1", "subscriber-jdoe.csv", "text/csv",
        new ByteArrayInputStream(data), ChunkSize.MIN);
    assertThat(item.getItemId()).isEqualTo("item-1");
    assertThat(item.getName()).isEqualTo("subscriber-jdoe.csv");
    assertThat(item.getMediaType()).isEqualTo("text/csv");
    assertThat(item.getSizeBytes()).isEqualTo(data.length);
    assertThat(item.getSha256().toByteArray()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
    assertThat(item.getChunkCount()).isEqualTo(4);
  }

  @Test
  void describe_exactMultipleOfTheChunkSize_hasNoExtraChunk() throws Exception {
    EvidenceItem item = EvidenceItems.describe("item-1", "a.bin", "application/octet-stream",
        new PseudoRandomStream(2, 2L * ChunkSize.MIN), ChunkSize.MIN);
    assertThat(item.getChunkCount()).isEqualTo(2);
  }

  @Test
  void describe_emptyStream_isZeroBytesZeroChunksAndTheEmptyHash() throws Exception {
    EvidenceItem item = EvidenceItems.describe("item-1", "empty.txt", "text/plain",
        new ByteArrayInputStream(new byte[0]), ChunkSize.DEFAULT);
    assertThat(item.getSizeBytes()).isZero();
    assertThat(item.getChunkCount()).isZero();
    assertThat(Sha256.hex(item.getSha256().toByteArray()))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void describe_blankIdOrInvalidChunkSize_isRefused() {
    assertThatThrownBy(() -> EvidenceItems.describe(" ", "a", "text/plain", new ByteArrayInputStream(new byte[1]),
        ChunkSize.MIN)).isInstanceOf(IllegalArgumentException.class).hasMessage("itemId: \" \" (expected: not blank)");
    assertThatThrownBy(() -> EvidenceItems.describe("item-1", "a", "text/plain",
        new ByteArrayInputStream(new byte[1]), 1000))
        .hasMessage("chunk size 1000 bytes (expected: 65536 to 4194304 bytes)");
  }
}
