package org.relay247.pki;

import java.nio.ByteBuffer;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Successful validations, each with the time window in which it holds. A lookup outside its
 * entry's window is a miss. Bounded (least recently used entries are evicted) and thread-safe.
 * Failures are never stored here: each one is re-validated so it is refused with its own precise
 * reason.
 *
 * <p>One cache serves the whole JVM ({@link #SHARED}): a key names the trust material judged
 * against (a digest of its encoding) besides the presented chain and purpose, so validators on
 * byte-equal trust share their successes (as the many nodes of one simulator JVM do, each having
 * read the same root, CA certificates and CRLs) while a validator on other trust (a newer CRL)
 * never sees them.
 */
final class ValidationCache {
  static final int DEFAULT_CAPACITY = 8192;

  /** The cache of every {@link CertificateValidator} in this JVM. */
  static final ValidationCache SHARED = new ValidationCache(DEFAULT_CAPACITY);

  private final Map<Key, Entry> entries;

  ValidationCache(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity: " + capacity + " (expected: > 0)");
    }
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
        return size() > capacity;
      }
    };
  }

  /**
   * The key of a presented chain for a purpose, judged against the trust material of digest
   * {@code trust}: the certificates' encodings, so that equal bytes parsed into different objects
   * share an entry. Empty when a certificate cannot be encoded, in which case the chain is simply
   * not cached.
   */
  static Optional<Key> keyOf(TrustDigest trust, List<X509Certificate> presented,
      CertificatePurpose purpose) {
    List<ByteBuffer> encoded = new ArrayList<>(presented.size());
    try {
      for (X509Certificate cert : presented) {
        encoded.add(ByteBuffer.wrap(cert.getEncoded()).asReadOnlyBuffer());
      }
    } catch (CertificateEncodingException e) {
      return Optional.empty();
    }
    return Optional.of(new Key(trust, List.copyOf(encoded), purpose));
  }

  /** The stored result for {@code key} if {@code now} lies within its window. */
  Optional<ValidatedCertificate> get(Key key, Instant now) {
    Entry entry;
    synchronized (entries) {
      entry = entries.get(key);
    }
    return entry != null && entry.window().contains(now) ? Optional.of(entry.result())
        : Optional.empty();
  }

  void put(Key key, ValidatedCertificate result, Window window) {
    synchronized (entries) {
      entries.put(key, new Entry(result, window));
    }
  }

  int size() {
    synchronized (entries) {
      return entries.size();
    }
  }

  /** The trust judged against, the encoded presented chain and the purpose it was validated for. */
  record Key(TrustDigest trust, List<ByteBuffer> encoded, CertificatePurpose purpose) {
    Key {
      Objects.requireNonNull(trust, "trust");
      encoded = List.copyOf(encoded);
      Objects.requireNonNull(purpose, "purpose");
    }
  }

  /** Both ends inclusive, matching the validator's own checks (valid at notAfter, at nextUpdate). */
  record Window(Instant from, Instant until) {
    Window {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(until, "until");
    }

    boolean contains(Instant now) {
      return !now.isBefore(from) && !now.isAfter(until);
    }
  }

  private record Entry(ValidatedCertificate result, Window window) {}
}
