package org.relay247.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.relay247.protocol.MessageIds;

class MessageTimesTest {
  private final String a = MessageIds.next(Clock.systemUTC());
  private final String b = MessageIds.next(Clock.systemUTC());

  @Test
  void idsRecordedByIndex_readBackAsTheSameStrings() {
    MessageTimes t = new MessageTimes(3);
    t.set(2, a, 42);

    assertThat(t.id(2)).isEqualTo(a);
    assertThat(t.time(2)).isEqualTo(42);
    assertThat(t.id(0)).as("a slot never set").isNull();
  }

  @Test
  void idsAddedInArrival_beyondTheCapacity_areLeftOut() {
    MessageTimes t = new MessageTimes(1);
    t.add(a, 1);
    t.add(b, 2);

    assertThat(t.byId()).containsExactly(java.util.Map.entry(a, 1L));
  }
}
