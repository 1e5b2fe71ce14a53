package org.relay247.simulator.load;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Message ids (UUIDs, as the nodes assign them) with one time each, in arrays allocated for the
 * whole run up front: recording keeps no object per message, so the live heap the harness
 * measures during a sustained run is the nodes', not its own bookkeeping (a map of ids grew it by
 * about 250 bytes per message). Slots are filled by index or in order of arrival; read them
 * after the run.
 */
final class MessageTimes {
  private final AtomicLongArray hi;
  private final AtomicLongArray lo;
  private final AtomicLongArray nanos;
  private final AtomicInteger arrived = new AtomicInteger();

  MessageTimes(int capacity) {
    hi = new AtomicLongArray(capacity);
    lo = new AtomicLongArray(capacity);
    nanos = new AtomicLongArray(capacity);
  }

  /** Records {@code id} at {@code index}. */
  void set(int index, String id, long time) {
    UUID u = UUID.fromString(id);
    nanos.set(index, time);
    lo.set(index, u.getLeastSignificantBits());
    hi.set(index, u.getMostSignificantBits());
  }

  /** Records {@code id} at the next free slot; once every slot is taken, nothing more. */
  void add(String id, long time) {
    int i = arrived.getAndIncrement();
    if (i < nanos.length()) {
      set(i, id, time);
    }
  }

  /** The id recorded at {@code index}, or null. */
  String id(int index) {
    long h = hi.get(index);
    // A UUIDv7 never has its high half zero (the version bits are set).
    return h == 0 ? null : new UUID(h, lo.get(index)).toString();
  }

  long time(int index) {
    return nanos.get(index);
  }

  /** Every recorded id with its time. */
  Map<String, Long> byId() {
    Map<String, Long> out = new HashMap<>();
    for (int i = 0; i < nanos.length(); i++) {
      String id = id(i);
      if (id != null) {
        out.put(id, nanos.get(i));
      }
    }
    return out;
  }
}
