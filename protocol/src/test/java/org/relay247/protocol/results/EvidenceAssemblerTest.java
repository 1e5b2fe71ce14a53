package org.relay247.protocol.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.io.ByteArrayInputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.protocol.MessageIds;
import org.relay247.protocol.v1.EvidenceChunk;
import org.relay247.protocol.v1.EvidenceItem;
import org.relay247.protocol.v1.EvidenceManifest;

class EvidenceAssemblerTest {
  private static final int CHUNK = ChunkSize.MIN;
  private static final String MANIFEST = MessageIds.next(Clock.systemUTC());
  private static final byte[] DATA = PseudoRandomStream.bytes(11, 3 * CHUNK + 1000);

  @TempDir Path dir;
  EvidenceItem item;
  List<EvidenceChunk> chunks;
  Path target;

  @BeforeEach
  void chunkTheItem() throws Exception {
    item = EvidenceItems.describe("item-1", "a.bin", "application/octet-stream", new ByteArrayInputStream(DATA), CHUNK);
    chunks = new ArrayList<>();
    new EvidenceChunker(MANIFEST, CHUNK).forEachChunk(item, new ByteArrayInputStream(DATA), chunks::add);
    target = dir.resolve("received.bin");
  }

  private EvidenceAssembler assembler(EvidenceItem described) throws Exception {
    return EvidenceAssembler.create(MANIFEST, CHUNK, described, target);
  }

  private static EvidenceChunk withData(EvidenceChunk chunk, byte[] data, boolean restateHash) throws Exception {
    EvidenceChunk.Builder b = chunk.toBuilder().setData(ByteString.copyFrom(data));
    if (restateHash) {
      b.setSha256(ByteString.copyFrom(MessageDigest.getInstance("SHA-256").digest(data)));
    }
    return b.build();
  }

  @Test
  void chunksInShuffledOrder_withADuplicate_reassembleIntoTheItem() throws Exception {
    List<EvidenceChunk> arriving = new ArrayList<>(chunks);
    arriving.add(chunks.get(2));
    Collections.shuffle(arriving, new Random(3));
    try (EvidenceAssembler assembler = assembler(item)) {
      for (EvidenceChunk chunk : arriving) {
        assembler.accept(chunk);
      }
      assertThat(assembler.missing()).isEmpty();
      assertThat(assembler.complete()).isEqualTo(target);
      assertThat(assembler.complete()).as("idempotent once complete").isEqualTo(target);
    }
    assertThat(Files.readAllBytes(target)).isEqualTo(DATA);
  }

  @Test
  void flippedByteInChunkData_isRefusedAtAccept_andTheGenuineChunkStillCompletesTheItem() throws Exception {
    byte[] data = chunks.get(1).getData().toByteArray();
    data[100] ^= 0x01;
    EvidenceChunk flipped = withData(chunks.get(1), data, false);
    try (EvidenceAssembler assembler = assembler(item)) {
      assertThatThrownBy(() -> assembler.accept(flipped))
          .isInstanceOf(EvidenceIntegrityException.class)
          .hasMessageStartingWith("chunk 1 of item-1: data SHA-256 ")
          .hasMessageEndingWith(" (expected: " + Sha256.hex(chunks.get(1).getSha256().toByteArray())
              + ", the chunk's sha256)")
          .satisfies(e -> assertThat(((EvidenceIntegrityException) e).chunkIndex()).hasValue(1));
      assertThat(assembler.missing()).containsExactly(0, 1, 2, 3);
      for (EvidenceChunk chunk : chunks) {
        assembler.accept(chunk);
      }
      assembler.complete();
    }
    assertThat(Files.readAllBytes(target)).isEqualTo(DATA);
  }

  @Test
  void secondChunkForAReceivedIndex_withOtherData_isRefused_andTheFirstIsKept() throws Exception {
    byte[] data = chunks.get(0).getData().toByteArray();
    data[0] ^= 0x01;
    EvidenceChunk other = withData(chunks.get(0), data, true);
    try (EvidenceAssembler assembler = assembler(item)) {
      assembler.accept(chunks.get(0));
      assertThatThrownBy(() -> assembler.accept(other))
          .isInstanceOf(EvidenceIntegrityException.class)
          .hasMessage("chunk 0 of item-1: data SHA-256 " + Sha256.hex(other.getSha256().toByteArray())
              + " differs from the chunk already received for this index (expected: SHA-256 "
              + Sha256.hex(chunks.get(0).getSha256().toByteArray()) + ")");
      for (EvidenceChunk chunk : chunks.subList(1, 4)) {
        assembler.accept(chunk);
      }
      assembler.complete();
    }
    assertThat(Files.readAllBytes(target)).isEqualTo(DATA);
  }

  @Test
  void manifestThatLiesAboutTheItemHash_isRefusedAtComplete() throws Exception {
    byte[] lie = item.getSha256().toByteArray();
    lie[31] ^= 0x01;
    EvidenceItem lying = item.toBuilder().setSha256(ByteString.copyFrom(lie)).build();
    try (EvidenceAssembler assembler = assembler(lying)) {
      for (EvidenceChunk chunk : chunks) {
        assembler.accept(chunk);
      }
      assertThatThrownBy(assembler::complete)
          .isInstanceOf(EvidenceIntegrityException.class)
          .hasMessage("item-1: SHA-256 " + Sha256.hex(item.getSha256().toByteArray()) + " (expected: "
              + Sha256.hex(lie) + ", as the manifest states)")
          .satisfies(e -> assertThat(((EvidenceIntegrityException) e).chunkIndex()).isEmpty());
    }
  }

  @Test
  void missingChunk_isListed_completeRefuses_andTheResentChunkCompletesTheItem() throws Exception {
    try (EvidenceAssembler assembler = assembler(item)) {
      assembler.accept(chunks.get(3));
      assembler.accept(chunks.get(0));
      assembler.accept(chunks.get(2));
      assertThat(assembler.missing()).containsExactly(1);
      assertThatThrownBy(assembler::complete)
          .isInstanceOf(EvidenceIntegrityException.class)
          .hasMessage("item-1: 1 of 4 chunks missing: 1 (expected: all received)");

      assembler.accept(new EvidenceChunker(MANIFEST, CHUNK).chunkAt(item, Files.write(dir.resolve("src"), DATA), 1));
      assertThat(assembler.missing()).isEmpty();
      assembler.complete();
    }
    assertThat(Files.readAllBytes(target)).isEqualTo(DATA);
  }

  @Test
  void chunkAtAWrongOffset_isRefused() throws Exception {
    EvidenceChunk shifted = chunks.get(2).toBuilder().setOffset(2L * CHUNK - 1).build();
    try (EvidenceAssembler assembler = assembler(item)) {
      assertThatThrownBy(() -> assembler.accept(shifted))
          .isInstanceOf(EvidenceIntegrityException.class)
          .hasMessage("chunk 2 of item-1: offset 131071 (expected: 131072)");
    }
  }

  @Test
  void chunkWithAnIndexOutsideTheItem_isRefused() throws Exception {
    EvidenceChunk beyond = chunks.get(3).toBuilder().setIndex(4).setOffset(4L * CHUNK).build();
    EvidenceChunk huge = chunks.get(3).toBuilder().setIndex(-1).build();
    try (EvidenceAssembler assembler = assembler(item)) {
      assertThatThrownBy(() -> assembler.accept(beyond))
          .isInstanceOf(EvidenceIntegrityException.class)
          .hasMessage("chunk 4 of item-1: index out of range (expected: 0 to 3)");
      assertThatThrownBy(() -> assembler.accept(huge))
          .hasMessage("chunk 4294967295 of item-1: index out of range (expected: 0 to 3)")
          .satisfies(e -> assertThat(((EvidenceIntegrityException) e).chunkIndex()).isEmpty());
    }
  }

  @Test
  void chunkOfAnotherItemOrManifest_isRefused() throws Exception {
    EvidenceChunk otherItem = chunks.get(0).toBuilder().setItemId("item-2").build();
    String otherId = MessageIds.next(Clock.systemUTC());
    EvidenceChunk otherManifest = chunks.get(0).toBuilder().setManifestMessageId(otherId).build();
    try (EvidenceAssembler assembler = assembler(item)) {
      assertThatThrownBy(() -> assembler.accept(otherItem))
          .isInstanceOf(EvidenceIntegrityException.class)
          .hasMessage("chunk 0 of item-1: item id \"item-2\" (expected: \"item-1\")");
      assertThatThrownBy(() -> assembler.accept(otherManifest))
          .hasMessage("chunk 0 of item-1: manifest " + otherId + " (expected: " + MANIFEST + ")");
    }
  }

  @Test
  void chunkDataOfTheWrongLength_isRefused_evenWithAMatchingHash() throws Exception {
    EvidenceChunk shortened = withData(chunks.get(1), new byte[CHUNK - 1], true);
    EvidenceChunk lastTooLong = withData(chunks.get(3), new byte[1001], true);
    try (EvidenceAssembler assembler = assembler(item)) {
      assertThatThrownBy(() -> assembler.accept(shortened))
          .isInstanceOf(EvidenceIntegrityException.class)
          .hasMessage("chunk 1 of item-1: data of 65535 bytes (expected: 65536)");
      assertThatThrownBy(() -> assembler.accept(lastTooLong))
          .hasMessage("chunk 3 of item-1: data of 1001 bytes (expected: 1000)");
    }
  }

  @Test
  void emptyItem_completesWithoutChunks() throws Exception {
    EvidenceItem empty = EvidenceItems.describe("item-0", "e.txt", "text/plain", new ByteArrayInputStream(new byte[0]),
        CHUNK);
    try (EvidenceAssembler assembler = assembler(empty)) {
      assertThat(assembler.missing()).isEmpty();
      assembler.complete();
    }
    assertThat(Files.size(target)).isZero();
  }

  @Test
  void acceptAfterComplete_isAnError() throws Exception {
    try (EvidenceAssembler assembler = assembler(item)) {
      for (EvidenceChunk chunk : chunks) {
        assembler.accept(chunk);
      }
      assembler.complete();
      assertThatThrownBy(() -> assembler.accept(chunks.get(0)))
          .isInstanceOf(IllegalStateException.class).hasMessage("item-1: already complete");
    }
  }

  @Test
  void itemWhoseChunkCountContradictsItsSize_isRefusedAtCreate_andNoFileIsCreated() {
    EvidenceItem wrong = item.toBuilder().setChunkCount(5).build();
    assertThatThrownBy(() -> assembler(wrong))
        .isInstanceOf(EvidenceIntegrityException.class)
        .hasMessage("item-1: chunk_count 5 (expected: 4 for 197608 bytes in chunks of 65536)");
    assertThat(target).doesNotExist();
  }

  @Test
  void itemWithAShortHash_orManifestWithAnInvalidChunkSize_isRefusedAtCreate() {
    EvidenceItem shortHash = item.toBuilder().setSha256(ByteString.copyFrom(new byte[31])).build();
    assertThatThrownBy(() -> assembler(shortHash))
        .isInstanceOf(EvidenceIntegrityException.class)
        .hasMessage("item-1: sha256 of 31 bytes (expected: 32)");
    assertThatThrownBy(() -> EvidenceAssembler.create(MANIFEST, 1000, item, target))
        .hasMessage("item-1: manifest " + MANIFEST + ": chunk size 1000 bytes (expected: 65536 to 4194304 bytes)");
  }

  @Test
  void fromManifest_findsTheItem_orRefusesAnItemNotListedExactlyOnce() throws Exception {
    EvidenceManifest manifest = EvidenceManifest.newBuilder().addItems(item).setChunkSizeBytes(CHUNK).build();
    try (EvidenceAssembler assembler = EvidenceAssembler.create(MANIFEST, manifest, "item-1", target)) {
      assertThat(assembler.item()).isEqualTo(item);
    }
    assertThatThrownBy(() -> EvidenceAssembler.create(MANIFEST, manifest, "item-9", dir.resolve("x")))
        .isInstanceOf(EvidenceIntegrityException.class)
        .hasMessage("item-9: listed 0 times in manifest " + MANIFEST + " (expected: once)");
    EvidenceManifest twice = manifest.toBuilder().addItems(item).build();
    assertThatThrownBy(() -> EvidenceAssembler.create(MANIFEST, twice, "item-1", dir.resolve("y")))
        .hasMessage("item-1: listed 2 times in manifest " + MANIFEST + " (expected: once)");
  }

  @Test
  void existingTargetFile_isNeverOverwritten() throws Exception {
    Files.write(target, new byte[] {1, 2, 3});
    assertThatThrownBy(() -> assembler(item)).isInstanceOf(FileAlreadyExistsException.class);
    assertThat(Files.readAllBytes(target)).containsExactly(1, 2, 3);
  }
}
