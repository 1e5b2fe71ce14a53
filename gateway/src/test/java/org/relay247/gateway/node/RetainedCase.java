package org.relay247.gateway.node;

import static org.relay247.gateway.node.ProtectionMessages.resultsFor;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.relay247.gateway.TestNetwork;
import org.relay247.gateway.e2e.Awaits;
import org.relay247.gateway.protection.ProtectionSettings;
import org.relay247.pki.PartyCode;
import org.relay247.pki.TestClock;
import org.relay247.protocol.v1.InnerMessage;

/**
 * The arrange of the Art. 14.5 review tests: FR and DE on a test network, FR's node with a
 * retention period of {@value #RETENTION_DAYS} days and a stopped clock the test moves; FR has
 * received DE's results (message {@code messageId}) in case {@code caseId}, which FR opened by its
 * request. Closing it stops both nodes.
 */
record RetainedCase(GatewayNode fr, GatewayNode de, TestClock clock, String caseId, String messageId)
    implements AutoCloseable {
  static final int RETENTION_DAYS = 10;

  /** Starts the network in {@code dir}, FR reviewing with {@code onExpiry}, and waits for the results at FR. */
  static RetainedCase received(Path dir, ProtectionSettings.OnExpiry onExpiry) throws Exception {
    TestNetwork net = TestNetwork.create(dir, "FR", "DE");
    net.writeConfig(new PartyCode("FR"), "protection { retention-days = " + RETENTION_DAYS + ", on-expiry = "
        + onExpiry.name().toLowerCase(Locale.ROOT) + " }");
    TestClock clock = TestClock.stoppedAt(Instant.now());
    GatewayNode fr = GatewayNode.start(net.config(new PartyCode("FR")), clock);
    GatewayNode de = null;
    try {
      de = net.start("DE");
      InnerMessage data = de.outbox().submit(resultsFor(fr, de));
      Awaits.received(fr, data.getRouting().getMessageId());
      return new RetainedCase(fr, de, clock, data.getRouting().getCaseId(), data.getRouting().getMessageId());
    } catch (Exception | Error e) {
      fr.close();
      if (de != null) {
        de.close();
      }
      throw e;
    }
  }

  /** Moves FR's clock one day past the case's retention period: the case is due for review. */
  void elapse() {
    clock.advance(Duration.ofDays(RETENTION_DAYS + 1));
  }

  @Override
  public void close() {
    try {
      de.close();
    } finally {
      fr.close();
    }
  }
}
