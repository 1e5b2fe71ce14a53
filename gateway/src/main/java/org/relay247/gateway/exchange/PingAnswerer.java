package org.relay247.gateway.exchange;

import java.time.Clock;
import java.util.function.Supplier;
import org.relay247.pki.PartyCode;
import org.relay247.protocol.seal.PingVerificationException;
import org.relay247.protocol.seal.SignedPings;
import org.relay247.protocol.seal.SigningKey;

/**
 * Answers a signed ping from a node of the calling Party (the Party of its TLS certificate) with
 * this node's signed pong, signed by the key in use now (a reloaded key signs the next pong).
 */
public final class PingAnswerer {
  private final PartyCode self;
  private final Supplier<SigningKey> key;
  private final Supplier<SignedPings> pings;
  private final Clock clock;

  /** @param pings the verifier over the trust and directory in force */
  public PingAnswerer(PartyCode self, Supplier<SigningKey> key, Supplier<SignedPings> pings, Clock clock) {
    this.self = self;
    this.key = key;
    this.pings = pings;
    this.clock = clock;
  }

  byte[] answer(byte[] signedPing, PartyCode caller) throws PingVerificationException {
    return SignedPings.sign(SignedPings.pong(clock, pings.get().verifyPing(signedPing, caller, self)), key.get(), clock);
  }
}
