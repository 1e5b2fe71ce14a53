package org.relay247.simulator.load;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import org.relay247.pki.CertificatePurpose;
import org.relay247.pki.NetworkPki;
import org.relay247.pki.PartyCode;
import org.relay247.pki.Password;
import org.relay247.pki.Pem;
import org.relay247.pki.Pkcs12;
import org.relay247.protocol.directory.DefaultDirectory;
import org.relay247.protocol.seal.DecryptionKey;
import org.relay247.protocol.seal.EnvelopeOpener;
import org.relay247.protocol.seal.EnvelopeRejectedException;
import org.relay247.protocol.seal.EnvelopeSealer;
import org.relay247.protocol.seal.ListedCertificates;
import org.relay247.protocol.seal.ReceiptSigner;
import org.relay247.protocol.seal.ReceiptVerificationException;
import org.relay247.protocol.seal.ReceiptVerifier;
import org.relay247.protocol.seal.SigningKey;
import org.relay247.protocol.v1.Envelope;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Receipt;
import org.relay247.protocol.v1.ReceiptStatus;

/**
 * The cryptography of one exchange, FR to DE, timed in the harness's own JVM with the run's keys
 * and message: seal at FR, open at DE (every check), DE signs the receipt, FR verifies it (with
 * the SHA-256 of the envelope). Its CPU time per exchange ({@link ThreadMXBean} thread CPU time
 * over many iterations, after a warm-up) gives the crypto-bound rate: what the machine's cores
 * could deliver if the nodes did nothing but this. The same steps and classes as the nodes'
 * (and as {@code SealBenchmark}, its JMH counterpart).
 */
final class ExchangeCrypto {
  private static final PartyCode FR = TwoNodes.FR;
  private static final PartyCode DE = TwoNodes.DE;

  private final EnvelopeSealer sealer;
  private final EnvelopeOpener opener;
  private final ReceiptSigner signer;
  private final ReceiptVerifier verifier;
  private final X509Certificate recipientCertificate;

  private ExchangeCrypto(NetworkPki pki, Clock clock) throws IOException {
    ListedCertificates listed = ListedCertificates.of(DefaultDirectory.forNetwork(pki, clock.instant()));
    sealer = new EnvelopeSealer(key(pki, FR, CertificatePurpose.SIGN), clock);
    SigningKey enc = key(pki, DE, CertificatePurpose.ENC);
    // Admits every id: the same message is opened again and again (the nodes' replay guard is a
    // database lookup, counted with the store, not here).
    opener = new EnvelopeOpener(DE, new DecryptionKey(enc.privateKey(), enc.certificate()), pki.validator(), listed,
        (id, signingTime) -> { }, clock, Duration.ofHours(1));
    signer = new ReceiptSigner(key(pki, DE, CertificatePurpose.SIGN), clock);
    verifier = new ReceiptVerifier(pki.validator(), listed);
    recipientCertificate = Pem.readCertificate(pki.layout().nodeCertificate(DE, CertificatePurpose.ENC));
  }

  /** What one exchange's cryptography costs: CPU milliseconds, and the rate the cores bound. */
  record Cost(double exchangeCpuMs, int iterations, int cores) {
    /** Exchanges per second all cores could do: cores / CPU time of one exchange. */
    double boundRate() {
      return exchangeCpuMs <= 0 ? 0 : cores / exchangeCpuMs * 1000.0;
    }
  }

  /**
   * Times {@code iterations} exchanges of {@code message} (as FR submitted it) after as many
   * unmeasured ones, on this thread.
   */
  static Cost measure(Path networkDir, InnerMessage message, int iterations, Clock clock) throws Exception {
    ExchangeCrypto crypto = new ExchangeCrypto(NetworkPki.open(networkDir, clock), clock);
    for (int i = 0; i < iterations; i++) {
      crypto.exchange(message);
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpu0 = threads.getCurrentThreadCpuTime();
    for (int i = 0; i < iterations; i++) {
      crypto.exchange(message);
    }
    double cpuMs = (threads.getCurrentThreadCpuTime() - cpu0) / 1e6 / iterations;
    return new Cost(cpuMs, iterations, Runtime.getRuntime().availableProcessors());
  }

  private void exchange(InnerMessage message)
      throws EnvelopeRejectedException, ReceiptVerificationException, NoSuchAlgorithmException {
    Envelope envelope = sealer.seal(message, recipientCertificate);
    opener.open(envelope);
    byte[] envelopeBytes = envelope.toByteArray();
    Receipt receipt = Receipt.newBuilder().setMessageId(envelope.getRouting().getMessageId())
        .setEnvelopeSha256(ByteString.copyFrom(MessageDigest.getInstance("SHA-256").digest(envelopeBytes)))
        .setStatus(ReceiptStatus.RECEIPT_STATUS_ACCEPTED).build();
    byte[] signed = signer.sign(envelope.getRouting(), receipt);
    verifier.verify(signed, envelope.getRouting(), envelopeBytes);
  }

  private static SigningKey key(NetworkPki pki, PartyCode party, CertificatePurpose purpose) throws IOException {
    Pkcs12 store = Pkcs12.load(pki.layout().nodeKeystore(party), Password.fromFile(pki.layout().nodePassword(party)));
    return new SigningKey(store.privateKey(purpose.label()), store.chain(purpose.label()));
  }
}
