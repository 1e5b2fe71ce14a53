package org.relay247.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** How far an {@code advance-to} step moves the virtual clock: to the next such time of day in UTC. */
class AdvanceToStepTest {
  private static final Step.AdvanceTo TO_THREE = new Step.AdvanceTo(1, new Location(1, 1), LocalTime.of(3, 0));

  @Test
  void beforeTheTimeOfDay_movesToItTheSameDay() {
    assertThat(TO_THREE.from(Instant.parse("2026-12-05T02:30:15Z"))).isEqualTo(Duration.ofMinutes(29).plusSeconds(45));
  }

  @Test
  void afterTheTimeOfDay_movesToItTheNextDay() {
    assertThat(TO_THREE.from(Instant.parse("2026-12-05T16:00:00Z"))).isEqualTo(Duration.ofHours(11));
  }

  @Test
  void atTheTimeOfDay_doesNotMove() {
    assertThat(TO_THREE.from(Instant.parse("2026-12-05T03:00:00Z"))).isZero();
  }
}
