package org.relay247.protocol.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.Timestamps;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.protocol.seal.OpenedEnvelope;
import org.relay247.protocol.v1.CopyKind;
import org.relay247.protocol.v1.DataCategory;
import org.relay247.protocol.v1.EvidenceChunk;
import org.relay247.protocol.v1.EvidenceItem;
import org.relay247.protocol.v1.EvidenceManifest;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.ResultsChannel;

/** Results over the whole sealed path: manifest and chunks sealed at FR, opened at DE, assembled. */
class SealedEvidenceTest {
  private static final int CHUNK = ChunkSize.MIN;
  private static final byte[] DATA = PseudoRandomStream.bytes(42, 5 * CHUNK + 12345);

  @TempDir static Path dir;
  static ResultsNodes nodes;

  @BeforeAll
  static void network() throws Exception {
    nodes = new ResultsNodes(dir.resolve("net"));
  }

  private static EvidenceManifest manifest(EvidenceItem item) {
    return EvidenceManifest.newBuilder()
        .setRequestMessageId(nodes.requestMessageId)
        .setCopyKind(CopyKind.COPY_KIND_PRELIMINARY)
        .setChannel(ResultsChannel.RESULTS_CHANNEL_POINT_OF_CONTACT)
        .addItems(item)
        .setChunkSizeBytes(CHUNK)
        .setProducedAt(Timestamps.fromMillis(nodes.clock.millis()))
        .build();
  }

  @Test
  void manifestAndChunks_sealedAtFr_openedAtDe_inShuffledOrder_assembleIntoTheVerifiedItem() throws Exception {
    EvidenceItem item = EvidenceItems.describe("item-1", "subscriber-jdoe.csv", "text/csv",
            new ByteArrayInputStream(DATA), CHUNK).toBuilder()
        .setCategory(DataCategory.DATA_CATEGORY_SUBSCRIBER).setSource("ExampleMail").build();
    InnerMessage manifestMessage = nodes.manifestMessage(manifest(item));
    String manifestId = manifestMessage.getRouting().getMessageId();

    List<OpenedEnvelope> openedChunks = new ArrayList<>();
    new EvidenceChunker(manifestId, CHUNK).forEachChunk(item, new ByteArrayInputStream(DATA),
        chunk -> openedChunks.add(nodes.transmit(nodes.chunkMessage(chunk))));
    OpenedEnvelope openedManifest = nodes.transmit(manifestMessage);

    assertThat(openedManifest.inner()).isEqualTo(manifestMessage);
    assertThat(openedManifest.signer().party()).contains(ResultsNodes.FR);
    Collections.shuffle(openedChunks, new Random(1));
    Path target = dir.resolve("received-item-1.csv");
    try (EvidenceAssembler assembler = EvidenceAssembler.create(openedManifest.envelope().getRouting().getMessageId(),
        openedManifest.inner().getEvidenceManifest(), "item-1", target)) {
      for (OpenedEnvelope opened : openedChunks) {
        assertThat(opened.inner().getBodyCase()).isEqualTo(InnerMessage.BodyCase.EVIDENCE_CHUNK);
        assembler.accept(opened.inner().getEvidenceChunk());
      }
      assertThat(openedChunks).hasSize(6);
      assertThat(assembler.complete()).isEqualTo(target);
    }
    assertThat(Files.readAllBytes(target)).isEqualTo(DATA);
  }

  @Test
  void chunkSealedWithAlteredData_isOpenedButRefusedByTheAssembler() throws Exception {
    EvidenceItem item = EvidenceItems.describe("item-2", "traffic.csv", "text/csv", new ByteArrayInputStream(DATA),
        CHUNK);
    InnerMessage manifestMessage = nodes.manifestMessage(manifest(item));
    String manifestId = manifestMessage.getRouting().getMessageId();
    EvidenceChunk genuine = new EvidenceChunker(manifestId, CHUNK).chunkAt(item, Files.write(dir.resolve("src-2"), DATA), 0);
    byte[] altered = genuine.getData().toByteArray();
    altered[7] ^= (byte) 0x80;
    // Signed by a genuine node, so sealing and opening succeed: only the chunk hash catches it.
    OpenedEnvelope opened = nodes.transmit(nodes.chunkMessage(
        genuine.toBuilder().setData(ByteString.copyFrom(altered)).build()));

    try (EvidenceAssembler assembler = EvidenceAssembler.create(manifestId, manifest(item), "item-2",
        dir.resolve("received-item-2.csv"))) {
      assertThatThrownBy(() -> assembler.accept(opened.inner().getEvidenceChunk()))
          .isInstanceOf(EvidenceIntegrityException.class)
          .hasMessageStartingWith("chunk 0 of item-2: data SHA-256 ");
      assertThat(assembler.missing()).containsExactly(0, 1, 2, 3, 4, 5);
    }
  }
}
