package org.relay247.gateway.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Timestamps;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Routing;

/** A message is judged at its creation, within the in-flight grace, never after its arrival. */
class JudgedAtTest {
  private static final Instant ARRIVAL = Instant.parse("2026-12-05T12:00:00Z");

  private static InnerMessage createdAt(Instant t) {
    return InnerMessage.newBuilder().setRouting(Routing.newBuilder()
        .setCreatedAt(Timestamps.fromMillis(t.toEpochMilli()))).build();
  }

  @Test
  void createdTwoHoursBeforeArrival_isJudgedAtItsCreation() {
    assertThat(JudgedAt.of(createdAt(ARRIVAL.minus(Duration.ofHours(2))), ARRIVAL))
        .isEqualTo(ARRIVAL.minus(Duration.ofHours(2)));
  }

  @Test
  void createdBeyondTheGrace_isJudgedAtTheStartOfTheGrace() {
    assertThat(JudgedAt.of(createdAt(ARRIVAL.minus(Duration.ofDays(3))), ARRIVAL))
        .isEqualTo(ARRIVAL.minus(JudgedAt.IN_FLIGHT_GRACE));
  }

  @Test
  void createdInTheFuture_orWithoutTime_isJudgedAtArrival() {
    assertThat(JudgedAt.of(createdAt(ARRIVAL.plusSeconds(60)), ARRIVAL)).isEqualTo(ARRIVAL);
    assertThat(JudgedAt.of(InnerMessage.getDefaultInstance(), ARRIVAL)).isEqualTo(ARRIVAL);
  }
}
