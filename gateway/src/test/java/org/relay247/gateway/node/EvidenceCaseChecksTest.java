package org.relay247.gateway.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.relay247.gateway.node.CaseExchangeTest.answer;
import static org.relay247.gateway.node.CaseExchangeTest.art9Request;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.RawPeer;
import org.relay247.gateway.TestNetwork;
import org.relay247.gateway.cases.CaseRuleViolation;
import org.relay247.gateway.cases.FlagView;
import org.relay247.gateway.cases.TrackState;
import org.relay247.gateway.e2e.Awaits;
import org.relay247.pki.PartyCode;
import org.relay247.protocol.seal.EnvelopeSealer;
import org.relay247.protocol.v1.Condition;
import org.relay247.protocol.v1.ConditionKind;
import org.relay247.protocol.v1.CopyKind;
import org.relay247.protocol.v1.DeliverRequest;
import org.relay247.protocol.v1.Determination;
import org.relay247.protocol.v1.DeterminationOutcome;
import org.relay247.protocol.v1.EvidenceChunk;
import org.relay247.protocol.v1.EvidenceItem;
import org.relay247.protocol.v1.EvidenceManifest;
import org.relay247.protocol.v1.InnerMessage;

/**
 * Evidence (manifest and chunks) goes through the case's checks on two real nodes: DE's node
 * refuses results while conditions are pending or after a refusal, chunks that name no manifest
 * of the track included; results that reach FR anyway (sealed with DE's keys around DE's node)
 * leave FR's track where it was and are flagged for a person.
 */
class EvidenceCaseChecksTest {
  @TempDir Path dir;

  private static final byte[] DATA = "mailbox export".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  @Test
  void evidenceWhileConditionsPending_isRefusedAtSubmit_andFlaggedAtTheReceiver() throws Exception {
    TestNetwork net = TestNetwork.create(dir, "FR", "DE");
    try (GatewayNode fr = net.start("FR"); GatewayNode de = net.start("DE")) {
      InnerMessage request = fr.outbox().submit(art9Request());
      String caseId = request.getRouting().getCaseId();
      String requestId = request.getRouting().getMessageId();
      Awaits.trackState(de, caseId, requestId, TrackState.OPEN);
      de.outbox().submit(answer("FR/poc", caseId, requestId).setDetermination(Determination.newBuilder()
          .setRequestMessageId(requestId).setArticle("9.6").setOutcome(DeterminationOutcome.DETERMINATION_OUTCOME_CONDITIONS)
          .addConditions(Condition.newBuilder().setId("c1").setKind(ConditionKind.CONDITION_KIND_CONFIDENTIALITY)
              .setText("Keep confidential").setArticle("9.6"))).build());
      Awaits.trackState(fr, caseId, requestId, TrackState.CONDITIONS_PENDING);

      // At DE's submit: neither the manifest nor a chunk naming the request goes.
      assertThatThrownBy(() -> de.outbox().submit(manifest(caseId, requestId)))
          .isInstanceOf(CaseRuleViolation.class).hasMessageContaining("in state CONDITIONS_PENDING");
      assertThatThrownBy(() -> de.outbox().submit(chunk(caseId, requestId, requestId)))
          .isInstanceOf(CaseRuleViolation.class)
          .hasMessageContaining("not an evidence manifest of track " + requestId);

      // At FR: results sent around DE's node keep the track CONDITIONS_PENDING, flagged.
      String manifestId = deliverAsDe(net, fr, manifest(caseId, requestId));
      String chunkId = deliverAsDe(net, fr, chunk(caseId, requestId, manifestId));
      Awaits.received(fr, chunkId);
      assertThat(fr.cases().find(caseId).orElseThrow().track(requestId).orElseThrow().state())
          .isEqualTo(TrackState.CONDITIONS_PENDING);
      assertThat(fr.cases().find(caseId).orElseThrow().flags()).extracting(FlagView::code, FlagView::messageId)
          .contains(org.assertj.core.groups.Tuple.tuple("RESULTS_UNDER_CONDITIONS", manifestId),
              org.assertj.core.groups.Tuple.tuple("OUT_OF_STEP", chunkId));
    }
  }

  @Test
  void chunksOnARefusedTrack_areRefusedAtSubmit_andFlaggedAtTheReceiver() throws Exception {
    TestNetwork net = TestNetwork.create(dir, "FR", "DE");
    try (GatewayNode fr = net.start("FR"); GatewayNode de = net.start("DE")) {
      InnerMessage request = fr.outbox().submit(art9Request());
      String caseId = request.getRouting().getCaseId();
      String requestId = request.getRouting().getMessageId();
      Awaits.trackState(de, caseId, requestId, TrackState.OPEN);
      de.outbox().submit(answer("FR/poc", caseId, requestId).setDetermination(Determination.newBuilder()
          .setRequestMessageId(requestId).setArticle("9.6")
          .setOutcome(DeterminationOutcome.DETERMINATION_OUTCOME_WILL_NOT_PROVIDE)).build());
      Awaits.trackState(fr, caseId, requestId, TrackState.REFUSED);

      assertThatThrownBy(() -> de.outbox().submit(chunk(caseId, requestId, requestId)))
          .isInstanceOf(CaseRuleViolation.class).hasMessageContaining("evidence chunk");

      String chunkId = deliverAsDe(net, fr, chunk(caseId, requestId, requestId));
      Awaits.received(fr, chunkId);
      assertThat(fr.cases().find(caseId).orElseThrow().track(requestId).orElseThrow().state())
          .isEqualTo(TrackState.REFUSED);
      assertThat(fr.cases().find(caseId).orElseThrow().flags()).filteredOn(f -> f.messageId().equals(chunkId))
          .extracting(FlagView::code).contains("OUT_OF_STEP");
    }
  }

  private static InnerMessage manifest(String caseId, String requestId) throws Exception {
    return answer("FR/poc", caseId, requestId).setEvidenceManifest(EvidenceManifest.newBuilder()
        .setRequestMessageId(requestId).setCopyKind(CopyKind.COPY_KIND_OFFICIAL).addItems(EvidenceItem.newBuilder()
            .setItemId("item-1").setSizeBytes(DATA.length).setSha256(ByteString.copyFrom(
                java.security.MessageDigest.getInstance("SHA-256").digest(DATA))))).build();
  }

  private static InnerMessage chunk(String caseId, String requestId, String manifestId) throws Exception {
    return answer("FR/poc", caseId, requestId).setEvidenceChunk(EvidenceChunk.newBuilder()
        .setManifestMessageId(manifestId).setItemId("item-1").setData(ByteString.copyFrom(DATA))
        .setSha256(ByteString.copyFrom(java.security.MessageDigest.getInstance("SHA-256").digest(DATA)))).build();
  }

  /** Seals {@code draft} as DE/poc with DE's real keys and delivers it straight to FR's node; returns its id. */
  private static String deliverAsDe(TestNetwork net, GatewayNode fr, InnerMessage draft) throws Exception {
    try (RawPeer de = new RawPeer(net, "DE", "FR")) {
      Clock clock = Clock.systemUTC();
      String id = org.relay247.protocol.MessageIds.next(clock);
      InnerMessage inner = draft.toBuilder().setRouting(draft.getRouting().toBuilder().setSender("DE/poc")
          .setMessageId(id).setCreatedAt(com.google.protobuf.util.Timestamps.fromMillis(clock.millis()))).build();
      var envelope = new EnvelopeSealer(de.keys.signing(), clock)
          .seal(inner, fr.directory().current().encryptionCertificate(new PartyCode("FR")));
      de.stub().deliver(DeliverRequest.newBuilder().setEnvelope(envelope.toByteString()).build());
      return id;
    }
  }
}
