package org.relay247.protocol.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.protocol.MessageIds;
import org.relay247.protocol.v1.EvidenceChunk;
import org.relay247.protocol.v1.EvidenceItem;

class EvidenceChunkerTest {
  private static final int CHUNK = ChunkSize.MIN;
  private static final String MANIFEST = MessageIds.next(Clock.systemUTC());
  private static final byte[] DATA = PseudoRandomStream.bytes(7, 3 * CHUNK + 1000);

  @TempDir Path dir;

  private static EvidenceItem describe(byte[] data) throws IOException {
    return EvidenceItems.describe("item-1", "a.bin", "application/octet-stream", new ByteArrayInputStream(data), CHUNK);
  }

  private static List<EvidenceChunk> chunks(EvidenceItem item, InputStream in) throws Exception {
    List<EvidenceChunk> chunks = new ArrayList<>();
    new EvidenceChunker(MANIFEST, CHUNK).forEachChunk(item, in, chunks::add);
    return chunks;
  }

  @Test
  void chunks_coverTheItemInOrder_withIdsOffsetsAndDataHashes_lastOneShorter() throws Exception {
    List<EvidenceChunk> chunks = chunks(describe(DATA), new ByteArrayInputStream(DATA));

    assertThat(chunks).hasSize(4);
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    for (int i = 0; i < chunks.size(); i++) {
      EvidenceChunk c = chunks.get(i);
      assertThat(c.getManifestMessageId()).isEqualTo(MANIFEST);
      assertThat(c.getItemId()).isEqualTo("item-1");
      assertThat(c.getIndex()).isEqualTo(i);
      assertThat(c.getOffset()).isEqualTo((long) i * CHUNK);
      assertThat(c.getData().size()).isEqualTo(i < 3 ? CHUNK : 1000);
      assertThat(c.getSha256().toByteArray())
          .isEqualTo(MessageDigest.getInstance("SHA-256").digest(c.getData().toByteArray()));
      c.getData().writeTo(joined);
    }
    assertThat(joined.toByteArray()).isEqualTo(DATA);
  }

  @Test
  void chunks_areProducedAsTheStreamIsRead_oneChunkAhead_atMost() throws Exception {
    long[] read = {0};
    InputStream counting = new FilterInputStream(new ByteArrayInputStream(DATA)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        read[0] += Math.max(n, 0);
        return n;
      }
    };
    List<Long> readWhenHandedOver = new ArrayList<>();
    new EvidenceChunker(MANIFEST, CHUNK).forEachChunk(describe(DATA), counting,
        chunk -> readWhenHandedOver.add(read[0]));
    assertThat(readWhenHandedOver).containsExactly((long) CHUNK, 2L * CHUNK, 3L * CHUNK, (long) DATA.length);
  }

  @Test
  void emptyItem_hasNoChunks() throws Exception {
    assertThat(chunks(describe(new byte[0]), new ByteArrayInputStream(new byte[0]))).isEmpty();
  }

  @Test
  void streamShorterThanDescribed_isRefused() throws Exception {
    EvidenceItem item = describe(DATA);
    byte[] shorter = java.util.Arrays.copyOf(DATA, DATA.length - 1);
    assertThatThrownBy(() -> chunks(item, new ByteArrayInputStream(shorter)))
        .isInstanceOf(EvidenceIntegrityException.class)
        .hasMessage("item-1: stream ended after 197607 bytes (expected: 197608 bytes, as described)");
  }

  @Test
  void streamLongerThanDescribed_isRefused_beforeTheLastChunkIsHandedOver() throws Exception {
    EvidenceItem item = describe(DATA);
    byte[] longer = java.util.Arrays.copyOf(DATA, DATA.length + 1);
    List<EvidenceChunk> handedOver = new ArrayList<>();
    assertThatThrownBy(() -> new EvidenceChunker(MANIFEST, CHUNK)
        .forEachChunk(item, new ByteArrayInputStream(longer), handedOver::add))
        .isInstanceOf(EvidenceIntegrityException.class)
        .hasMessage("item-1: stream continues past 197608 bytes (expected: 197608 bytes, as described)");
    assertThat(handedOver).hasSize(3);
  }

  @Test
  void sourceChangedAfterItWasDescribed_isRefused_beforeTheLastChunkIsHandedOver() throws Exception {
    EvidenceItem item = describe(DATA);
    byte[] changed = DATA.clone();
    changed[5] ^= 1;
    List<EvidenceChunk> handedOver = new ArrayList<>();
    assertThatThrownBy(() -> new EvidenceChunker(MANIFEST, CHUNK)
        .forEachChunk(item, new ByteArrayInputStream(changed), handedOver::add))
        .isInstanceOf(EvidenceIntegrityException.class)
        .hasMessageStartingWith("item-1: stream SHA-256 ")
        .hasMessageEndingWith(" (expected: " + Sha256.hex(item.getSha256().toByteArray())
            + ", as described): the source changed after it was described");
    assertThat(handedOver).hasSize(3);
  }

  @Test
  void consumerFailure_stopsTheChunking_andPropagates() throws Exception {
    List<EvidenceChunk> handedOver = new ArrayList<>();
    assertThatThrownBy(() -> new EvidenceChunker(MANIFEST, CHUNK).forEachChunk(describe(DATA),
        new ByteArrayInputStream(DATA), chunk -> {
          handedOver.add(chunk);
          throw new IOException("link down");
        })).isInstanceOf(IOException.class).hasMessage("link down");
    assertThat(handedOver).hasSize(1);
  }

  @Test
  void chunkAt_rereadsOneChunkFromTheFile_equalToTheStreamedOne() throws Exception {
    EvidenceItem item = describe(DATA);
    Path file = Files.write(dir.resolve("a.bin"), DATA);
    List<EvidenceChunk> streamed = chunks(item, new ByteArrayInputStream(DATA));
    EvidenceChunker chunker = new EvidenceChunker(MANIFEST, CHUNK);
    for (int i = 0; i < streamed.size(); i++) {
      assertThat(chunker.chunkAt(item, file, i)).isEqualTo(streamed.get(i));
    }
    assertThatThrownBy(() -> chunker.chunkAt(item, file, 4))
        .isInstanceOf(IndexOutOfBoundsException.class).hasMessage("chunk 4 of item-1 (expected: 0 to 3)");
  }

  @Test
  void chunkAt_fileOfAnotherSize_isRefused() throws Exception {
    EvidenceItem item = describe(DATA);
    Path file = Files.write(dir.resolve("a.bin"), new byte[10]);
    assertThatThrownBy(() -> new EvidenceChunker(MANIFEST, CHUNK).chunkAt(item, file, 0))
        .isInstanceOf(EvidenceIntegrityException.class)
        .hasMessage("item-1: file " + file + " has 10 bytes (expected: 197608, as described)");
  }

  @Test
  void invalidChunkSize_orManifestId_isRefused() {
    assertThatThrownBy(() -> new EvidenceChunker(MANIFEST, 5 * 1024 * 1024))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("chunk size 5242880 bytes (expected: 65536 to 4194304 bytes)");
    assertThatThrownBy(() -> new EvidenceChunker("manifest-1", CHUNK))
        .hasMessage("manifestMessageId: \"manifest-1\" (expected: a lower-case UUID version 7)");
  }

  @Test
  void itemDescribedWithAnotherChunkSize_isRefused() throws Exception {
    EvidenceItem item = describe(DATA);
    assertThatThrownBy(() -> new EvidenceChunker(MANIFEST, 2 * CHUNK)
        .forEachChunk(item, new ByteArrayInputStream(DATA), chunk -> { }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("item-1: chunk_count 4 (expected: 2 for 197608 bytes in chunks of 131072)");
  }
}
