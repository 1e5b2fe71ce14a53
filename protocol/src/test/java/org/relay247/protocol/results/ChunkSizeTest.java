package org.relay247.protocol.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChunkSizeTest {
  @Test
  void bounds_andDefault_areValid() {
    assertThat(ChunkSize.requireValid(ChunkSize.MIN)).isEqualTo(64 * 1024);
    assertThat(ChunkSize.requireValid(ChunkSize.MAX)).isEqualTo(4 * 1024 * 1024);
    assertThat(ChunkSize.requireValid(ChunkSize.DEFAULT)).isEqualTo(1024 * 1024);
  }

  @Test
  void sizeOutsideTheRange_isRefused_namingTheRange() {
    assertThatThrownBy(() -> ChunkSize.requireValid(65535))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("chunk size 65535 bytes (expected: 65536 to 4194304 bytes)");
    assertThatThrownBy(() -> ChunkSize.requireValid(4194305))
        .hasMessage("chunk size 4194305 bytes (expected: 65536 to 4194304 bytes)");
    assertThatThrownBy(() -> ChunkSize.requireValid(0)).hasMessageStartingWith("chunk size 0 bytes");
  }

  @Test
  void chunkCount_roundsUp_andIsZeroForAnEmptyItem() {
    assertThat(ChunkSize.chunkCount(0, ChunkSize.MIN)).isZero();
    assertThat(ChunkSize.chunkCount(1, ChunkSize.MIN)).isEqualTo(1);
    assertThat(ChunkSize.chunkCount(ChunkSize.MIN, ChunkSize.MIN)).isEqualTo(1);
    assertThat(ChunkSize.chunkCount(ChunkSize.MIN + 1L, ChunkSize.MIN)).isEqualTo(2);
    assertThat(ChunkSize.chunkCount(1L << 30, ChunkSize.DEFAULT)).isEqualTo(1024);
  }

  @Test
  void chunkCount_beyondTwoToThe31Chunks_orNegativeSize_isRefused() {
    long tooLarge = (long) ChunkSize.MIN * Integer.MAX_VALUE + 1;
    assertThatThrownBy(() -> ChunkSize.chunkCount(tooLarge, ChunkSize.MIN))
        .hasMessage("item size " + tooLarge + " bytes needs 2147483648 chunks of 65536 bytes"
            + " (expected: at most 2147483647 chunks)");
    assertThatThrownBy(() -> ChunkSize.chunkCount(-1, ChunkSize.MIN))
        .hasMessage("item size 18446744073709551615 bytes (expected: at most 9223372036854775807)");
  }
}
