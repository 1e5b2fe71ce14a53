package org.relay247.pki;

import static org.relay247.pki.CertificateValidationException.Reason;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateRevokedException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * Validates a certificate of the network for one purpose, failing closed. In order: the chain to
 * this network's root, the validity of every certificate in it, key usage and extended key usage
 * for the purpose, the Party binding (the certificate's country is its CA's Party), a present and
 * current CRL for every certificate in the chain, and finally the JDK PKIX validator (signatures,
 * basic constraints, path length, revocation). The first failure throws with its own
 * {@link Reason}.
 *
 * <p>A validator judges against one immutable {@link TrustMaterial} snapshot, so it remembers
 * its successful validations (per presented chain and purpose, in a cache of {@value
 * ValidationCache#DEFAULT_CAPACITY} entries that validators on byte-equal trust material share
 * JVM-wide) for as long as they hold: from the latest notBefore
 * in the chain (or thisUpdate of a CRL used) to the earliest notAfter in the chain, nextUpdate of a
 * CRL used, or revocation date listed for a certificate of the chain. Outside that window, by the
 * clock, the chain is validated in full again. Failures are never remembered. New CRLs or trust
 * anchors take effect by building a new validator on the new snapshot, whose different bytes
 * share nothing with the old one.
 * Thread-safe.
 */
public final class CertificateValidator {
  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  private static final String EMAIL_PROTECTION = "1.3.6.1.5.5.7.3.4";
  private static final int DIGITAL_SIGNATURE = 0;
  private static final int NON_REPUDIATION = 1;
  private static final int KEY_AGREEMENT = 4;

  private final TrustMaterial trust;
  private final Clock clock;
  private final TrustDigest trustDigest;
  private final ValidationCache cache = ValidationCache.SHARED;
  private final LongAdder fullValidations = new LongAdder();

  public CertificateValidator(TrustMaterial trust, Clock clock) {
    this.trust = Objects.requireNonNull(trust, "trust");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.trustDigest = TrustDigest.of(trust);
  }

  public TrustMaterial trust() {
    return trust;
  }

  /** Validates a certificate whose issuing CA is one this validator knows. */
  public ValidatedCertificate validate(X509Certificate certificate, CertificatePurpose purpose)
      throws CertificateValidationException {
    return validate(List.of(certificate), purpose);
  }

  /**
   * Validates the first certificate of {@code presented}; the others (as sent in a TLS handshake
   * or a CMS message) may supply its CA, which must itself chain to this network's root.
   */
  public ValidatedCertificate validate(List<X509Certificate> presented, CertificatePurpose purpose)
      throws CertificateValidationException {
    if (presented.isEmpty()) {
      throw new CertificateValidationException(Reason.INVALID_PATH, "no certificate presented");
    }
    Instant now = clock.instant();
    Optional<ValidationCache.Key> key = ValidationCache.keyOf(trustDigest, presented, purpose);
    if (key.isPresent()) {
      Optional<ValidatedCertificate> cached = cache.get(key.get(), now);
      if (cached.isPresent()) {
        return cached.get();
      }
    }
    List<X509CRL> crlsUsed = new ArrayList<>();
    ValidatedCertificate validated = validateFully(presented, purpose, now, crlsUsed);
    ValidationCache.Window window = window(validated.chain(), crlsUsed);
    // A window not containing now (a root already past notAfter, which PKIX does not check) is
    // not worth storing: every lookup would miss.
    if (key.isPresent() && window.contains(now)) {
      cache.put(key.get(), validated, window);
    }
    return validated;
  }

  /** How many validations ran in full rather than from the cache (tests observe the cache). */
  long fullValidations() {
    return fullValidations.sum();
  }

  private ValidatedCertificate validateFully(List<X509Certificate> presented,
      CertificatePurpose purpose, Instant now, List<X509CRL> crlsUsed)
      throws CertificateValidationException {
    fullValidations.increment();
    X509Certificate leaf = presented.get(0);
    List<X509Certificate> path = pathToRoot(leaf, presented);
    for (X509Certificate cert : path) {
      requireWithinValidity(cert, now);
    }
    requirePurpose(leaf, purpose, path.size() == 1);
    Optional<PartyCode> party = path.size() == 2 ? Optional.of(requireSameParty(leaf, path.get(1)))
        : Optional.empty();
    for (int i = 0; i < path.size(); i++) {
      X509Certificate issuer = i + 1 < path.size() ? path.get(i + 1) : trust.root();
      crlsUsed.add(requireCurrentCrl(path.get(i), issuer, now));
    }
    runPkix(path, now);
    List<X509Certificate> chain = new ArrayList<>(path);
    chain.add(trust.root());
    return new ValidatedCertificate(leaf, purpose, party, chain);
  }

  /**
   * When a successful validation still holds: every certificate of the chain and
   * every CRL relied on must be within its validity, and PKIX treats a listed certificate as
   * revoked only after its revocation date, so a revocation dated in the future (in any CRL of the
   * snapshot, as PKIX may consult them all) ends the window too.
   */
  private ValidationCache.Window window(List<X509Certificate> chain, List<X509CRL> crlsUsed) {
    Instant from = Instant.MIN;
    Instant until = Instant.MAX;
    for (X509Certificate cert : chain) {
      from = latest(from, cert.getNotBefore().toInstant());
      until = earliest(until, cert.getNotAfter().toInstant());
    }
    for (X509CRL crl : crlsUsed) {
      from = latest(from, crl.getThisUpdate().toInstant());
      until = earliest(until, crl.getNextUpdate().toInstant());
    }
    for (X509CRL crl : trust.crls()) {
      for (X509Certificate cert : chain) {
        X509CRLEntry entry = crl.getRevokedCertificate(cert);
        if (entry != null) {
          until = earliest(until, entry.getRevocationDate().toInstant());
        }
      }
    }
    return new ValidationCache.Window(from, until);
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant earliest(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  /** [leaf] when the root issued it, else [leaf, its Party CA]. */
  private List<X509Certificate> pathToRoot(X509Certificate leaf, List<X509Certificate> presented)
      throws CertificateValidationException {
    X509Certificate root = trust.root();
    if (leaf.getIssuerX500Principal().equals(root.getSubjectX500Principal())) {
      requireSignedBy(leaf, root);
      return List.of(leaf);
    }
    List<X509Certificate> candidates = new ArrayList<>(trust.partyCas());
    candidates.addAll(presented.subList(1, presented.size()));
    boolean nameKnown = false;
    for (X509Certificate ca : candidates) {
      if (!ca.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())) {
        continue;
      }
      nameKnown = true;
      if (isSignedBy(leaf, ca)) {
        if (!ca.getIssuerX500Principal().equals(root.getSubjectX500Principal()) || !isSignedBy(ca, root)) {
          throw new CertificateValidationException(Reason.UNTRUSTED, "CA "
              + DistinguishedNames.describe(ca) + " chains to a foreign root, not to "
              + DistinguishedNames.describe(root));
        }
        return List.of(leaf, ca);
      }
    }
    throw new CertificateValidationException(Reason.UNTRUSTED, DistinguishedNames.describe(leaf)
        + (nameKnown
            ? " names issuer " + leaf.getIssuerX500Principal().getName()
                + " but no CA of this network signed it (foreign root or forged)"
            : " was issued by " + leaf.getIssuerX500Principal().getName()
                + ", which is not a CA of this network"));
  }

  private static void requireWithinValidity(X509Certificate cert, Instant now)
      throws CertificateValidationException {
    if (now.isAfter(cert.getNotAfter().toInstant())) {
      throw new CertificateValidationException(Reason.EXPIRED, DistinguishedNames.describe(cert)
          + " expired at " + cert.getNotAfter().toInstant() + " (now " + now + ")");
    }
    if (now.isBefore(cert.getNotBefore().toInstant())) {
      throw new CertificateValidationException(Reason.NOT_YET_VALID, DistinguishedNames.describe(cert)
          + " is not valid before " + cert.getNotBefore().toInstant() + " (now " + now + ")");
    }
  }

  private static void requirePurpose(X509Certificate leaf, CertificatePurpose purpose, boolean issuedByRoot)
      throws CertificateValidationException {
    String who = DistinguishedNames.describe(leaf);
    if (leaf.getBasicConstraints() >= 0) {
      throw wrongPurpose(who + " is a CA certificate, not a " + purpose.label() + " certificate");
    }
    if (purpose.isPartyBound() == issuedByRoot) {
      throw wrongPurpose(who + (issuedByRoot
          ? " was issued by the root itself; " + purpose.label() + " certificates come from a Party CA"
          : " was issued by a Party CA; the directory signer is issued by the root"));
    }
    boolean[] ku = leaf.getKeyUsage();
    List<String> eku;
    try {
      eku = Optional.ofNullable(leaf.getExtendedKeyUsage()).orElse(List.of());
    } catch (java.security.cert.CertificateParsingException e) {
      throw new CertificateValidationException(Reason.INVALID_PATH, who + ": unreadable extended key usage", e);
    }
    switch (purpose) {
      case TLS -> {
        requireKeyUsage(who, purpose, ku, DIGITAL_SIGNATURE, "digitalSignature");
        requireEku(who, purpose, eku, SERVER_AUTH, "serverAuth");
        requireEku(who, purpose, eku, CLIENT_AUTH, "clientAuth");
      }
      case SIGN, DIRECTORY -> {
        requireKeyUsage(who, purpose, ku, DIGITAL_SIGNATURE, "digitalSignature");
        requireKeyUsage(who, purpose, ku, NON_REPUDIATION, "nonRepudiation");
        requireEku(who, purpose, eku, EMAIL_PROTECTION, "emailProtection");
        if (eku.contains(SERVER_AUTH) || eku.contains(CLIENT_AUTH)) {
          throw wrongPurpose(who + " is a TLS certificate (serverAuth/clientAuth), not a "
              + purpose.label() + " certificate");
        }
      }
      case ENC -> {
        requireKeyUsage(who, purpose, ku, KEY_AGREEMENT, "keyAgreement");
        requireEku(who, purpose, eku, EMAIL_PROTECTION, "emailProtection");
      }
    }
  }

  private static void requireKeyUsage(String who, CertificatePurpose purpose, boolean[] ku, int bit,
      String name) throws CertificateValidationException {
    if (ku == null || ku.length <= bit || !ku[bit]) {
      throw wrongPurpose(who + ": key usage lacks " + name + " (required for purpose "
          + purpose.label() + ")");
    }
  }

  private static void requireEku(String who, CertificatePurpose purpose, List<String> eku, String oid,
      String name) throws CertificateValidationException {
    if (!eku.contains(oid)) {
      throw wrongPurpose(who + ": extended key usage lacks " + name + " (required for purpose "
          + purpose.label() + ")");
    }
  }

  private static CertificateValidationException wrongPurpose(String message) {
    return new CertificateValidationException(Reason.WRONG_PURPOSE, message);
  }

  private static PartyCode requireSameParty(X509Certificate leaf, X509Certificate ca)
      throws CertificateValidationException {
    Optional<String> caCountry = DistinguishedNames.country(ca.getSubjectX500Principal());
    Optional<String> leafCountry = DistinguishedNames.country(leaf.getSubjectX500Principal());
    if (caCountry.isEmpty()) {
      throw new CertificateValidationException(Reason.PARTY_MISMATCH,
          "issuing CA " + DistinguishedNames.describe(ca) + " names no Party (C attribute)");
    }
    if (!caCountry.equals(leafCountry)) {
      throw new CertificateValidationException(Reason.PARTY_MISMATCH, DistinguishedNames.describe(leaf)
          + " names Party " + leafCountry.orElse("(none)") + " but was issued by the CA of Party "
          + caCountry.get());
    }
    try {
      return new PartyCode(caCountry.get());
    } catch (IllegalArgumentException e) {
      throw new CertificateValidationException(Reason.PARTY_MISMATCH, e.getMessage(), e);
    }
  }

  /** The newest CRL of {@code issuer}, which must be current. */
  private X509CRL requireCurrentCrl(X509Certificate subject, X509Certificate issuer, Instant now)
      throws CertificateValidationException {
    X509CRL newest = trust.crls().stream()
        .filter(crl -> crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal()))
        .filter(crl -> verifies(crl, issuer))
        .max(Comparator.comparing(CertificateAuthority::crlNumber))
        .orElseThrow(() -> new CertificateValidationException(Reason.CRL_MISSING,
            "no CRL from " + DistinguishedNames.describe(issuer) + ", so the revocation status of "
                + DistinguishedNames.describe(subject) + " is unknown (refused: fail closed)"));
    BigInteger number = CertificateAuthority.crlNumber(newest);
    Date next = newest.getNextUpdate();
    if (next == null || now.isAfter(next.toInstant())) {
      throw new CertificateValidationException(Reason.CRL_EXPIRED, "newest CRL (number " + number
          + ") from " + DistinguishedNames.describe(issuer) + " expired at "
          + (next == null ? "(no nextUpdate)" : next.toInstant()) + " (now " + now
          + "): publish a fresh one");
    }
    if (now.isBefore(newest.getThisUpdate().toInstant())) {
      throw new CertificateValidationException(Reason.CRL_EXPIRED, "newest CRL (number " + number
          + ") from " + DistinguishedNames.describe(issuer) + " is not valid before "
          + newest.getThisUpdate().toInstant() + " (now " + now + ")");
    }
    return newest;
  }

  private void runPkix(List<X509Certificate> path, Instant now) throws CertificateValidationException {
    try {
      CertPathValidator validator = CertPathValidator.getInstance("PKIX");
      PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(trust.root(), null)));
      params.setDate(Date.from(now));
      params.addCertStore(CertStore.getInstance("Collection",
          new CollectionCertStoreParameters(trust.crls())));
      PKIXRevocationChecker revocation = (PKIXRevocationChecker) validator.getRevocationChecker();
      // CRLs only: the network publishes no OCSP responder, and nothing may be fetched.
      revocation.setOptions(EnumSet.of(PKIXRevocationChecker.Option.PREFER_CRLS,
          PKIXRevocationChecker.Option.NO_FALLBACK));
      params.addCertPathChecker(revocation);
      validator.validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
    } catch (CertPathValidatorException e) {
      throw fromPkix(e, path);
    } catch (GeneralSecurityException e) {
      throw new CertificateValidationException(Reason.INVALID_PATH, "PKIX validation unavailable: " + e, e);
    }
  }

  private static CertificateValidationException fromPkix(CertPathValidatorException e,
      List<X509Certificate> path) {
    int index = e.getIndex();
    String who = index >= 0 && index < path.size() ? DistinguishedNames.describe(path.get(index))
        : DistinguishedNames.describe(path.get(0));
    if (e.getCause() instanceof CertificateRevokedException revoked) {
      return new CertificateValidationException(Reason.REVOKED, who + " was revoked at "
          + revoked.getRevocationDate().toInstant() + " (reason: " + revoked.getRevocationReason()
          + ")", e);
    }
    Reason reason;
    if (e.getReason() == BasicReason.REVOKED) {
      reason = Reason.REVOKED;
    } else if (e.getReason() == BasicReason.EXPIRED) {
      reason = Reason.EXPIRED;
    } else if (e.getReason() == BasicReason.NOT_YET_VALID) {
      reason = Reason.NOT_YET_VALID;
    } else if (e.getReason() == BasicReason.UNDETERMINED_REVOCATION_STATUS) {
      reason = Reason.CRL_MISSING;
    } else if (e.getReason() == BasicReason.INVALID_SIGNATURE || e.getReason() == PKIXReason.NO_TRUST_ANCHOR) {
      reason = Reason.UNTRUSTED;
    } else {
      reason = Reason.INVALID_PATH;
    }
    return new CertificateValidationException(reason, who + ": " + e.getMessage(), e);
  }

  private static void requireSignedBy(X509Certificate cert, X509Certificate issuer)
      throws CertificateValidationException {
    if (!isSignedBy(cert, issuer)) {
      throw new CertificateValidationException(Reason.UNTRUSTED, DistinguishedNames.describe(cert)
          + " names this network's root as issuer but the root did not sign it (foreign root or forged)");
    }
  }

  private static boolean isSignedBy(X509Certificate cert, X509Certificate issuer) {
    try {
      cert.verify(issuer.getPublicKey(), Crypto.ecdsaProvider());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static boolean verifies(X509CRL crl, X509Certificate issuer) {
    try {
      crl.verify(issuer.getPublicKey(), Crypto.ecdsaProvider());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
