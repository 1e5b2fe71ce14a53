package org.relay247.protocol.seal;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.Timestamps;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.relay247.pki.CertificatePurpose;
import org.relay247.pki.CertificateValidator;
import org.relay247.pki.Crypto;
import org.relay247.pki.DevelopmentNetwork;
import org.relay247.pki.NetworkPki;
import org.relay247.pki.NetworkSettings;
import org.relay247.pki.NodeIdentity;
import org.relay247.pki.PartyCode;
import org.relay247.pki.Password;
import org.relay247.pki.Pem;
import org.relay247.pki.Pkcs12;
import org.relay247.pki.Validity;
import org.relay247.protocol.MessageIds;
import org.relay247.protocol.directory.DefaultDirectory;
import org.relay247.protocol.v1.CertificateUsage;
import org.relay247.protocol.v1.Directory;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.NodeCertificate;
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

  /** The node certificates of the network's default directory: what openers bind signers to. */
  ListedCertificates listed() throws IOException {
    return ListedCertificates.of(DefaultDirectory.forNetwork(pki, Instant.EPOCH));
  }

  /**
   * A signing key whose certificate the Party's CA issued (so it validates) but which no
   * directory lists: what a stolen CA-issued key or a certificate for another system looks like.
   */
  SigningKey unlistedSigningKey(PartyCode party) throws IOException {
    KeyPair keys = Crypto.newKeyPair();
    X509Certificate cert = pki.partyCa(party).issueNodeCertificate(NodeIdentity.localDefault(party),
        CertificatePurpose.SIGN, keys.getPublic(), Validity.ofDays(clock, 30));
    List<X509Certificate> chain = signingKey(party).chain();
    return new SigningKey(keys.getPrivate(), List.of(cert, chain.get(1), chain.get(2)));
  }

  /** The default directory with {@code extra} listed beside the Party's node certificates (a rotation). */
  ListedCertificates listedWith(PartyCode party, X509Certificate extra) throws IOException {
    Directory.Builder directory = DefaultDirectory.forNetwork(pki, Instant.EPOCH).toBuilder();
    for (var p : directory.getPartiesBuilderList()) {
      if (p.getCode().equals(party.code())) {
        try {
          p.getNodesBuilder(0).addCertificates(NodeCertificate.newBuilder()
              .setUsage(CertificateUsage.CERTIFICATE_USAGE_SIGNING).setDer(ByteString.copyFrom(extra.getEncoded())));
        } catch (CertificateEncodingException e) {
          throw new IOException(e);
        }
      }
    }
    return ListedCertificates.of(directory.build());
  }

  EnvelopeOpener opener(PartyCode self, ListedCertificates listed) throws IOException {
    return new EnvelopeOpener(self, decryptionKey(self), validator(), listed, new WindowReplayGuard(SKEW.multipliedBy(2), clock),
        clock, SKEW);
  }

  EnvelopeOpener opener(PartyCode self) throws IOException {
    return opener(self, clock);
  }

  EnvelopeOpener opener(PartyCode self, Clock at) throws IOException {
    return new EnvelopeOpener(self, decryptionKey(self), validator(), listed(), new WindowReplayGuard(SKEW.multipliedBy(2), at),
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
