package io.switchboard.routing.queue;

import io.switchboard.routing.store.RankedSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The waiting calls of one queue in routing order (the waiting store's keys), with what the
 * dispatcher needs to pass over a call without reading it: a caller's place and the count on the
 * line cost O(log n) and O(1) instead of a walk.
 */
final class WaitingLine {

  /**
   * One waiting call.
   *
   * @param preferredAgent the agent it is reserved for first, or null
   * @param refused some agent declined it or let it expire (reject delay, last resort)
   */
  record Entry(String key, String callId, long enqueuedAt, String preferredAgent, boolean refused,
      boolean callback) {

    static Entry of(String key, RoutedCall call) {
      return new Entry(key, call.callId(), call.enqueuedAt(), call.attributes().get(Eligibility.PREFERRED_AGENT),
          !call.refusals().isEmpty(), call.callback());
    }

    /** Its eligibility is the queue's rule at its wait, nothing of its own. */
    boolean plain() {
      return preferredAgent == null && !refused;
    }
  }

  private final RankedSet<String> keys = new RankedSet<>(StoreKeys.BYTE_ORDER);
  private final Map<String, Entry> entries = new HashMap<>();
  private int callbacks;

  /** Adds the entry, or refreshes it (e.g. the call became a callback at its place). */
  void put(Entry entry) {
    Entry old = entries.put(entry.key(), entry);
    if (old == null) {
      keys.add(entry.key());
    } else if (old.callback()) {
      callbacks--;
    }
    if (entry.callback()) {
      callbacks++;
    }
  }

  void remove(String key) {
    Entry old = entries.remove(key);
    if (old != null) {
      keys.remove(key);
      if (old.callback()) {
        callbacks--;
      }
    }
  }

  boolean contains(String key) {
    return entries.containsKey(key);
  }

  int size() {
    return entries.size();
  }

  /** Callers on the line: callbacks left it and do not count. */
  int onTheLine() {
    return entries.size() - callbacks;
  }

  /** 1-based place of {@code key} among the waiting calls (callbacks included: they keep theirs). */
  int position(String key) {
    return keys.rank(key) + 1;
  }

  /** Entries in routing order. */
  Iterator<Entry> inOrder() {
    Iterator<String> it = keys.iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public Entry next() {
        return entries.get(it.next());
      }
    };
  }
}
