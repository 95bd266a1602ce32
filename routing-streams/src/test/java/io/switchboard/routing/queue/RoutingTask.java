package io.switchboard.routing.queue;

import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.QueueConfig;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The three routing processors of one stream task on a mock context, sharing in-memory stores as
 * in a real task (no changelog, no record cache), without the re-keying in front of them; events
 * go straight to {@code process}, already keyed by tenant. The benchmarks module runs it too
 * (routing-streams' test jar). {@link #restart} drops what is kept in
 * memory only (the index) and starts new processors on the same stores, as a task restored from
 * its changelogs does.
 */
final class RoutingTask {

  private final RoutingSettings settings;
  private final MockProcessorContext<String, RoutingDecision> context = new MockProcessorContext<>();
  private CallEventProcessor calls;
  private AgentEventProcessor agents;
  private QueueConfigProcessor queues;
  private Instant now;
  /** Punctuators of the processors started last; those of processors before a restart are left. */
  private int firstPunctuator;

  RoutingTask(Instant start) {
    this(new RoutingSettings("routing-test", Duration.ofSeconds(15), Duration.ofSeconds(1),
        Topics.DEFAULT_PARTITIONS, PriorityRules.DEFAULT, true), start);
  }

  RoutingTask(RoutingSettings settings, Instant start) {
    this.settings = settings;
    now = start;
    context.setCurrentSystemTimeMs(start.toEpochMilli());
    for (StoreBuilder<?> builder : RoutingTopology.storeBuilders(true)) {
      StateStore store = builder.withLoggingDisabled().withCachingDisabled().build();
      store.init(context.getStateStoreContext(), store);
      context.addStateStore(store);
    }
    startProcessors();
  }

  void restart() {
    StateStore index = context.getStateStore(RoutingIndex.NAME);
    index.close();
    index.init(context.getStateStoreContext(), index);
    startProcessors();
  }

  Instant now() {
    return now;
  }

  /** Moves the wall clock one millisecond on, without punctuating, and returns it. */
  long tick() {
    now = now.plusMillis(1);
    context.setCurrentSystemTimeMs(now.toEpochMilli());
    return now.toEpochMilli();
  }

  /** Moves the wall clock and fires the wall-clock punctuators (timers, reservation expiry). */
  void advance(Duration duration) {
    now = now.plus(duration);
    context.setCurrentSystemTimeMs(now.toEpochMilli());
    context.scheduledPunctuators().stream()
        .skip(firstPunctuator)
        .filter(punctuator -> punctuator.getType() == PunctuationType.WALL_CLOCK_TIME)
        .forEach(punctuator -> punctuator.getPunctuator().punctuate(now.toEpochMilli()));
  }

  void call(CallEvent event) {
    calls.process(new Record<>(event.getTenantId(), event, now.toEpochMilli()));
  }

  void agent(AgentEvent event) {
    agents.process(new Record<>(event.getTenantId(), event, now.toEpochMilli()));
  }

  void queue(QueueConfig config) {
    queues.process(new Record<>(config.getTenantId() + "/" + config.getQueue(), config, now.toEpochMilli()));
  }

  /** Decisions forwarded since the last call. */
  List<RoutingDecision> decisions() {
    List<RoutingDecision> fresh = new ArrayList<>();
    context.forwarded().forEach(forward -> fresh.add(forward.record().value()));
    context.resetForwards();
    return fresh;
  }

  private void startProcessors() {
    firstPunctuator = context.scheduledPunctuators().size();
    calls = new CallEventProcessor(settings);
    agents = new AgentEventProcessor(settings);
    queues = new QueueConfigProcessor(settings);
    calls.init(context);
    agents.init(context);
    queues.init(context);
  }
}
