package io.switchboard.routing.queue;

import ch.qos.logback.classic.Level;
import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.AgentRegistered;
import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.AgentStatusChanged;
import io.switchboard.schemas.avro.QueueConfig;
import io.switchboard.schemas.avro.ReservationAccepted;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingOffered;
import io.switchboard.schemas.avro.RoutingQueued;
import io.switchboard.schemas.avro.RoutingStrategy;
import io.switchboard.schemas.avro.Skill;
import io.switchboard.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tenant with one queue, every agent on a call and {@code waiting} callers queued behind them,
 * kept that way by {@link #cycle()}: a connected call ends, its agent (free at once: no wrap-up) is
 * offered the head of the queue and answers, and a new caller joins the back. Every decision is
 * checked, so a run that stopped routing fails instead of measuring nothing.
 */
final class BusyQueue {

  /** CallEnded, CallAnswered, CallCreated, CallQueued. */
  static final int EVENTS_PER_CYCLE = 4;

  private static final Logger log = LoggerFactory.getLogger(BusyQueue.class);
  private static final String TENANT = "bench";
  private static final String QUEUE = "support";
  private static final String SOURCE = "routing-benchmark";
  private static final long START_MS = Instant.parse("2026-11-21T10:00:00Z").toEpochMilli();
  /** Ended call ids are reused only after this many newer ones, like fresh ids as far as routing can tell. */
  private static final int SPARE_CALL_IDS = 1024;

  private final RoutingTask task;
  private final CallEvents events;
  private final int waiting;
  private final String[] agentIds;
  private final String[] callOf;
  private final ArrayDeque<String> freeCallIds = new ArrayDeque<>();
  private int nextAgent;
  private long cycles;

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

  BusyQueue(int agents, int waiting, RoutingStrategy strategy) {
    if (agents < 1 || waiting < 1) {
      throw new IllegalArgumentException("need at least one agent and one waiting call");
    }
    this.waiting = waiting;
    SplittableRandom random = new SplittableRandom(42);
    task = new RoutingTask(new RoutingSettings(SOURCE, Duration.ofSeconds(15), Duration.ofSeconds(1),
        Topics.DEFAULT_PARTITIONS, PriorityRules.DEFAULT, true), Instant.ofEpochMilli(START_MS));
    events = new CallEvents(TENANT, QUEUE, SOURCE, random);
    agentIds = new String[agents];
    callOf = new String[agents];
    long started = System.nanoTime();
    task.queue(QueueConfig.newBuilder().setEventId(UUID.randomUUID()).setTenantId(TENANT)
        .setOccurredAt(Instant.ofEpochMilli(START_MS)).setSource(SOURCE).setQueue(QUEUE)
        .setStrategy(strategy).setWrapUpSeconds(0).build());
    expect(task.decisions(), 0, "queue configuration");
    queueCalls(agents + waiting, random);
    long queuedMs = (System.nanoTime() - started) / 1_000_000;
    log.info("{} calls queued in {} ms; connecting {} agents", agents + waiting, queuedMs, agents);
    connectAgents(random);
    for (int i = 0; i < SPARE_CALL_IDS; i++) {
      freeCallIds.add(callId(random));
    }
    log.info("{} agents on calls and {} callers waiting ({}) set up in {} ms ({} ms queueing the calls)",
        agents, waiting, strategy, (System.nanoTime() - started) / 1_000_000, queuedMs);
  }

  /**
   * Callers for the agents and the waiting ones. Each is queued a millisecond before the previous
   * one, so it goes to the front: the queue ends up as if they had come in the opposite order, but
   * the position of each (a count of the calls ahead of it) stays short while the queue fills.
   */
  private void queueCalls(int count, SplittableRandom random) {
    for (int i = 0; i < count; i++) {
      String callId = callId(random);
      long at = START_MS - 1 - i;
      task.call(events.created(callId, at));
      task.call(events.queued(callId, at));
      RoutingDecision queued = only(task.decisions(), RoutingQueued.class, "setup call queued", callId);
      if (((RoutingQueued) queued.getPayload()).getPosition() != 1) {
        throw new IllegalStateException("setup call " + callId + " expected at the front: " + queued);
      }
    }
  }

  /** Each agent signs in and goes available, is offered the head of the queue, and answers. */
  private void connectAgents(SplittableRandom random) {
    for (int i = 0; i < agentIds.length; i++) {
      String agentId = String.format("agent-%05d", i);
      agentIds[i] = agentId;
      task.agent(new AgentEvent(UUID.randomUUID(), TENANT, Instant.ofEpochMilli(task.tick()), SOURCE, agentId,
          AgentRegistered.newBuilder().setDisplayName(agentId).setQueues(List.of(QUEUE)).setCapacity(1)
              .setSkills(List.of(new Skill("english", 1 + random.nextInt(10)))).build()));
      task.agent(new AgentEvent(UUID.randomUUID(), TENANT, Instant.ofEpochMilli(task.tick()), SOURCE, agentId,
          new AgentStatusChanged(AgentStatus.AVAILABLE, null)));
      callOf[i] = answer(agentId, "setup agent available");
      only(task.decisions(), ReservationAccepted.class, "setup answer", agentId);
      if (agentIds.length >= 1000 && (i + 1) % (agentIds.length / 10) == 0) {
        log.info("{} of {} agents on calls", i + 1, agentIds.length); // large set-ups take a while
      }
    }
  }

  /** One cycle of {@value #EVENTS_PER_CYCLE} events; the state has the same size afterwards. */
  void cycle() {
    int agent = nextAgent;
    nextAgent = agent + 1 == agentIds.length ? 0 : agent + 1;
    String agentId = agentIds[agent];
    String ended = callOf[agent];
    task.call(events.ended(ended, task.tick()));
    callOf[agent] = answer(agentId, "call ended");
    String fresh = freeCallIds.poll();
    freeCallIds.add(ended);
    long at = task.tick();
    task.call(events.created(fresh, at));
    task.call(events.queued(fresh, at));
    List<RoutingDecision> decisions = task.decisions();
    expect(decisions, 2, "answer and new call");
    check(decisions.get(0), ReservationAccepted.class, "answer", agentId);
    RoutingDecision queued = check(decisions.get(1), RoutingQueued.class, "new call", fresh);
    if (((RoutingQueued) queued.getPayload()).getPosition() != waiting) {
      throw new IllegalStateException("the queue should hold " + waiting + " calls: " + queued);
    }
    cycles++;
  }

  long cycles() {
    return cycles;
  }

  /** The agent must have been offered a call by the event just processed; it answers as the gateway would. */
  private String answer(String agentId, String after) {
    RoutingDecision decision = only(task.decisions(), RoutingOffered.class, after, agentId);
    RoutingOffered offer = (RoutingOffered) decision.getPayload();
    if (!agentId.equals(offer.getAgentId())) {
      throw new IllegalStateException("expected an offer to " + agentId + " after " + after + ": " + decision);
    }
    task.call(events.answered(decision.getCallId(), agentId, offer.getReservationId(), task.tick()));
    return decision.getCallId();
  }

  private static RoutingDecision only(List<RoutingDecision> decisions, Class<?> type, String after, String subject) {
    expect(decisions, 1, after);
    return check(decisions.get(0), type, after, subject);
  }

  private static RoutingDecision check(RoutingDecision decision, Class<?> type, String after, String subject) {
    if (!type.isInstance(decision.getPayload())) {
      throw new IllegalStateException("expected " + type.getSimpleName() + " (" + subject + ") after " + after
          + ": " + decision);
    }
    return decision;
  }

  private static void expect(List<RoutingDecision> decisions, int count, String after) {
    if (decisions.size() != count) {
      throw new IllegalStateException("expected " + count + " decision(s) after " + after + ": " + decisions);
    }
  }

  /** Call ids look like the gateway's (random UUIDs), so store keys have their real length. */
  private static String callId(SplittableRandom random) {
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }
}
