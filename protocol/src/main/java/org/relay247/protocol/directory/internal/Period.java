package org.relay247.protocol.directory.internal;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import java.util.Optional;
import java.util.function.Consumer;

/** The {@code effective_from} / {@code effective_to} pair of a dated directory entry. */
final class Period {

  private Period() {}

  /**
   * Reads the two dates from {@code map}, requiring {@code effective_from} when
   * {@code fromRequired}, and checks that the end comes after the start.
   */
  static void read(YamlMap map, boolean fromRequired, Consumer<Timestamp> from,
      Consumer<Timestamp> to) {
    Optional<Timestamp> start = fromRequired
        ? Optional.of(Values.timestamp(map.required("effective_from", Values.DATE)))
        : map.optional("effective_from").map(Values::timestamp);
    Optional<YamlNode> endNode = map.optional("effective_to");
    Optional<Timestamp> end = endNode.map(Values::timestamp);
    if (start.isPresent() && end.isPresent() && Timestamps.compare(end.get(), start.get()) <= 0) {
      throw endNode.get().unexpected("a date after effective_from "
          + Timestamps.toString(start.get()));
    }
    start.ifPresent(from);
    end.ifPresent(to);
  }
}
