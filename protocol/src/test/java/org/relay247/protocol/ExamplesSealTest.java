package org.relay247.protocol;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.relay247.pki.CertificatePurpose;
import org.relay247.pki.DevelopmentNetwork;
import org.relay247.pki.NetworkPki;
import org.relay247.pki.NetworkSettings;
import org.relay247.pki.PartyCode;
import org.relay247.pki.Password;
import org.relay247.pki.Pkcs12;
import org.relay247.protocol.directory.DefaultDirectory;
import org.relay247.protocol.seal.DecryptionKey;
import org.relay247.protocol.seal.EnvelopeOpener;
import org.relay247.protocol.seal.EnvelopeSealer;
import org.relay247.protocol.seal.ListedCertificates;
import org.relay247.protocol.seal.OpenedEnvelope;
import org.relay247.protocol.seal.SigningKey;
import org.relay247.protocol.seal.WindowReplayGuard;
import org.relay247.protocol.v1.Envelope;
import org.relay247.protocol.v1.InnerMessage;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every example in {@code docs/examples/*.json} travels the whole sealed path: sealed by a node
 * of its sender's Party, opened by a node of its recipient's Party, and comes out identical. The
 * examples' routing is used as written (valid UUIDv7 ids; the opener checks the signing time,
 * which is now, not created_at).
 */
class ExamplesSealTest {
  private static final Duration SKEW = Duration.ofMinutes(5);

  @TempDir static Path dir;
  static NetworkPki pki;
  static final Clock CLOCK = Clock.systemUTC();

  @BeforeAll
  static void network() throws IOException {
    // The Parties the examples use; a new one there fails below with a message naming it.
    pki = DevelopmentNetwork.create(dir.resolve("net"),
        List.of(new PartyCode("FR"), new PartyCode("DE"), new PartyCode("US")), List.of(),
        NetworkSettings.defaults(), CLOCK);
  }

  static java.util.stream.Stream<Path> exampleFiles() throws IOException {
    return ExamplesTest.exampleFiles();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("exampleFiles")
  void example_sealedBySenderAndOpenedByRecipient_isIdentical(Path file) throws Exception {
    InnerMessage example = ExamplesTest.parse(file);
    PartyCode from = Address.parse(example.getRouting().getSender()).party();
    PartyCode to = Address.parse(example.getRouting().getRecipient()).party();
    assertThat(pki.layout().parties()).as("test network has the example's Parties").contains(from, to);

    Envelope envelope = new EnvelopeSealer(key(from, CertificatePurpose.SIGN), CLOCK)
        .seal(example, key(to, CertificatePurpose.ENC).certificate());
    SigningKey enc = key(to, CertificatePurpose.ENC);
    EnvelopeOpener opener = new EnvelopeOpener(to, new DecryptionKey(enc.privateKey(), enc.certificate()),
        pki.validator(), ListedCertificates.of(DefaultDirectory.forNetwork(pki, CLOCK.instant())),
        new WindowReplayGuard(SKEW.multipliedBy(2), CLOCK), CLOCK, SKEW);
    OpenedEnvelope opened = opener.open(Envelope.parseFrom(envelope.toByteArray()));

    assertThat(opened.inner()).isEqualTo(example);
    assertThat(opened.signer().party()).contains(from);
    assertThat(opened.envelope().getRouting()).isEqualTo(example.getRouting());
  }

  /** A node key with its chain, straight from {@code XX/keys.p12}. */
  private static SigningKey key(PartyCode party, CertificatePurpose purpose) throws IOException {
    Pkcs12 store = Pkcs12.load(pki.layout().nodeKeystore(party), Password.fromFile(pki.layout().nodePassword(party)));
    List<X509Certificate> chain = store.chain(purpose.label());
    return new SigningKey(store.privateKey(purpose.label()), chain);
  }
}
