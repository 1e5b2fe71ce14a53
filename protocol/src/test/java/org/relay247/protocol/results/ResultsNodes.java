package org.relay247.protocol.results;

import com.google.protobuf.util.Timestamps;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.relay247.pki.CertificatePurpose;
import org.relay247.pki.DevelopmentNetwork;
import org.relay247.pki.NetworkPki;
import org.relay247.pki.NetworkSettings;
import org.relay247.pki.PartyCode;
import org.relay247.pki.Password;
import org.relay247.pki.Pem;
import org.relay247.pki.Pkcs12;
import org.relay247.protocol.MessageIds;
import org.relay247.protocol.directory.DefaultDirectory;
import org.relay247.protocol.seal.DecryptionKey;
import org.relay247.protocol.seal.EnvelopeOpener;
import org.relay247.protocol.seal.EnvelopeRejectedException;
import org.relay247.protocol.seal.EnvelopeSealer;
import org.relay247.protocol.seal.ListedCertificates;
import org.relay247.protocol.seal.OpenedEnvelope;
import org.relay247.protocol.seal.SigningKey;
import org.relay247.protocol.seal.WindowReplayGuard;
import org.relay247.protocol.v1.Envelope;
import org.relay247.protocol.v1.EvidenceChunk;
import org.relay247.protocol.v1.EvidenceManifest;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.Routing;

/**
 * A real development network (FR, DE) on disk; FR/poc sends results to DE/poc over the whole
 * sealed path: seal at FR, serialize, parse, open at DE. Results answer an Art. 9 emergency
 * request, so they travel with PRIORITY_EMERGENCY, all in one case.
 */
final class ResultsNodes {
  static final PartyCode FR = new PartyCode("FR");
  static final PartyCode DE = new PartyCode("DE");
  static final Duration SKEW = Duration.ofMinutes(5);

  final Clock clock = Clock.systemUTC();
  final String caseId = MessageIds.next(clock);
  final String requestMessageId = MessageIds.next(clock);
  private final EnvelopeSealer sealer;
  private final X509Certificate recipientCertificate;
  private final EnvelopeOpener opener;

  ResultsNodes(Path dir) throws IOException {
    NetworkPki pki = DevelopmentNetwork.create(dir, List.of(FR, DE), List.of(), NetworkSettings.defaults(), clock);
    this.sealer = new EnvelopeSealer(key(pki, FR, CertificatePurpose.SIGN), clock);
    this.recipientCertificate = Pem.readCertificate(pki.layout().nodeCertificate(DE, CertificatePurpose.ENC));
    SigningKey enc = key(pki, DE, CertificatePurpose.ENC);
    this.opener = new EnvelopeOpener(DE, new DecryptionKey(enc.privateKey(), enc.certificate()), pki.validator(),
        ListedCertificates.of(DefaultDirectory.forNetwork(pki, clock.instant())),
        new WindowReplayGuard(SKEW.multipliedBy(2), clock), clock, SKEW);
  }

  private static SigningKey key(NetworkPki pki, PartyCode party, CertificatePurpose purpose) throws IOException {
    Pkcs12 store = Pkcs12.load(pki.layout().nodeKeystore(party), Password.fromFile(pki.layout().nodePassword(party)));
    return new SigningKey(store.privateKey(purpose.label()), store.chain(purpose.label()));
  }

  private Routing routing() {
    return Routing.newBuilder()
        .setMessageId(MessageIds.next(clock)).setSender("FR/poc").setRecipient("DE/poc")
        .setPriority(Priority.PRIORITY_EMERGENCY).setCreatedAt(Timestamps.fromMillis(clock.millis()))
        .setCaseId(caseId).setReplyToId(requestMessageId)
        .build();
  }

  InnerMessage manifestMessage(EvidenceManifest manifest) {
    return InnerMessage.newBuilder().setRouting(routing()).setEvidenceManifest(manifest).build();
  }

  InnerMessage chunkMessage(EvidenceChunk chunk) {
    return InnerMessage.newBuilder().setRouting(routing()).setEvidenceChunk(chunk).build();
  }

  /** Seals at FR, carries the bytes, opens at DE. */
  OpenedEnvelope transmit(InnerMessage inner) throws IOException, EnvelopeRejectedException {
    byte[] wire = sealer.seal(inner, recipientCertificate).toByteArray();
    return opener.open(Envelope.parseFrom(wire));
  }
}
