package io.switchboard.simulator;

import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.AgentStatusChanged;
import io.switchboard.schemas.avro.CallAnswered;
import io.switchboard.schemas.avro.CallChannel;
import io.switchboard.schemas.avro.CallCreated;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.CallQueued;
import io.switchboard.simulator.FinishedCall.Result;
import io.switchboard.simulator.SimEvent.Kind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * A discrete-event simulation around the real routing topology: a queue of future events (arrivals,
 * answers, call ends, shifts, patience running out) in time order; each event moves the engine's
 * clock to its time and pipes what the caller or agent does, and the engine's decisions schedule
 * the agents' reactions ({@link Reactions}). Deterministic: the same inputs give the same run.
 */
final class Simulation {

  private final RoutingDriver routing;
  private final SimulationSettings settings;
  private final List<CallArrival> arrivals;
  private final Map<String, SimulatedAgent> agents = new LinkedHashMap<>();
  private final Map<String, SimulatedCall> calls = new HashMap<>();
  private final PriorityQueue<SimEvent> events = new PriorityQueue<>();
  private final Tally tally;
  private final Consumer<FinishedCall> onFinished;
  private final Reactions reactions;
  private int nextArrival;
  private long sequence;
  private long nowMs;

  Simulation(RoutingDriver routing, SimulationSettings settings, List<CallArrival> arrivals,
      List<AgentShift> shifts, Collection<String> queues, Consumer<FinishedCall> onFinished) {
    this.routing = routing;
    this.settings = settings;
    this.arrivals = arrivals;
    this.onFinished = onFinished;
    this.tally = new Tally(settings, queues);
    Map<String, List<AgentShift>> byAgent = new LinkedHashMap<>();
    shifts.forEach(shift -> byAgent.computeIfAbsent(shift.agentId(), id -> new ArrayList<>()).add(shift));
    byAgent.forEach((agentId, agentShifts) -> {
      agentShifts.sort(Comparator.comparingLong(AgentShift::startMs));
      agents.put(agentId, new SimulatedAgent(agentShifts));
    });
    this.reactions = new Reactions(this, settings, calls, agents, routing::toRunTime);
  }

  /** Runs until no event is left, then reports per queue. */
  List<QueueReport> run(String strategyLabel) {
    for (SimulatedAgent agent : agents.values()) {
      for (AgentShift shift : agent.shifts()) {
        schedule(shift.startMs(), Kind.SHIFT_START, null, agent.agentId, null);
        if (shift.endMs() != Long.MAX_VALUE) {
          schedule(shift.endMs(), Kind.SHIFT_END, null, agent.agentId, null);
        }
      }
    }
    scheduleNextArrival();
    while (!events.isEmpty()) {
      SimEvent event = events.poll();
      nowMs = event.atMs();
      if (routing.advanceTo(nowMs)) {
        reactions.react(routing.decisions()); // punctuators, e.g. offers that expired
      }
      handle(event);
    }
    finishRun();
    return tally.reports(strategyLabel);
  }

  long now() {
    return nowMs;
  }

  void schedule(long atMs, Kind kind, String callId, String agentId, String reservationId) {
    events.add(new SimEvent(atMs, sequence++, kind, callId, agentId, reservationId));
  }

  void pipeCall(String callId, Object payload) {
    routing.call(callId, payload);
    reactions.react(routing.decisions());
  }

  void pipeAgent(String agentId, Object payload) {
    routing.agent(agentId, payload);
    reactions.react(routing.decisions());
  }

  void finish(SimulatedCall call, Result result) {
    calls.remove(call.arrival.callId());
    FinishedCall finished = call.finish(result, nowMs);
    tally.finished(finished);
    onFinished.accept(finished);
  }

  private void handle(SimEvent event) {
    switch (event.kind()) {
      case ARRIVAL -> arrive(calls.get(event.callId()));
      case PATIENCE -> giveUp(calls.get(event.callId()));
      case ANSWER -> answer(calls.get(event.callId()), event.agentId(), event.reservationId());
      case CALL_END -> hangUp(calls.get(event.callId()), agents.get(event.agentId()));
      case SHIFT_START -> signIn(agents.get(event.agentId()));
      case SHIFT_END -> endShift(agents.get(event.agentId()));
      default -> { } // CLOCK: moving the engine's clock was the point
    }
  }

  private void scheduleNextArrival() {
    if (nextArrival < arrivals.size()) {
      CallArrival arrival = arrivals.get(nextArrival++);
      calls.put(arrival.callId(), new SimulatedCall(arrival));
      schedule(arrival.atMs(), Kind.ARRIVAL, arrival.callId(), null, null);
    }
  }

  private void arrive(SimulatedCall call) {
    CallArrival arrival = call.arrival;
    pipeCall(arrival.callId(), CallCreated.newBuilder().setDirection(arrival.direction())
        .setChannel(CallChannel.SIP).setQueue(arrival.queue()).setAttributes(arrival.attributes())
        .setTags(arrival.tags()).build());
    pipeCall(arrival.callId(), new CallQueued(arrival.queue(), null));
    if (arrival.patienceMs() != Long.MAX_VALUE) {
      schedule(arrival.atMs() + arrival.patienceMs(), Kind.PATIENCE, arrival.callId(), null, null);
    }
    scheduleNextArrival();
  }

  private void giveUp(SimulatedCall call) {
    if (call != null && !call.answered()) {
      // Open offers are rescinded by the engine; the decisions free the agents.
      pipeCall(call.arrival.callId(), new CallEnded(CallOutcome.ABANDONED, "caller hung up", null));
      finish(call, Result.ABANDONED);
    }
  }

  private void answer(SimulatedCall call, String agentId, String reservationId) {
    if (call != null && !call.answered() && call.openOffers.containsKey(reservationId)) {
      pipeCall(call.arrival.callId(), new CallAnswered(agentId, reservationId));
    }
  }

  private void hangUp(SimulatedCall call, SimulatedAgent agent) {
    if (agent.leaving && agent.calls.size() == 1 && agent.offers.isEmpty()) {
      // Out before the call ends, so that the engine does not offer this agent the next call.
      signOut(agent);
    }
    agent.calls.remove(call.arrival.callId());
    pipeCall(call.arrival.callId(), new CallEnded(CallOutcome.ENDED, null, agent.agentId));
    tally.busy(call.arrival.queue(), call.answeredMs, nowMs);
    finish(call, Result.ANSWERED);
  }

  private void signIn(SimulatedAgent agent) {
    AgentShift previous = agent.shift;
    AgentShift shift = agent.startNextShift();
    agent.leaving = false;
    if (agent.signedIn) {
      // Still on (finishing calls, or shifts back to back): a new profile is a re-registration,
      // which the engine applies keeping the agent's status.
      if (!shift.sameProfile(previous)) {
        tally.staffed(previous.queues(), agent.signedInAtMs, nowMs);
        agent.signedInAtMs = nowMs;
        pipeAgent(agent.agentId, shift.registration());
      }
      return;
    }
    agent.signedIn = true;
    agent.signedInAtMs = nowMs;
    pipeAgent(agent.agentId, shift.registration());
    pipeAgent(agent.agentId, new AgentStatusChanged(AgentStatus.AVAILABLE, "shift start"));
  }

  /** Also scheduled by {@link Reactions} when a leaving agent's last offer goes away. */
  private void endShift(SimulatedAgent agent) {
    if (!agent.signedIn || nowMs < agent.shift.endMs() || agent.nextShiftStartsAt(nowMs)) {
      return;
    }
    if (agent.idle()) {
      signOut(agent);
    } else {
      agent.leaving = true;
    }
  }

  private void signOut(SimulatedAgent agent) {
    agent.signedIn = false;
    pipeAgent(agent.agentId, new AgentStatusChanged(AgentStatus.OFFLINE, "shift end"));
    tally.staffed(agent.shift.queues(), agent.signedInAtMs, nowMs);
  }

  private void finishRun() {
    long endMs = Math.max(nowMs, settings.horizonMs());
    for (SimulatedAgent agent : agents.values()) {
      if (agent.signedIn) {
        tally.staffed(agent.shift.queues(), agent.signedInAtMs, endMs);
      }
    }
    for (SimulatedCall call : new ArrayList<>(calls.values())) {
      if (call.arrival.atMs() <= nowMs) {
        finish(call, Result.UNRESOLVED);
      }
    }
  }
}
