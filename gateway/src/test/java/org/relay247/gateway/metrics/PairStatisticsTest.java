package org.relay247.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.TestNetwork;
import org.relay247.gateway.metrics.PairStatistics.FirstAnswer;
import org.relay247.gateway.store.Database;
import org.relay247.gateway.store.InboxEntry;
import org.relay247.gateway.store.InboxStore;
import org.relay247.gateway.store.OutboxEntry;
import org.relay247.gateway.store.OutboxStore;

/** The first answer to a message FR sent to DE, on the store (SQLite here, PostgreSQL in .ci/run). */
class PairStatisticsTest {
  private static final Instant SENT = Instant.ofEpochMilli(1_700_000_000_000L);
  private static final Instant ANSWERED = SENT.plusMillis(250);
  private static final String REQUEST = "019ab54e-0000-7000-8000-0000000000a1";

  @TempDir Path dir;
  private Database db;
  private InboxStore inbox;
  private PairStatistics stats;

  @BeforeEach
  void open() throws Exception {
    db = TestNetwork.testDatabase(dir);
    inbox = new InboxStore(db);
    stats = new PairStatistics(db, "FR", Clock.fixed(ANSWERED, ZoneOffset.UTC));
    new OutboxStore(db).insert(OutboxEntry.pending(REQUEST, "DE/poc", "DE", 1, null, "PING", SENT,
        SENT.plusSeconds(60), new byte[] {1}, new byte[] {2}), c -> null);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void twoAnswersStoredInTheSameMillisecond_onlyTheOneStoredFirstIsTheFirstAnswer() {
    InboxEntry pong = store("019ab54e-0000-7000-8000-0000000000b1", "PONG");
    InboxEntry reply = store("019ab54e-0000-7000-8000-0000000000b2", "PING");

    assertThat(stats.firstAnswer(pong)).contains(new FirstAnswer("DE", Duration.ofMillis(250)));
    assertThat(stats.firstAnswer(reply)).isEmpty();
  }

  @Test
  void anOpenedNotice_isNoAnswer_andDoesNotHideTheFirstOne() {
    InboxEntry opened = store("019ab54e-0000-7000-8000-0000000000c1", "OPENED_NOTICE");
    InboxEntry reply = store("019ab54e-0000-7000-8000-0000000000c2", "PING");

    assertThat(stats.firstAnswer(opened)).isEmpty();
    assertThat(stats.firstAnswer(reply)).contains(new FirstAnswer("DE", Duration.ofMillis(250)));
  }

  private InboxEntry store(String id, String bodyCase) {
    return inbox.insert(new InboxEntry(0, id, "DE/poc", "FR/poc", 1, null, REQUEST, bodyCase, ANSWERED, ANSWERED,
        ANSWERED, "CN=de-node", new byte[] {9}, new byte[32], new byte[] {1}, new byte[] {2}, new byte[] {3},
        Optional.empty(), Optional.empty()), c -> null).orElseThrow();
  }
}
