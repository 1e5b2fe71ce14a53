package org.relay247.gateway.trust;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * CRLs over the node exchange ({@code relay247.node.crl-fetch}): how often each peer is asked for
 * its Party's CRL and the root's, and where adopted CRLs are kept across restarts.
 */
public record CrlSharing(Duration fetchInterval, Path cacheDir) {
  public CrlSharing {
    Objects.requireNonNull(cacheDir, "cacheDir");
    if (fetchInterval.isNegative() || fetchInterval.isZero()) {
      throw new IllegalArgumentException("crl-fetch.interval: " + fetchInterval + " (expected: > 0)");
    }
  }
}
