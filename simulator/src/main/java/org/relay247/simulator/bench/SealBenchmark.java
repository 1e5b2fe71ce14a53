package org.relay247.simulator.bench;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.Timestamps;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.relay247.pki.CertificatePurpose;
import org.relay247.pki.CertificateValidationException;
import org.relay247.pki.CertificateValidator;
import org.relay247.pki.DevelopmentNetwork;
import org.relay247.pki.NetworkPki;
import org.relay247.pki.NetworkSettings;
import org.relay247.pki.PartyCode;
import org.relay247.pki.Password;
import org.relay247.pki.Pem;
import org.relay247.pki.Pkcs12;
import org.relay247.pki.ValidatedCertificate;
import org.relay247.protocol.MessageIds;
import org.relay247.protocol.directory.DefaultDirectory;
import org.relay247.protocol.seal.AuthEnvelopedCodec;
import org.relay247.protocol.seal.CmsException;
import org.relay247.protocol.seal.DecryptionKey;
import org.relay247.protocol.seal.EnvelopeOpener;
import org.relay247.protocol.seal.EnvelopeRejectedException;
import org.relay247.protocol.seal.EnvelopeSealer;
import org.relay247.protocol.seal.ListedCertificates;
import org.relay247.protocol.seal.OpenedEnvelope;
import org.relay247.protocol.seal.ReceiptSigner;
import org.relay247.protocol.seal.ReceiptVerificationException;
import org.relay247.protocol.seal.ReceiptVerifier;
import org.relay247.protocol.seal.SignedContent;
import org.relay247.protocol.seal.SignedDataCodec;
import org.relay247.protocol.seal.SigningKey;
import org.relay247.protocol.seal.VerifiedReceipt;
import org.relay247.protocol.v1.Envelope;
import org.relay247.protocol.v1.EvidenceChunk;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.Receipt;
import org.relay247.protocol.v1.ReceiptStatus;
import org.relay247.protocol.v1.Routing;

/**
 * JMH benchmark of the per-message cryptography of one exchange, FR to DE, on a development
 * network generated into a temporary directory at setup (no committed keys): {@link #seal},
 * {@link #open} (every check, with a replay guard that admits everything so the same envelope can
 * be opened again), {@link #receiptSign} and {@link #receiptVerify} (which hashes the envelope as
 * sent), for an evidence chunk of {@link #bodyBytes} bytes. The {@code sealPart*} and
 * {@code openPart*} benchmarks time the steps of seal and open alone, to show what dominates.
 *
 * <p>One thread: the figures are per core. Each benchmark also reports, through {@link CpuTime},
 * the CPU time its thread used per operation ({@code cpuNanos / ops}): on a shared machine the
 * wall-clock score includes time spent waiting for a core, the CPU time does not. Run it as
 * {@code docs/benchmarks.md} says; results belong in that file, never in a test.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
// 60 s: at 1 MiB, SunJCE's AES-GCM reaches its compiled (intrinsic) speed only after about 50 s,
// as each call processes a whole MiB and the JIT sees few invocations; 2 KiB is steady in seconds.
@Warmup(iterations = 12, time = 5)
@Measurement(iterations = 5, time = 3)
public class SealBenchmark {
  private static final PartyCode FR = new PartyCode("FR");
  private static final PartyCode DE = new PartyCode("DE");

  /** Size of the evidence chunk's data: 2 KiB (a typical request) and 1 MiB (a results chunk). */
  @Param({"2048", "1048576"})
  public int bodyBytes;

  private Path dir;
  private EnvelopeSealer sealer;
  private EnvelopeOpener opener;
  private ReceiptSigner receiptSigner;
  private ReceiptVerifier receiptVerifier;
  private CertificateValidator validator;
  private SigningKey senderKey;
  private DecryptionKey recipientKey;
  private X509Certificate recipientCertificate;
  private Clock clock;

  private InnerMessage inner;
  private Envelope envelope;
  private byte[] envelopeBytes;
  private byte[] innerBytes;
  private byte[] signedData;
  private SignedContent signedContent;
  private Receipt receipt;
  private byte[] signedReceipt;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    clock = Clock.systemUTC();
    dir = Files.createTempDirectory("relay247-bench-");
    NetworkPki pki = DevelopmentNetwork.create(dir.resolve("net"), List.of(FR, DE), List.of(),
        NetworkSettings.defaults(), clock);
    validator = pki.validator();
    ListedCertificates listed = ListedCertificates.of(DefaultDirectory.forNetwork(pki, clock.instant()));
    senderKey = key(pki, FR, CertificatePurpose.SIGN);
    SigningKey enc = key(pki, DE, CertificatePurpose.ENC);
    recipientKey = new DecryptionKey(enc.privateKey(), enc.certificate());
    recipientCertificate = Pem.readCertificate(pki.layout().nodeCertificate(DE, CertificatePurpose.ENC));

    sealer = new EnvelopeSealer(senderKey, clock);
    // Admits every id: the benchmark opens one envelope over and over. A trial lasts seconds, so
    // an hour of skew never triggers; the check itself is two Instant comparisons.
    opener = new EnvelopeOpener(DE, recipientKey, validator, listed, (id, signingTime) -> { }, clock, Duration.ofHours(1));
    receiptSigner = new ReceiptSigner(key(pki, DE, CertificatePurpose.SIGN), clock);
    receiptVerifier = new ReceiptVerifier(validator, listed);

    byte[] data = new byte[bodyBytes];
    new SecureRandom().nextBytes(data);
    inner = InnerMessage.newBuilder()
        .setRouting(Routing.newBuilder()
            .setMessageId(MessageIds.next(clock)).setSender("FR/poc").setRecipient("DE/poc")
            .setPriority(Priority.PRIORITY_URGENT).setCreatedAt(Timestamps.fromMillis(clock.millis()))
            .setCaseId(MessageIds.next(clock)))
        .setLanguage("en")
        .setEvidenceChunk(EvidenceChunk.newBuilder()
            .setManifestMessageId(MessageIds.next(clock)).setItemId("item-1").setIndex(0).setOffset(0)
            .setData(ByteString.copyFrom(data)).setSha256(ByteString.copyFrom(sha256(data))))
        .build();
    innerBytes = inner.toByteArray();
    envelope = sealer.seal(inner, recipientCertificate);
    envelopeBytes = envelope.toByteArray();
    OpenedEnvelope opened = opener.open(envelope);
    if (!opened.inner().equals(inner)) {
      throw new IllegalStateException("the sealed envelope does not open to what was sealed");
    }
    signedData = opened.signedData();
    signedContent = SignedDataCodec.verify(signedData);
    receipt = Receipt.newBuilder()
        .setMessageId(envelope.getRouting().getMessageId())
        .setEnvelopeSha256(ByteString.copyFrom(sha256(envelopeBytes)))
        .setStatus(ReceiptStatus.RECEIPT_STATUS_ACCEPTED)
        .build();
    signedReceipt = receiptSigner.sign(envelope.getRouting(), receipt);
    receiptVerifier.verify(signedReceipt, envelope.getRouting(), envelopeBytes);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** Sender: serialize, sign (SignedData), encrypt (AuthEnvelopedData), wrap. */
  @Benchmark
  public Envelope seal(CpuTime cpu) {
    cpu.ops++;
    return sealer.seal(inner, recipientCertificate);
  }

  /** Receiver: every check of {@link EnvelopeOpener#open}. */
  @Benchmark
  public OpenedEnvelope open(CpuTime cpu) throws EnvelopeRejectedException {
    cpu.ops++;
    return opener.open(envelope);
  }

  /** Receiver: signs the acceptance receipt (small; does not grow with the body). */
  @Benchmark
  public byte[] receiptSign(CpuTime cpu) {
    cpu.ops++;
    return receiptSigner.sign(envelope.getRouting(), receipt);
  }

  /** Sender: verifies the receipt, including the SHA-256 of the envelope bytes as sent. */
  @Benchmark
  public VerifiedReceipt receiptVerify(CpuTime cpu) throws ReceiptVerificationException {
    cpu.ops++;
    return receiptVerifier.verify(signedReceipt, envelope.getRouting(), envelopeBytes);
  }

  /** Part of seal: CMS SignedData over the serialized inner message (SHA-256 + ECDSA, BC). */
  @Benchmark
  public byte[] sealPartSign(CpuTime cpu) {
    cpu.ops++;
    return SignedDataCodec.sign(innerBytes, senderKey, clock.instant());
  }

  /** Part of seal: AuthEnvelopedData (ephemeral P-256 key, ECDH, key wrap, AES-256-GCM in SunJCE). */
  @Benchmark
  public byte[] sealPartEncrypt(CpuTime cpu) {
    cpu.ops++;
    return AuthEnvelopedCodec.encrypt(signedData, recipientCertificate);
  }

  /** Part of open: strict structure checks, ECDH, key unwrap, AES-256-GCM decryption in BC. */
  @Benchmark
  public byte[] openPartDecrypt(CpuTime cpu) throws CmsException {
    cpu.ops++;
    return AuthEnvelopedCodec.decrypt(envelope.getSealed().toByteArray(), recipientKey);
  }

  /** Part of open: SignedData parsing, SHA-256 of the content, ECDSA verification. */
  @Benchmark
  public SignedContent openPartVerifySignature(CpuTime cpu) throws CmsException {
    cpu.ops++;
    return SignedDataCodec.verify(signedData);
  }

  /** Part of open: the signer's chain, CRLs and PKIX validation (independent of the body). */
  @Benchmark
  public ValidatedCertificate openPartValidateSigner(CpuTime cpu) throws CertificateValidationException {
    cpu.ops++;
    return validator.validate(signedContent.signerChain(), CertificatePurpose.SIGN);
  }

  /**
   * CPU time of the benchmark thread over one iteration, and the operations it ran, as JMH
   * secondary results ({@code :cpuNanos}, {@code :ops}); their ratio is the CPU cost per operation.
   */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class CpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public long cpuNanos;
    public long ops;
    private long start;

    @Setup(Level.Iteration)
    public void start() {
      cpuNanos = 0;
      ops = 0;
      start = THREADS.getCurrentThreadCpuTime();
    }

    @TearDown(Level.Iteration)
    public void stop() {
      cpuNanos = THREADS.getCurrentThreadCpuTime() - start;
    }
  }

  private static SigningKey key(NetworkPki pki, PartyCode party, CertificatePurpose purpose) throws IOException {
    Pkcs12 store = Pkcs12.load(pki.layout().nodeKeystore(party), Password.fromFile(pki.layout().nodePassword(party)));
    return new SigningKey(store.privateKey(purpose.label()), store.chain(purpose.label()));
  }

  private static byte[] sha256(byte[] bytes) throws NoSuchAlgorithmException {
    return MessageDigest.getInstance("SHA-256").digest(bytes);
  }
}
