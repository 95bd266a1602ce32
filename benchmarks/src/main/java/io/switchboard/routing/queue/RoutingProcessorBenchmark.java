package io.switchboard.routing.queue;

import io.switchboard.schemas.avro.RoutingStrategy;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Timeout;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routing processors alone (no Kafka, no serialization of the events themselves; the stores do
 * serialize their values, as in production): cost per event while a queue of {@code waiting} callers
 * is served by {@code agents} busy agents. One operation is one {@link BusyQueue#cycle()} of
 * {@value BusyQueue#EVENTS_PER_CYCLE} events, reported per event. Run with bench/routing-processor.sh.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
// While dispatch scans every agent and waiting call, one cycle of the largest grid point takes ~0.15 s.
@Timeout(time = 30, timeUnit = TimeUnit.MINUTES)
public class RoutingProcessorBenchmark {

  private static final Logger log = LoggerFactory.getLogger(RoutingProcessorBenchmark.class);

  @Param({"10", "1000", "10000"})
  public int agents;

  @Param({"100", "10000", "100000"})
  public int waiting;

  /** Any RoutingStrategy; with one free agent at a time each picks it, but through its own code path. */
  @Param({"LONGEST_IDLE"})
  public String strategy;

  private BusyQueue queue;

  @Setup(Level.Trial)
  public void setUp() {
    BusyQueue.quietRoutingLogs(RoutingProcessorBenchmark.class);
    queue = new BusyQueue(agents, waiting, RoutingStrategy.valueOf(strategy));
  }

  @Benchmark
  @OperationsPerInvocation(BusyQueue.EVENTS_PER_CYCLE)
  public void cycle() {
    queue.cycle();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    log.info("{} cycles ({} events), every decision as expected", queue.cycles(),
        queue.cycles() * BusyQueue.EVENTS_PER_CYCLE);
  }
}
