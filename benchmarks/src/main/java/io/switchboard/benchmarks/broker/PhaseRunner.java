package io.switchboard.benchmarks.broker;

import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the phases of one topology and waits after each until all it sent is complete. */
final class PhaseRunner {

  private static final Logger log = LoggerFactory.getLogger(PhaseRunner.class);

  /** One line of the result table; latencies in ms. */
  record Row(String topology, String phase, long sent, long completed, double perSecond,
      double p50, double p90, double p99, double max, double senderLateMs, long missing) {}

  private final String topology;
  private final Pacer pacer;
  private final ToLongFunction<Phase> missing;
  private final Runnable check;
  private final int drainSeconds;

  /** {@code missing}: units of a phase that never reached their result; {@code check} throws if a part died. */
  PhaseRunner(String topology, Pacer.Sender sender, ToLongFunction<Phase> missing, Runnable check, int drainSeconds) {
    this.topology = topology;
    this.pacer = new Pacer(sender);
    this.missing = missing;
    this.check = check;
    this.drainSeconds = drainSeconds;
  }

  void warmUp(int perSecond, int seconds) throws InterruptedException {
    Phase phase = new Phase(topology + "-warmup", 0);
    log.info("{}: warm-up at {}/s for {} s", topology, perSecond, seconds);
    pacer.paced(phase, perSecond, seconds);
    drain(phase);
  }

  Row paced(int perSecond, int seconds) throws InterruptedException {
    Phase phase = new Phase(topology + "-" + perSecond, 0);
    log.info("{}: {}/s for {} s", topology, perSecond, seconds);
    double late = pacer.paced(phase, perSecond, seconds);
    drain(phase);
    return row(phase, perSecond + "/s", phase.completedCount() / (double) seconds, late);
  }

  Row flatOut(int window, int rampSeconds, int seconds) throws InterruptedException {
    Phase phase = new Phase(topology + "-max", window);
    log.info("{}: max with at most {} open, {} s ramp + {} s measured", topology, window, rampSeconds, seconds);
    pacer.flatOut(phase, rampSeconds, seconds);
    drain(phase);
    return row(phase, "max (window " + window + ")", phase.completedInWindow() / (double) seconds, Double.NaN);
  }

  private void drain(Phase phase) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(drainSeconds);
    while (phase.completedCount() < phase.sentCount() && System.nanoTime() < deadline) {
      check.run();
      Thread.sleep(20);
    }
    check.run();
    long open = phase.sentCount() - phase.completedCount();
    if (open > 0) {
      log.warn("{}: {} of {} sent not complete after {} s ({} never reached); the next phase starts with "
          + "this backlog, so its figures include it", phase.name, open, phase.sentCount(), drainSeconds,
          missing.applyAsLong(phase));
    }
  }

  private Row row(Phase phase, String load, double perSecond, double late) {
    double[] p = phase.latency.percentilesMs(50, 90, 99, 100);
    Row row = new Row(topology, load, phase.sentCount(), phase.completedCount(), perSecond, p[0], p[1], p[2], p[3],
        late, missing.applyAsLong(phase));
    log.info("{}", row);
    return row;
  }
}
