package io.switchboard.routing.queue;

import ch.qos.logback.classic.Level;
import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.QueueConfig;
import io.switchboard.schemas.avro.RoutingDecision;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;
import org.slf4j.LoggerFactory;

/**
 * The three routing processors on one mock context, sharing the routing stores as they do in one
 * stream task: in memory, with no changelog (no Kafka), and with a wall clock that moves only when
 * {@link #tick()} moves it. Events go straight to {@code process}, already keyed by tenant.
 *
 * <p>This class lives in the processors' package because they are package-private; it uses only
 * their {@code init}/{@code process} and {@link RoutingTopology#storeBuilders}, so it keeps working
 * when the stores behind them change.
 */
final class RoutingTask {

  private final MockProcessorContext<String, RoutingDecision> context = new MockProcessorContext<>();
  private final CallEventProcessor calls;
  private final AgentEventProcessor agents;
  private final QueueConfigProcessor queues;
  private long now;

  RoutingTask(RoutingSettings settings, long startMs) {
    now = startMs;
    context.setCurrentSystemTimeMs(now);
    for (StoreBuilder<?> builder : RoutingTopology.storeBuilders(true)) {
      StateStore store = builder.withLoggingDisabled().build();
      store.init(context.getStateStoreContext(), store);
      context.addStateStore(store);
    }
    calls = new CallEventProcessor(settings);
    agents = new AgentEventProcessor(settings);
    queues = new QueueConfigProcessor(settings);
    calls.init(context);
    agents.init(context);
    queues.init(context);
  }

  /**
   * Each decision is logged at INFO; the benchmark measures the processors, not a console appender
   * (the test-support logback-test.xml on this class path would print every decision). The classes
   * named keep INFO for their progress lines.
   */
  static void quietRoutingLogs(Class<?>... keep) {
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.switchboard.routing")).setLevel(Level.WARN);
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(BusyQueue.class)).setLevel(Level.INFO);
    for (Class<?> type : keep) {
      ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(type)).setLevel(Level.INFO);
    }
  }

  /** Moves the wall clock one millisecond on and returns it: every event happens at its own moment. */
  long tick() {
    now++;
    context.setCurrentSystemTimeMs(now);
    return now;
  }

  long now() {
    return now;
  }

  void call(CallEvent event) {
    calls.process(new Record<>(event.getTenantId(), event, event.getOccurredAt().toEpochMilli()));
  }

  void agent(AgentEvent event) {
    agents.process(new Record<>(event.getTenantId(), event, event.getOccurredAt().toEpochMilli()));
  }

  /** As read from {@code queue.config}: keyed {@code tenantId/queue}. */
  void queue(QueueConfig config) {
    queues.process(new Record<>(config.getTenantId() + "/" + config.getQueue(), config,
        config.getOccurredAt().toEpochMilli()));
  }

  /** The decisions written since the last drain, which the context then forgets, so memory stays flat. */
  List<RoutingDecision> drain() {
    List<CapturedForward<? extends String, ? extends RoutingDecision>> forwarded = context.forwarded();
    context.resetForwards();
    List<RoutingDecision> decisions = new ArrayList<>(forwarded.size());
    for (CapturedForward<? extends String, ? extends RoutingDecision> forward : forwarded) {
      decisions.add(forward.record().value());
    }
    return decisions;
  }
}
