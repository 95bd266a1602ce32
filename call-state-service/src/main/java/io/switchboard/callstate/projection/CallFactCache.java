package io.switchboard.callstate.projection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The whole committed event log of the calls refolded lately, so that a call that gets another event
 * soon (the usual case: a call's events arrive over a few batches) is refolded without reading its log
 * back from {@code call_events}. A call not held is read from the database as before.
 *
 * <p>It may only ever hold committed data: the projection is the only writer of {@code call_events},
 * a batch's logs are {@link #putAll put} only after its transaction committed, and the cache is
 * {@link #clear cleared} when a batch fails (a failed commit may still have committed). Bounded by
 * the number of facts held; the calls used least recently go first. Thread-safe: batches run one
 * after the other but not always on the same thread.
 */
final class CallFactCache {

  /** Facts held by default: about 14,000 calls of 7 events; some tens of MB of decoded events. */
  static final int DEFAULT_MAX_FACTS = 100_000;

  private final int maxFacts;
  private final LinkedHashMap<CallKey, List<CallFact>> calls = new LinkedHashMap<>(1024, 0.75f, true);
  private int facts;

  CallFactCache(int maxFacts) {
    if (maxFacts < 0) {
      throw new IllegalArgumentException("maxFacts must not be negative: " + maxFacts);
    }
    this.maxFacts = maxFacts;
  }

  /** The committed log of each of {@code keys} that is held; the calls not held are absent. */
  synchronized Map<CallKey, List<CallFact>> get(Collection<CallKey> keys) {
    Map<CallKey, List<CallFact>> held = new HashMap<>();
    for (CallKey key : keys) {
      List<CallFact> log = calls.get(key);
      if (log != null) {
        held.put(key, log);
      }
    }
    return held;
  }

  /** After a commit: the whole committed log of each of these calls, replacing what was held. */
  synchronized void putAll(Map<CallKey, List<CallFact>> committed) {
    committed.forEach((key, log) -> {
      List<CallFact> previous = calls.put(key, List.copyOf(log));
      facts += log.size() - (previous == null ? 0 : previous.size());
    });
    Iterator<List<CallFact>> eldest = calls.values().iterator();
    while (facts > maxFacts && eldest.hasNext()) {
      facts -= eldest.next().size();
      eldest.remove();
    }
  }

  /** Forgets everything: what was held may no longer be what is committed. */
  synchronized void clear() {
    calls.clear();
    facts = 0;
  }

  synchronized int heldFacts() {
    return facts;
  }

  /** A held log with events added, each event once (by event id): the held one wins. */
  static List<CallFact> merge(Collection<CallFact> held, Collection<CallFact> added) {
    Map<UUID, CallFact> byId = new LinkedHashMap<>();
    held.forEach(fact -> byId.putIfAbsent(fact.eventId(), fact));
    added.forEach(fact -> byId.putIfAbsent(fact.eventId(), fact));
    return new ArrayList<>(byId.values());
  }
}
