package org.relay247.gateway.directory;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.security.auth.x500.X500Principal;
import org.relay247.pki.CertificateAuthority;
import org.relay247.pki.CertificateValidator;
import org.relay247.pki.Crypto;
import org.relay247.pki.DistinguishedNames;
import org.relay247.pki.Pem;
import org.relay247.pki.SecureFiles;
import org.relay247.pki.TrustMaterial;

/**
 * The node's current trust: the network root, the Party CAs of the current directory, and the
 * CRLs: those of the CRL files (re-read on {@link #refresh}) and those fetched from peers
 * ({@link #adopt}, kept in the CRL cache directory across restarts). Of each issuer the CRL with
 * the highest CRL number is used. Every check asks {@link #validator()} for the current state.
 */
public final class TrustSource {
  /** A signing time this far ahead of our clock is still accepted as thisUpdate (clock skew). */
  private static final Duration SKEW = Duration.ofMinutes(5);

  private final X509Certificate root;
  private final List<Path> crlFiles;
  private final Optional<Path> cacheDir;
  private final Clock clock;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private volatile List<X509Certificate> partyCas = List.of();
  private volatile List<X509CRL> fileCrls = List.of();
  private final Map<X500Principal, X509CRL> fetched = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile List<X509CRL> crls = List.of();
  private volatile CertificateValidator validator;

  public TrustSource(X509Certificate root, List<Path> crlFiles, Clock clock) throws IOException {
    this(root, crlFiles, Optional.empty(), clock);
  }

  /**
   * @param cacheDir where CRLs adopted from peers are written (and read back at start), if anywhere
   */
  public TrustSource(X509Certificate root, List<Path> crlFiles, Optional<Path> cacheDir, Clock clock)
      throws IOException {
    this.root = Objects.requireNonNull(root, "root");
    this.crlFiles = List.copyOf(crlFiles);
    this.cacheDir = cacheDir;
    this.clock = clock;
    if (cacheDir.isPresent() && Files.isDirectory(cacheDir.get())) {
      try (var files = Files.list(cacheDir.get())) {
        for (Path f : files.filter(p -> p.toString().endsWith(".pem")).sorted().toList()) {
          X509CRL crl = Pem.readCrl(f);
          fetched.merge(crl.getIssuerX500Principal(), crl, TrustSource::newer);
        }
      }
    }
    refresh();
  }

  public X509Certificate root() {
    return root;
  }

  /** The CRLs the current validator relies on (of each issuer the newest). */
  public List<X509CRL> crls() {
    return crls;
  }

  /** The newest CRL held of {@code issuer} ("root" or a Party code), from a file or a peer. */
  public Optional<X509CRL> crlOf(String issuer) {
    return issuerCertificate(issuer).flatMap(ca -> crls.stream()
        .filter(c -> c.getIssuerX500Principal().equals(ca.getSubjectX500Principal())).findFirst());
  }

  public CertificateValidator validator() {
    return validator;
  }

  /** Called after the CRLs in use changed (a newer CRL was read or adopted). */
  public void onChange(Runnable listener) {
    listeners.add(listener);
  }

  /** Adopts the Party CAs of a newly verified directory. */
  public void useDirectory(DirectoryView directory) {
    partyCas = directory.allCaCertificates();
    rebuild();
  }

  /** Re-reads the CRL files; a file that cannot be read keeps its previous CRL out (fail closed). */
  public void refresh() throws IOException {
    List<X509CRL> read = new ArrayList<>();
    for (Path f : crlFiles) {
      read.add(Pem.readCrl(f));
    }
    fileCrls = read;
    rebuild();
  }

  /**
   * Adopts a CRL of {@code issuer} ("root" or a Party code) obtained from a peer, if it is newer
   * than the one held: it must be signed by that issuer's CA (the root, or the Party's CA in the
   * current directory), be current, and carry a higher CRL number.
   *
   * @return whether it was adopted (false: not newer than the one held)
   * @throws CrlRefusedException naming the check it failed
   */
  public boolean adopt(String issuer, X509CRL crl) throws CrlRefusedException {
    X509Certificate ca = issuerCertificate(issuer).orElseThrow(() -> new CrlRefusedException(
        "issuer " + issuer + ": no such CA in the directory (expected: root or a Party code)"));
    if (!crl.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
      throw new CrlRefusedException("CRL of " + crl.getIssuerX500Principal().getName() + " (expected: "
          + DistinguishedNames.describe(ca) + ")");
    }
    try {
      crl.verify(ca.getPublicKey(), Crypto.ecdsaProvider());
    } catch (GeneralSecurityException e) {
      throw new CrlRefusedException("CRL of " + issuer + ": signature does not verify with its CA's key");
    }
    Instant now = clock.instant();
    if (crl.getThisUpdate().toInstant().isAfter(now.plus(SKEW)) || crl.getNextUpdate() == null
        || !crl.getNextUpdate().toInstant().isAfter(now)) {
      throw new CrlRefusedException("CRL of " + issuer + ": not current (thisUpdate " + crl.getThisUpdate().toInstant()
          + ", nextUpdate " + (crl.getNextUpdate() == null ? "none" : crl.getNextUpdate().toInstant()) + ", now " + now
          + ")");
    }
    synchronized (this) {
      BigInteger held = crlOf(issuer).map(CertificateAuthority::crlNumber).orElse(BigInteger.valueOf(-1));
      if (CertificateAuthority.crlNumber(crl).compareTo(held) <= 0) {
        return false;
      }
      fetched.put(crl.getIssuerX500Principal(), crl);
      if (cacheDir.isPresent()) {
        try {
          Files.createDirectories(cacheDir.get());
          SecureFiles.writePublic(cacheDir.get().resolve(issuer + ".pem"),
              Pem.encode(crl).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        } catch (IOException e) {
          // Still used from memory; the next start reads the CRL files and fetches again.
          org.slf4j.LoggerFactory.getLogger(TrustSource.class).warn("CRL cache not written: {}", e.toString());
        }
      }
      rebuild();
    }
    return true;
  }

  /** A CRL from a peer was refused: not of the CA it claims, badly signed, or not current. */
  public static final class CrlRefusedException extends Exception {
    public CrlRefusedException(String message) {
      super(message);
    }
  }

  private Optional<X509Certificate> issuerCertificate(String issuer) {
    if (issuer.equals("root")) {
      return Optional.of(root);
    }
    return partyCas.stream().filter(ca -> DistinguishedNames.country(ca.getSubjectX500Principal())
        .filter(issuer::equals).isPresent()).findFirst();
  }

  private static X509CRL newer(X509CRL a, X509CRL b) {
    return CertificateAuthority.crlNumber(b).compareTo(CertificateAuthority.crlNumber(a)) > 0 ? b : a;
  }

  private synchronized void rebuild() {
    Map<X500Principal, X509CRL> newest = new LinkedHashMap<>();
    for (X509CRL crl : fileCrls) {
      newest.merge(crl.getIssuerX500Principal(), crl, TrustSource::newer);
    }
    fetched.values().forEach(crl -> newest.merge(crl.getIssuerX500Principal(), crl, TrustSource::newer));
    List<X509CRL> next = List.copyOf(newest.values());
    boolean changed = !next.equals(crls);
    crls = next;
    validator = new CertificateValidator(new TrustMaterial(root, partyCas, next), clock);
    if (changed && !listeners.isEmpty()) {
      listeners.forEach(Runnable::run);
    }
  }
}
