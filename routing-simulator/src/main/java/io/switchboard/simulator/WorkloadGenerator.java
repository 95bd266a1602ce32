package io.switchboard.simulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Draws the callers of every queue up to a horizon: Poisson arrivals, handle time, patience,
 * attributes and tags. Each queue has its own random stream split from the seed, so adding a queue
 * does not change the callers of the others, and the same seed gives the same callers.
 */
final class WorkloadGenerator {

  private WorkloadGenerator() {}

  static List<CallArrival> generate(List<QueueWorkload> queues, long horizonMs, long seed) {
    SplittableRandom root = new SplittableRandom(seed);
    List<Drawn> drawn = new ArrayList<>();
    for (int index = 0; index < queues.size(); index++) {
      QueueWorkload workload = queues.get(index);
      SplittableRandom random = root.split();
      double meanGapMs = 3_600_000.0 / workload.arrivalsPerHour();
      double at = 0;
      while (true) {
        at += -meanGapMs * Math.log(1 - random.nextDouble());
        long atMs = Math.round(at);
        if (atMs >= horizonMs) {
          break;
        }
        drawn.add(new Drawn(atMs, index, draw(workload, random, atMs)));
      }
    }
    // Merged in time order; ids numbered in that order so that they also sort by arrival.
    drawn.sort(Comparator.comparingLong(Drawn::atMs).thenComparingInt(Drawn::queueIndex));
    List<CallArrival> arrivals = new ArrayList<>(drawn.size());
    for (Drawn call : drawn) {
      CallArrival c = call.arrival();
      arrivals.add(new CallArrival(String.format("call-%09d", arrivals.size() + 1), c.queue(), c.atMs(),
          c.handleMs(), c.patienceMs(), c.attributes(), c.tags()));
    }
    return arrivals;
  }

  private static CallArrival draw(QueueWorkload workload, SplittableRandom random, long atMs) {
    long handleMs = Math.max(1, Math.round(workload.handleTime().sample(random) * 1000));
    long patienceMs = workload.patience() == null
        ? Long.MAX_VALUE
        : Math.max(1, Math.round(workload.patience().sample(random) * 1000));
    Map<String, String> attributes = new LinkedHashMap<>();
    workload.attributes().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
      if (random.nextDouble() < entry.getValue()) {
        String[] nameValue = entry.getKey().split("=", 2);
        attributes.put(nameValue[0], nameValue.length > 1 ? nameValue[1] : "true");
      }
    });
    List<String> tags = new ArrayList<>();
    workload.tags().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
      if (random.nextDouble() < entry.getValue()) {
        tags.add(entry.getKey());
      }
    });
    return new CallArrival(null, workload.queue(), atMs, handleMs, patienceMs, attributes, tags);
  }

  private record Drawn(long atMs, int queueIndex, CallArrival arrival) {}
}
