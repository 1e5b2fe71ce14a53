package org.relay247.protocol.seal;

import com.google.protobuf.util.Timestamps;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.relay247.pki.CertificatePurpose;
import org.relay247.pki.CertificateValidator;
import org.relay247.pki.DevelopmentNetwork;
import org.relay247.pki.NetworkPki;
import org.relay247.pki.NetworkSettings;
import org.relay247.pki.PartyCode;
import org.relay247.pki.Password;
import org.relay247.pki.Pem;
import org.relay247.pki.Pkcs12;
import org.relay247.protocol.MessageIds;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Ping;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.Routing;

/** A real development network (FR, DE, US) on disk, and the keys of its nodes, for seal tests. */
final class TestNodes {
  static final PartyCode FR = new PartyCode("FR");
  static final PartyCode DE = new PartyCode("DE");
  static final PartyCode US = new PartyCode("US");
  static final Duration SKEW = Duration.ofMinutes(5);

  final Path dir;
  final NetworkPki pki;
  final Clock clock = Clock.systemUTC();

  TestNodes(Path dir) throws IOException {
    this.dir = dir;
    this.pki = DevelopmentNetwork.create(dir, List.of(FR, DE, US), List.of(), NetworkSettings.defaults(), clock);
  }

  SigningKey key(PartyCode party, CertificatePurpose purpose) throws IOException {
    Pkcs12 store = Pkcs12.load(pki.layout().nodeKeystore(party), Password.fromFile(pki.layout().nodePassword(party)));
    return new SigningKey(store.privateKey(purpose.label()), store.chain(purpose.label()));
  }

  SigningKey signingKey(PartyCode party) throws IOException {
    return key(party, CertificatePurpose.SIGN);
  }

  DecryptionKey decryptionKey(PartyCode party) throws IOException {
    SigningKey enc = key(party, CertificatePurpose.ENC);
    return new DecryptionKey(enc.privateKey(), enc.certificate());
  }

  java.security.cert.X509Certificate encryptionCertificate(PartyCode party) throws IOException {
    return Pem.readCertificate(pki.layout().nodeCertificate(party, CertificatePurpose.ENC));
  }

  CertificateValidator validator() throws IOException {
    return pki.validator();
  }

  EnvelopeOpener opener(PartyCode self) throws IOException {
    return opener(self, clock);
  }

  EnvelopeOpener opener(PartyCode self, Clock at) throws IOException {
    return new EnvelopeOpener(self, decryptionKey(self), validator(), new WindowReplayGuard(SKEW.multipliedBy(2), at),
        at, SKEW);
  }

  InnerMessage ping(String from, String to) {
    return InnerMessage.newBuilder()
        .setRouting(Routing.newBuilder()
            .setMessageId(MessageIds.next(clock)).setSender(from).setRecipient(to)
            .setPriority(Priority.PRIORITY_EMERGENCY).setCreatedAt(Timestamps.fromMillis(clock.millis()))
            .setCaseId(MessageIds.next(clock)))
        .setPing(Ping.newBuilder().setNonce("n-" + System.nanoTime()))
        .build();
  }
}
