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
 * The whole event log of the calls refolded lately, so that a call that gets another event soon (the
 * usual case: a call's events arrive over a few batches) is refolded without reading its log back
 * from {@code call_events}. A call not held is read from the database.
 *
 * <p>It holds two kinds of logs. <em>Committed</em> ones: the log as stored, bounded by the number of
 * facts held, the calls used least recently going first. <em>In flight</em> ones: the logs a batch
 * prepared and is writing, {@link #hold held} until that batch {@link #committed commits}, so that the
 * next batch, prepared while this one is written, folds on top of it; never dropped for room. The
 * projection is the only writer of {@code call_events}, so a call with no log here and none in flight
 * reads the same from the database whether or not a batch is being written. When a batch fails (a
 * failed commit may still have committed) the loop {@link #clear clears} everything, and the
 * generation it returns keeps a batch prepared before the clear from holding its logs after it.
 * Thread-safe: batches are prepared and written on different threads.
 */
final class CallFactCache {

  /** Facts held by default: about 14,000 calls of 7 events; some tens of MB of decoded events. */
  static final int DEFAULT_MAX_FACTS = 100_000;

  private final int maxFacts;
  private final LinkedHashMap<CallKey, List<CallFact>> calls = new LinkedHashMap<>(1024, 0.75f, true);
  private final Map<CallKey, List<CallFact>> inFlight = new HashMap<>();
  private int facts;
  private long generation;

  CallFactCache(int maxFacts) {
    if (maxFacts < 0) {
      throw new IllegalArgumentException("maxFacts must not be negative: " + maxFacts);
    }
    this.maxFacts = maxFacts;
  }

  /** Which clear the logs now held come after; a batch notes it before it reads anything. */
  synchronized long generation() {
    return generation;
  }

  /**
   * The log of each of {@code keys} that is held: a batch in flight's if there is one, else the
   * committed one; the calls not held are absent.
   */
  synchronized Map<CallKey, List<CallFact>> get(Collection<CallKey> keys) {
    Map<CallKey, List<CallFact>> held = new HashMap<>();
    for (CallKey key : keys) {
      List<CallFact> log = inFlight.get(key);
      if (log == null) {
        log = calls.get(key);
      }
      if (log != null) {
        held.put(key, log);
      }
    }
    return held;
  }

  /**
   * A batch prepared in {@code generation} is about to write these logs: held until it commits.
   * Returns false, holding nothing, if the cache was cleared since (the batch must not be written).
   */
  synchronized boolean hold(Map<CallKey, List<CallFact>> logs, long generation) {
    if (generation != this.generation) {
      return false;
    }
    inFlight.putAll(logs);
    return true;
  }

  /**
   * After a commit: the whole committed log of each of these calls, replacing what was held. A log
   * held in flight by a later batch stays in flight.
   */
  synchronized void committed(Map<CallKey, List<CallFact>> logs) {
    logs.forEach((key, log) -> {
      inFlight.remove(key, log);
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
    inFlight.clear();
    facts = 0;
    generation++;
  }

  /** Committed facts held. */
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
