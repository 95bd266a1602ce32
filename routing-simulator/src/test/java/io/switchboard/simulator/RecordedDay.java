package io.switchboard.simulator;

import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.AgentRegistered;
import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.AgentStatusChanged;
import io.switchboard.schemas.avro.CallAnswered;
import io.switchboard.schemas.avro.CallChannel;
import io.switchboard.schemas.avro.CallCreated;
import io.switchboard.schemas.avro.CallDirection;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.CallQueued;
import io.switchboard.schemas.avro.Skill;
import io.switchboard.schemas.topics.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds a recorded day of one tenant, as the services would have written it, for replay tests. */
final class RecordedDay {

  static final Instant MORNING = Instant.parse("2026-03-02T08:00:00Z");

  static {
    // The catalogue's serdes make Avro trust the generated classes, which record builders need.
    Topics.AGENT_EVENTS.valueSerde();
  }

  final String tenant;
  final List<CallEvent> calls = new ArrayList<>();
  final List<AgentEvent> agents = new ArrayList<>();
  private long ids;

  RecordedDay(String tenant) {
    this.tenant = tenant;
  }

  static Instant at(long secondsAfterMorning) {
    return MORNING.plusSeconds(secondsAfterMorning);
  }

  CallEvent call(String callId, long second, Object payload) {
    CallEvent event = new CallEvent(nextId(), tenant, at(second), "recorder", callId, payload);
    calls.add(event);
    return event;
  }

  AgentEvent agent(String agentId, long second, Object payload) {
    AgentEvent event = new AgentEvent(nextId(), tenant, at(second), "recorder", agentId, payload);
    agents.add(event);
    return event;
  }

  /** CallCreated and CallQueued, as the gateway writes them. */
  RecordedDay queued(String callId, String queue, long second) {
    call(callId, second, CallCreated.newBuilder().setDirection(CallDirection.INBOUND).setChannel(CallChannel.WEBRTC)
        .setQueue(queue).build());
    call(callId, second, new CallQueued(queue, null));
    return this;
  }

  RecordedDay answered(String callId, String agentId, long second) {
    call(callId, second, new CallAnswered(agentId, "r-" + callId));
    return this;
  }

  RecordedDay ended(String callId, CallOutcome outcome, long second) {
    call(callId, second, new CallEnded(outcome, null, null));
    return this;
  }

  RecordedDay signedIn(String agentId, List<String> queues, Map<String, Integer> skills, long second) {
    List<Skill> levels = new ArrayList<>();
    skills.forEach((name, level) -> levels.add(new Skill(name, level)));
    agent(agentId, second, AgentRegistered.newBuilder().setQueues(queues).setSkills(levels).setCapacity(1).build());
    return status(agentId, AgentStatus.AVAILABLE, second);
  }

  RecordedDay status(String agentId, AgentStatus status, long second) {
    agent(agentId, second, new AgentStatusChanged(status, null));
    return this;
  }

  /** Everything recorded so far, in a recording of {@code tenant}. */
  Recording recording() {
    Recording recording = new Recording(tenant);
    calls.forEach(recording::add);
    agents.forEach(recording::add);
    return recording;
  }

  private UUID nextId() {
    return new UUID(0x7e57L, ++ids);
  }
}
