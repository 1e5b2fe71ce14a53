package org.relay247.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.relay247.pki.CertificatePurpose.SIGN;
import static org.relay247.pki.CertificatePurpose.TLS;
import static org.relay247.pki.TestNetwork.NOW;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.relay247.pki.CertificateValidationException.Reason;

/**
 * The cache of successful validations inside {@link CertificateValidator}. Cache hits are
 * observed through the validator's count of full validations, never through timing.
 */
class CertificateValidatorCacheTest {
  private final TestNetwork net = new TestNetwork();
  private final TestClock clock = TestClock.stoppedAt(NOW);

  @Test
  void secondValidationOfSameChain_returnsSameResult_withoutRerunningPkix() throws Exception {
    X509Certificate cert = net.issue(net.fr, SIGN);
    CertificateValidator validator = validator();

    ValidatedCertificate first = validator.validate(cert, SIGN);
    ValidatedCertificate second = validator.validate(cert, SIGN);
    // Equal bytes parsed anew (as each TLS handshake or CMS message does) hit the same entry.
    ValidatedCertificate reparsed = validator.validate(reparse(cert), SIGN);

    assertThat(second).isSameAs(first);
    assertThat(reparsed).isSameAs(first);
    assertThat(first.party()).contains(TestNetwork.FR);
    assertThat(validator.fullValidations()).isEqualTo(1);
  }

  @Test
  void sameLeafPresentedWithItsCa_isAnotherChain_validatedOnItsOwn() throws Exception {
    X509Certificate cert = net.issue(net.fr, SIGN);
    CertificateValidator validator = validator();

    validator.validate(cert, SIGN);
    ValidatedCertificate withCa = validator.validate(List.of(cert, net.fr.certificate()), SIGN);
    validator.validate(List.of(cert, net.fr.certificate()), SIGN);

    assertThat(withCa.certificate()).isEqualTo(cert);
    assertThat(validator.fullValidations()).isEqualTo(2);
  }

  @Test
  void certificateExpiringInsideCachedWindow_isRefusedAsExpired() throws Exception {
    X509Certificate shortLived = net.issue(net.fr, SIGN,
        new Validity(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1))));
    CertificateValidator validator = validator();
    validator.validate(shortLived, SIGN);

    clock.advance(Duration.ofDays(1));  // at notAfter: still valid, served from the cache
    validator.validate(shortLived, SIGN);
    assertThat(validator.fullValidations()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(1));
    assertRefused(validator, List.of(shortLived), SIGN, Reason.EXPIRED, "expired at");
    assertThat(validator.fullValidations()).isEqualTo(2);
  }

  @Test
  void crlExpiringInsideCachedWindow_isRefusedAsCrlExpired() throws Exception {
    X509Certificate cert = net.issue(net.fr, SIGN);  // valid for a year, the CRLs for 7 days
    CertificateValidator validator = validator();
    validator.validate(cert, SIGN);

    clock.advance(Duration.ofDays(6));
    validator.validate(cert, SIGN);
    assertThat(validator.fullValidations()).isEqualTo(1);

    clock.advance(Duration.ofDays(2));  // day 8
    assertRefused(validator, List.of(cert), SIGN, Reason.CRL_EXPIRED, "publish a fresh one");
    assertThat(validator.fullValidations()).isEqualTo(2);
  }

  @Test
  void clockSetBeforeCachedWindow_isRefusedAsNotYetValid() throws Exception {
    X509Certificate recent = net.issue(net.fr, SIGN,
        new Validity(NOW.minus(Duration.ofMinutes(30)), NOW.plus(Duration.ofDays(30))));
    CertificateValidator validator = validator();
    validator.validate(recent, SIGN);

    clock.stepBack(Duration.ofMinutes(45));
    assertRefused(validator, List.of(recent), SIGN, Reason.NOT_YET_VALID, "not valid before");
  }

  @Test
  void revocationDatedLaterInTheSameCrl_endsCachedWindowAtThatDate() throws Exception {
    X509Certificate cert = net.issue(net.fr, SIGN);
    Instant revokedAt = NOW.plus(Duration.ofHours(2));
    net.frCrl = TestNetwork.freshCrl(net.fr, net.frCrl,
        List.of(new Revocation(cert.getSerialNumber(), revokedAt, RevocationReason.SUPERSEDED)));
    CertificateValidator validator = validator();

    // PKIX counts a revocation only from its date on, so the certificate is valid until then.
    validator.validate(cert, SIGN);
    clock.advance(Duration.between(NOW, revokedAt).minusSeconds(1));
    validator.validate(cert, SIGN);
    assertThat(validator.fullValidations()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(2));
    assertRefused(validator, List.of(cert), SIGN, Reason.REVOKED, "SUPERSEDED");
  }

  @Test
  void tlsValidationCached_doesNotServeTheSameCertificateAsSigner() throws Exception {
    X509Certificate tls = net.issue(net.fr, TLS);
    CertificateValidator validator = validator();
    validator.validate(tls, TLS);
    validator.validate(tls, TLS);
    assertThat(validator.fullValidations()).isEqualTo(1);

    assertRefused(validator, List.of(tls), SIGN, Reason.WRONG_PURPOSE, "nonRepudiation");
    assertThat(validator.fullValidations()).isEqualTo(2);
  }

  @Test
  void failures_areNotCached_eachIsRevalidatedWithItsReason() {
    X509Certificate cert = net.issue(net.fr, SIGN);
    net.frCrl = TestNetwork.freshCrl(net.fr, net.frCrl, List.of(new Revocation(
        cert.getSerialNumber(), NOW.minus(Duration.ofMinutes(10)), RevocationReason.KEY_COMPROMISE)));
    CertificateValidator validator = validator();

    assertRefused(validator, List.of(cert), SIGN, Reason.REVOKED, "KEY_COMPROMISE");
    assertRefused(validator, List.of(cert), SIGN, Reason.REVOKED, "KEY_COMPROMISE");

    assertThat(validator.fullValidations()).isEqualTo(2);
  }

  @Test
  void refusalBeforeValidity_isNotRemembered_onceValidTheCertificatePasses() throws Exception {
    X509Certificate future = net.issue(net.fr, SIGN,
        new Validity(NOW.plus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(30))));
    CertificateValidator validator = validator();
    assertRefused(validator, List.of(future), SIGN, Reason.NOT_YET_VALID, "not valid before");

    clock.advance(Duration.ofHours(2));
    assertThat(validator.validate(future, SIGN).certificate()).isEqualTo(future);
    assertThat(validator.fullValidations()).isEqualTo(2);
  }

  /**
   * The gateway's TrustSource builds a new validator on every CRL re-read; the revocation is seen
   * by the validator on the new snapshot at once, although the old one had the certificate cached.
   */
  @Test
  void revocationInNewCrl_isRefusedByValidatorOnNewSnapshot_althoughOldOneCachedItAsValid()
      throws Exception {
    X509Certificate cert = net.issue(net.fr, SIGN);
    CertificateValidator beforeRefresh = validator();
    beforeRefresh.validate(cert, SIGN);
    beforeRefresh.validate(cert, SIGN);
    assertThat(beforeRefresh.fullValidations()).isEqualTo(1);

    net.frCrl = TestNetwork.freshCrl(net.fr, net.frCrl, List.of(new Revocation(
        cert.getSerialNumber(), NOW.minus(Duration.ofMinutes(1)), RevocationReason.KEY_COMPROMISE)));
    CertificateValidator afterRefresh = validator();

    assertRefused(afterRefresh, List.of(cert), SIGN, Reason.REVOKED, "KEY_COMPROMISE");
    assertThat(afterRefresh.fullValidations()).isEqualTo(1);
  }

  @Test
  void cache_holdsAtMostItsCapacity_evictingTheLeastRecentlyUsed() throws Exception {
    CertificateValidator validator = validator();
    ValidationCache cache = new ValidationCache(2);
    ValidationCache.Window always = new ValidationCache.Window(Instant.MIN, Instant.MAX);
    List<ValidationCache.Key> keys = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      X509Certificate cert = net.issue(net.fr, SIGN);
      ValidationCache.Key key = ValidationCache.keyOf(TrustDigest.of(net.trust()), List.of(cert), SIGN).orElseThrow();
      keys.add(key);
      cache.put(key, validator.validate(cert, SIGN), always);
      if (i == 1) {
        cache.get(keys.get(0), NOW);  // the first is now more recently used than the second
      }
    }

    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.get(keys.get(0), NOW)).isPresent();
    assertThat(cache.get(keys.get(1), NOW)).isEmpty();
    assertThat(cache.get(keys.get(2), NOW)).isPresent();
  }

  @Test
  void concurrentValidations_ofSeveralChains_allReturnTheirOwnResult() throws Exception {
    List<X509Certificate> certs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      certs.add(net.issue(i % 2 == 0 ? net.fr : net.de, SIGN));
    }
    CertificateValidator validator = validator();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<X509Certificate>>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(pool.submit(() -> {
          List<X509Certificate> seen = new ArrayList<>();
          for (int round = 0; round < 50; round++) {
            for (X509Certificate cert : certs) {
              seen.add(validator.validate(cert, SIGN).certificate());
            }
          }
          return seen;
        }));
      }
      for (Future<List<X509Certificate>> result : results) {
        List<X509Certificate> seen = result.get();
        assertThat(seen).hasSize(200);
        for (int i = 0; i < seen.size(); i++) {
          assertThat(seen.get(i)).isEqualTo(certs.get(i % certs.size()));
        }
      }
    } finally {
      pool.shutdownNow();
    }
    // Threads may race to fill an entry, but never more than once each per chain.
    assertThat(validator.fullValidations()).isBetween(4L, 16L);
  }

  /** The many nodes of one simulator JVM each read the same trust files into their own objects. */
  @Test
  void validatorsOnByteEqualTrust_shareSuccesses_soTheSecondValidatesNothingInFull() throws Exception {
    X509Certificate cert = net.issue(net.fr, SIGN);
    CertificateValidator first = validator();
    ValidatedCertificate validated = first.validate(cert, SIGN);

    CertificateValidator second = new CertificateValidator(reparse(net.trust()), clock);

    assertThat(second.validate(reparse(cert), SIGN)).isSameAs(validated);
    assertThat(first.fullValidations()).isEqualTo(1);
    assertThat(second.fullValidations()).isZero();
  }

  /** A forged copy of a cached certificate is other bytes: it is validated in full and refused. */
  @Test
  void tamperedSignatureOfCachedCertificate_isRefusedAsUntrusted() throws Exception {
    X509Certificate cert = net.issue(net.fr, SIGN);
    CertificateValidator validator = validator();
    validator.validate(cert, SIGN);
    byte[] forged = cert.getEncoded();
    forged[forged.length - 1] ^= 0x01;  // the last byte of the signature value
    CertificateValidator otherNode = new CertificateValidator(reparse(net.trust()), clock);

    assertRefused(otherNode, List.of(reparse(forged)), SIGN, Reason.UNTRUSTED, "no CA of this network signed it");
    assertRefused(validator, List.of(reparse(forged)), SIGN, Reason.UNTRUSTED, "no CA of this network signed it");
    assertThat(validator.fullValidations()).isEqualTo(2);
  }

  /** Trust holding a forged copy of the CRL is other trust: nothing cached on the genuine one serves it. */
  @Test
  void tamperedCrl_isRefusedAsMissing_althoughTheChainWasCachedOnTheGenuineCrl() throws Exception {
    X509Certificate cert = net.issue(net.fr, SIGN);
    validator().validate(cert, SIGN);
    byte[] forged = net.frCrl.getEncoded();
    forged[forged.length - 1] ^= 0x01;  // the last byte of the signature value
    net.frCrl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(forged));
    CertificateValidator onForgedCrl = validator();

    assertRefused(onForgedCrl, List.of(reparse(cert)), SIGN, Reason.CRL_MISSING, "no CRL from");
    assertThat(onForgedCrl.fullValidations()).isEqualTo(1);
  }

  private CertificateValidator validator() {
    return new CertificateValidator(net.trust(), clock);
  }

  private static X509Certificate reparse(X509Certificate cert) throws Exception {
    return reparse(cert.getEncoded());
  }

  private static X509Certificate reparse(byte[] encoded) throws Exception {
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(encoded));
  }

  /** Equal bytes in new objects, as another node reading the same trust files holds them. */
  private static TrustMaterial reparse(TrustMaterial trust) throws Exception {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    List<X509Certificate> cas = new ArrayList<>();
    for (X509Certificate ca : trust.partyCas()) {
      cas.add(reparse(ca));
    }
    List<X509CRL> crls = new ArrayList<>();
    for (X509CRL crl : trust.crls()) {
      crls.add((X509CRL) factory.generateCRL(new ByteArrayInputStream(crl.getEncoded())));
    }
    return new TrustMaterial(reparse(trust.root()), cas, crls);
  }

  private static void assertRefused(CertificateValidator validator, List<X509Certificate> certs,
      CertificatePurpose purpose, Reason reason, String detail) {
    assertThatThrownBy(() -> validator.validate(certs, purpose))
        .isInstanceOfSatisfying(CertificateValidationException.class,
            e -> assertThat(e.reason()).isEqualTo(reason))
        .hasMessageContaining(detail);
  }
}
