package org.relay247.protocol.seal;

import java.time.Clock;
import java.util.Objects;
import org.relay247.protocol.v1.Directory;

/** Signs the network directory with the directory-signing key (issued by the network root). */
public final class DirectorySigner {
  private final SigningKey key;
  private final Clock clock;

  public DirectorySigner(SigningKey key, Clock clock) {
    this.key = Objects.requireNonNull(key, "key");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public byte[] sign(Directory directory) {
    if (directory.getVersion() == 0) {
      throw new IllegalArgumentException("directory version: 0 (expected: >= 1)");
    }
    return SignedDataCodec.sign(directory.toByteArray(), key, clock.instant());
  }
}
