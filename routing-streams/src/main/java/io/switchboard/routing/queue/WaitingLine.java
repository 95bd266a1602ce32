package io.switchboard.routing.queue;

import io.switchboard.routing.store.RankedSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The waiting calls of one queue in routing order, with what the
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
  record Entry(Key key, String callId, long enqueuedAt, String preferredAgent, boolean refused,
      boolean callback) {

    static Entry of(RoutedCall call) {
      return new Entry(Key.of(call), call.callId(), call.enqueuedAt(),
          call.attributes().get(Eligibility.PREFERRED_AGENT), !call.refusals().isEmpty(), call.callback());
    }

    /** Its eligibility is the queue's rule at its wait, nothing of its own. */
    boolean plain() {
      return preferredAgent == null && !refused;
    }
  }

  /**
   * A call's place in routing order: highest sort key first (priority with aging, see
   * {@link WaitingOrder}), then oldest, then call id for a stable order. Made of the call's fields
   * when it is (re)inserted, so a call whose sort key changed is found under its old key by the
   * caller that removes it first.
   */
  record Key(long sortKey, long enqueuedAt, String callId) implements Comparable<Key> {

    static Key of(RoutedCall call) {
      return new Key(call.sortKey(), Math.max(0, call.enqueuedAt()), call.callId());
    }

    @Override
    public int compareTo(Key other) {
      int c = Long.compare(other.sortKey, sortKey);
      if (c == 0) {
        c = Long.compare(enqueuedAt, other.enqueuedAt);
      }
      return c != 0 ? c : StoreKeys.BYTE_ORDER.compare(callId, other.callId);
    }
  }

  private final RankedSet<Key> keys = new RankedSet<>(Key::compareTo);
  private final Map<Key, Entry> entries = new HashMap<>();
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

  void remove(Key key) {
    Entry old = entries.remove(key);
    if (old != null) {
      keys.remove(key);
      if (old.callback()) {
        callbacks--;
      }
    }
  }

  boolean contains(Key key) {
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
  int position(Key key) {
    return keys.rank(key) + 1;
  }

  /** Entries in routing order. */
  Iterator<Entry> inOrder() {
    Iterator<Key> it = keys.iterator();
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
