package org.relay247.gateway.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.relay247.gateway.node.ProtectionMessages.resultsFor;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.TestNetwork;
import org.relay247.gateway.cli.Relay247Command;
import org.relay247.gateway.e2e.Awaits;
import org.relay247.gateway.protection.PurgeProof;
import org.relay247.gateway.protection.PurgeProofInvalidException;
import org.relay247.gateway.protection.PurgeProofs;
import org.relay247.gateway.store.InboxEntry;
import org.relay247.protocol.seal.ReceiptVerifier;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.PurgedDirection;
import picocli.CommandLine;

/**
 * Art. 14.5 purge over real nodes: FR purges a case holding results received from DE and a message
 * it sent; the content is gone, ids and hashes stay, and the signed proof of purge names each
 * message with the SHA-256 of what was deleted. The proof verifies (in code and with
 * {@code relay247 verify}); a tampered copy does not.
 */
class PurgeTest {
  @TempDir Path dir;

  @Test
  void purge_deletesContent_keepsIds_andTheProofVerifies_whileATamperedProofFails() throws Exception {
    TestNetwork net = TestNetwork.create(dir, "FR", "DE");
    try (GatewayNode fr = net.start("FR"); GatewayNode de = net.start("DE")) {
      InnerMessage data = de.outbox().submit(resultsFor(fr, de));
      String caseId = data.getRouting().getCaseId();
      String dataId = data.getRouting().getMessageId();
      InboxEntry before = Awaits.received(fr, dataId);
      // A consultation, not a ping: DE's node would answer a ping with a pong in the case.
      InnerMessage consultation = NodeExchangeTest.consultation("DE/poc", org.relay247.protocol.v1.Priority.PRIORITY_ROUTINE);
      String replyId = fr.outbox().submit(consultation.toBuilder()
          .setRouting(consultation.getRouting().toBuilder().setCaseId(caseId)).build()).getRouting().getMessageId();
      Awaits.completed(fr, replyId);

      PurgeProof proof = fr.protection().purger().purge(caseId, "data protection officer", "review decision");

      InboxEntry after = fr.inbox().find(dataId).orElseThrow();
      assertThat(after.innerMessage()).isEmpty();
      assertThat(after.envelope()).isEmpty();
      assertThat(after.signedData()).isEmpty();
      assertThat(after.envelopeSha256()).isEqualTo(before.envelopeSha256());
      assertThat(after.receipt()).isEqualTo(before.receipt());
      assertThat(fr.outboxStore().find(replyId).orElseThrow().innerMessage()).isEmpty();

      PurgeProof verified = PurgeProofs.verify(proof.signedData(), net.pki.validator());
      assertThat(verified.record().getCaseId()).isEqualTo(caseId);
      assertThat(verified.record().getPurgedBy()).isEqualTo("data protection officer");
      assertThat(verified.record().getMessagesList()).extracting(m -> m.getMessageId())
          // The whole case: FR's request, DE's determination, DE's results and FR's consultation.
          .containsExactlyInAnyOrder(data.getEvidenceManifest().getRequestMessageId(),
              data.getEvidenceManifest().getAuthorisationMessageId(), dataId, replyId);
      var received = verified.record().getMessagesList().stream().filter(m -> m.getMessageId().equals(dataId))
          .findFirst().orElseThrow();
      assertThat(received.getDirection()).isEqualTo(PurgedDirection.PURGED_DIRECTION_RECEIVED);
      assertThat(received.getInnerMessageSha256().toByteArray())
          .isEqualTo(ReceiptVerifier.sha256(before.innerMessage()));
      assertThat(received.getEnvelopeSha256().toByteArray()).isEqualTo(before.envelopeSha256());
      assertThat(fr.protection().purger().proofs(caseId)).singleElement()
          .satisfies(b -> assertThat(b).isEqualTo(proof.signedData()));
      assertThat(fr.audit().entries(caseId)).filteredOn(e -> e.action().equals("CASE_PURGED")).hasSize(1);
      assertThat(fr.cases().timeline(caseId)).filteredOn(e -> e.event().equals("PURGED")).singleElement()
          .satisfies(e -> assertThat(e.messageId()).contains(proof.message().getRouting().getMessageId()));
      fr.audit().verify();

      Path file = dir.resolve("purge.p7m");
      Files.write(file, proof.signedData());
      assertThat(verifyCli(net, file)).startsWith("0 VALID signed message").contains("(purge_record)");

      byte[] tampered = proof.signedData();
      int at = indexOf(tampered, "data protection officer".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      tampered[at] = 'D';
      assertThatThrownBy(() -> PurgeProofs.verify(tampered, net.pki.validator()))
          .isInstanceOf(PurgeProofInvalidException.class).hasMessageStartingWith("signature:");
      Path bad = dir.resolve("tampered.p7m");
      Files.write(bad, tampered);
      assertThat(verifyCli(net, bad)).startsWith("1 INVALID SIGNATURE_INVALID");

      // Nothing left: a second purge is refused and changes nothing.
      assertThatThrownBy(() -> fr.protection().purger().purge(caseId, "dpo", "again"))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("no message content to purge");
    }
  }

  private static String verifyCli(TestNetwork net, Path file) {
    StringWriter out = new StringWriter();
    CommandLine cli = Relay247Command.newCommandLine(Clock.systemUTC());
    cli.setOut(new PrintWriter(out));
    int code = cli.execute("verify", "--network", net.pki.layout().dir().toString(), file.toString());
    return code + " " + out.toString().strip();
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }
}
