package org.relay247.protocol.fuzz;

import com.google.protobuf.util.Timestamps;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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
import org.relay247.protocol.directory.DefaultDirectory;
import org.relay247.protocol.seal.DecryptionKey;
import org.relay247.protocol.seal.DirectorySigner;
import org.relay247.protocol.seal.EnvelopeOpener;
import org.relay247.protocol.seal.EnvelopeRejectedException;
import org.relay247.protocol.seal.EnvelopeSealer;
import org.relay247.protocol.seal.ListedCertificates;
import org.relay247.protocol.seal.OpenedEnvelope;
import org.relay247.protocol.seal.SigningKey;
import org.relay247.protocol.seal.WindowReplayGuard;
import org.relay247.protocol.v1.Directory;
import org.relay247.protocol.v1.Envelope;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Ping;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.Routing;

/**
 * A fresh development network (FR sends, DE receives) generated into a temporary directory for
 * one fuzz test class, with one valid envelope and its SignedData as mutation templates. No key
 * is ever written outside that directory. The clock is fixed at creation, so the template's
 * signing time stays within the opener's skew however long a fuzzing session runs.
 */
final class FuzzNetwork {
  static final PartyCode FR = new PartyCode("FR");
  static final PartyCode DE = new PartyCode("DE");
  static final Duration SKEW = Duration.ofMinutes(5);

  final NetworkPki pki;
  final Clock clock;
  final CertificateValidator validator;
  final ListedCertificates listed;
  final SigningKey senderKey;
  final DecryptionKey recipientKey;
  final X509Certificate recipientEncryptionCertificate;
  final SigningKey directoryKey;
  /** FR/poc to DE/poc, sealed at {@link #clock}. */
  final InnerMessage templateInner;
  final Envelope templateEnvelope;
  /** The CMS SignedData inside {@link #templateEnvelope}, as the opener decrypted it. */
  final byte[] templateSignedData;

  FuzzNetwork(Path dir) throws IOException {
    this.pki = DevelopmentNetwork.create(dir, List.of(FR, DE), List.of(), NetworkSettings.defaults(),
        Clock.systemUTC());
    this.clock = Clock.fixed(Instant.now(), ZoneOffset.UTC);
    this.validator = pki.validator();
    this.listed = ListedCertificates.of(DefaultDirectory.forNetwork(pki, clock.instant()));
    this.senderKey = key(FR, CertificatePurpose.SIGN);
    SigningKey enc = key(DE, CertificatePurpose.ENC);
    this.recipientKey = new DecryptionKey(enc.privateKey(), enc.certificate());
    this.recipientEncryptionCertificate =
        Pem.readCertificate(pki.layout().nodeCertificate(DE, CertificatePurpose.ENC));
    Pkcs12 directoryStore = Pkcs12.load(pki.layout().directoryKeystore(),
        Password.fromFile(pki.layout().directoryPassword()));
    this.directoryKey = new SigningKey(directoryStore.privateKey("directory"),
        directoryStore.chain("directory"));

    this.templateInner = InnerMessage.newBuilder()
        .setRouting(Routing.newBuilder()
            .setMessageId(MessageIds.next(clock)).setSender("FR/poc").setRecipient("DE/poc")
            .setPriority(Priority.PRIORITY_EMERGENCY).setCreatedAt(Timestamps.fromMillis(clock.millis()))
            .setCaseId(MessageIds.next(clock)))
        .setLanguage("en")
        .setPing(Ping.newBuilder().setNonce("fuzz-template").setSentAt(Timestamps.fromMillis(clock.millis())))
        .build();
    this.templateEnvelope = new EnvelopeSealer(senderKey, clock).seal(templateInner, recipientEncryptionCertificate);
    try {
      this.templateSignedData = newOpener().open(templateEnvelope).signedData();
    } catch (EnvelopeRejectedException e) {
      throw new IllegalStateException("the template envelope does not open: " + e.getMessage(), e);
    }
  }

  private SigningKey key(PartyCode party, CertificatePurpose purpose) throws IOException {
    Pkcs12 store = Pkcs12.load(pki.layout().nodeKeystore(party), Password.fromFile(pki.layout().nodePassword(party)));
    return new SigningKey(store.privateKey(purpose.label()), store.chain(purpose.label()));
  }

  /** DE's opener with an empty replay guard, so every input is judged on its own. */
  EnvelopeOpener newOpener() {
    return new EnvelopeOpener(DE, recipientKey, validator, listed, new WindowReplayGuard(SKEW.multipliedBy(2), clock),
        clock, SKEW);
  }

  /** Opens and returns the result, or null when the opener refused it with a typed rejection. */
  OpenedEnvelope openOrNull(Envelope envelope) {
    try {
      return newOpener().open(envelope);
    } catch (EnvelopeRejectedException expected) {
      return null;
    }
  }

  byte[] signedDirectory(long version) {
    return new DirectorySigner(directoryKey, clock).sign(Directory.newBuilder().setVersion(version).build());
  }
}
