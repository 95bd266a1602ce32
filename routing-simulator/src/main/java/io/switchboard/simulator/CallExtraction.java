package io.switchboard.simulator;

import io.switchboard.simulator.FinishedCall.Result;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Recorded calls to replayed callers. Arrival: the first {@code CallQueued}. Handle time: first
 * answer to end. Patience: a caller who hung up unanswered waited exactly that long, which is the
 * best estimate of its patience we have; an answered caller's patience is unknown (at least its
 * wait), so it never hangs up. An abandoned caller has no handle time of its own, yet another
 * strategy may answer it: it gets one drawn from its queue's answered calls (all queues' when its
 * queue has none), from a random stream seeded by its call id so that every run draws the same.
 */
final class CallExtraction {

  private final long startMs;
  private final long endMs;
  private final Map<ReplayCount, Long> counts;
  private final List<CallArrival> arrivals = new ArrayList<>();
  private final List<FinishedCall> recorded = new ArrayList<>();

  CallExtraction(long startMs, long endMs, Map<ReplayCount, Long> counts) {
    this.startMs = startMs;
    this.endMs = endMs;
    this.counts = counts;
  }

  void extract(List<RecordedCall> calls) {
    Map<String, List<Long>> handleTimes = new HashMap<>();
    List<Long> allHandleTimes = new ArrayList<>();
    List<RecordedCall> replayed = new ArrayList<>();
    for (RecordedCall call : calls) {
      RecordedCall.Fate fate = call.fate();
      if (fate == RecordedCall.Fate.NOT_QUEUED) {
        count(ReplayCount.NOT_QUEUED);
      } else if (call.queuedAt < startMs) {
        count(ReplayCount.QUEUED_BEFORE_WINDOW);
      } else if (fate == RecordedCall.Fate.WAITING) {
        count(ReplayCount.STILL_WAITING);
      } else if (fate == RecordedCall.Fate.ENDED_UNANSWERED) {
        count(ReplayCount.ENDED_UNANSWERED);
      } else {
        replayed.add(call);
        if (fate == RecordedCall.Fate.ANSWERED) {
          long handleMs = handleMs(call);
          handleTimes.computeIfAbsent(call.queue, queue -> new ArrayList<>()).add(handleMs);
          allHandleTimes.add(handleMs);
        }
      }
    }
    handleTimes.values().forEach(list -> list.sort(null));
    allHandleTimes.sort(null);
    replayed.sort(Comparator.comparingLong((RecordedCall call) -> call.queuedAt).thenComparing(call -> call.callId));
    for (RecordedCall call : replayed) {
      replay(call, handleTimes.getOrDefault(call.queue, allHandleTimes), allHandleTimes);
    }
  }

  List<CallArrival> arrivals() {
    return arrivals;
  }

  List<FinishedCall> recorded() {
    return recorded;
  }

  private void replay(RecordedCall call, List<Long> queueHandleTimes, List<Long> allHandleTimes) {
    long atMs = call.queuedAt - startMs;
    long handleMs;
    long patienceMs = Long.MAX_VALUE;
    FinishedCall actual;
    switch (call.fate()) {
      case ANSWERED -> {
        handleMs = handleMs(call);
        actual = finished(call, call.answeredAt - startMs, call.endedAt - startMs, Result.ANSWERED);
      }
      case TALKING -> {
        handleMs = Math.max(1, endMs - call.answeredAt);
        count(ReplayCount.HANDLE_TIME_CUT);
        actual = finished(call, call.answeredAt - startMs, endMs - startMs, Result.ANSWERED);
      }
      default -> { // ABANDONED
        List<Long> pool = queueHandleTimes.isEmpty() ? allHandleTimes : queueHandleTimes;
        if (pool.isEmpty()) {
          count(ReplayCount.NO_HANDLE_TIME);
          return;
        }
        handleMs = pool.get(new SplittableRandom(call.callId.hashCode()).nextInt(pool.size()));
        count(ReplayCount.HANDLE_TIME_DRAWN);
        patienceMs = Math.max(1, call.endedAt - call.queuedAt);
        actual = finished(call, -1, call.endedAt - startMs, Result.ABANDONED);
      }
    }
    arrivals.add(new CallArrival(call.callId, call.queue, atMs, handleMs, patienceMs, call.attributes, call.tags,
        call.direction));
    recorded.add(actual);
  }

  private FinishedCall finished(RecordedCall call, long answeredMs, long endedMs, Result result) {
    return new FinishedCall(call.callId, call.queue, call.queuedAt - startMs, answeredMs, endedMs, result);
  }

  private static long handleMs(RecordedCall call) {
    return Math.max(1, call.endedAt - call.answeredAt);
  }

  private void count(ReplayCount what) {
    counts.merge(what, 1L, Long::sum);
  }
}
