package io.switchboard.simulator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The reference M/M/c discipline, independent of any routing code: c identical agents, first come
 * first served, an agent takes the next call the moment it is free (the Kiefer–Wolfowitz recursion:
 * each call starts at max(its arrival, the earliest time an agent is free)).
 */
final class FifoMultiServer {

  private FifoMultiServer() {}

  /** Wait of every call, ms, by call id; {@code arrivals} in arrival order. */
  static Map<String, Long> waits(int agents, List<CallArrival> arrivals) {
    PriorityQueue<Long> freeAt = new PriorityQueue<>();
    for (int i = 0; i < agents; i++) {
      freeAt.add(0L);
    }
    Map<String, Long> waits = new HashMap<>();
    for (CallArrival call : arrivals) {
      long start = Math.max(call.atMs(), freeAt.poll());
      waits.put(call.callId(), start - call.atMs());
      freeAt.add(start + call.handleMs());
    }
    return waits;
  }

  /** ASA (s) and share answered within {@code serviceLevelMs}, streaming so that millions of calls fit. */
  static double[] longRun(MmcWorkload workload, long serviceLevelMs, long seed) {
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    Distribution gap = Distribution.exponential(1 / workload.arrivalsPerSecond());
    Distribution handle = Distribution.exponential(workload.handleSeconds());
    PriorityQueue<Long> freeAt = new PriorityQueue<>();
    for (int i = 0; i < workload.agents(); i++) {
      freeAt.add(0L);
    }
    double at = 0;
    long waitSum = 0;
    long withinServiceLevel = 0;
    int calls = workload.warmUpCalls() + workload.measuredCalls();
    for (int i = 0; i < calls; i++) {
      at += gap.sample(random) * 1000;
      long atMs = Math.round(at);
      long start = Math.max(atMs, freeAt.poll());
      freeAt.add(start + Math.max(1, Math.round(handle.sample(random) * 1000)));
      if (i >= workload.warmUpCalls()) {
        waitSum += start - atMs;
        withinServiceLevel += start - atMs <= serviceLevelMs ? 1 : 0;
      }
    }
    return new double[] {waitSum / 1000.0 / workload.measuredCalls(),
        (double) withinServiceLevel / workload.measuredCalls()};
  }
}
