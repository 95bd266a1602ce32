package io.switchboard.callstate.replay;

import io.switchboard.schemas.audit.AuditEvents;
import io.switchboard.schemas.avro.AgentChannel;
import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.AgentRegistered;
import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.AgentStatusChanged;
import io.switchboard.schemas.avro.AuditAction;
import io.switchboard.schemas.avro.AuditEvent;
import io.switchboard.schemas.avro.AuditTargetKind;
import io.switchboard.schemas.avro.CallAnswered;
import io.switchboard.schemas.avro.CallChannel;
import io.switchboard.schemas.avro.CallCreated;
import io.switchboard.schemas.avro.CallDirection;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallHeld;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.CallQueued;
import io.switchboard.schemas.avro.CallResumed;
import io.switchboard.schemas.avro.CallRinging;
import io.switchboard.schemas.avro.CallTransferred;
import io.switchboard.schemas.avro.MediaType;
import io.switchboard.schemas.avro.ParticipantJoined;
import io.switchboard.schemas.avro.ParticipantLeft;
import io.switchboard.schemas.avro.ParticipantRole;
import io.switchboard.schemas.avro.ParticipantUpdated;
import io.switchboard.schemas.avro.QualityEvent;
import io.switchboard.schemas.avro.QueueStats;
import io.switchboard.schemas.avro.ReservationAccepted;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingOffered;
import io.switchboard.schemas.avro.RoutingQueued;
import io.switchboard.schemas.avro.Skill;
import io.switchboard.schemas.avro.TransferTargetType;
import io.switchboard.schemas.topics.Topics;
import io.switchboard.testsupport.EventProducer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A tenant's day in miniature, on every topic the projection reads: answered calls with ringing,
 * holds, transfers, participants, quality samples and wrap-up; abandoned calls; agents registering
 * and changing status; queue statistics; an admin's and a supervisor's audited actions; and an
 * unreadable record. Decisions go out after the call
 * events they follow, so the projection meets them out of order across topics.
 */
final class Scenario {

  private final EventProducer producer;
  private final String tenant;

  Scenario(EventProducer producer, String tenant) {
    this.producer = producer;
    this.tenant = tenant;
  }

  /** Publishes {@code calls} calls from {@code t0} on; returns their ids. */
  List<String> publish(int calls, Instant t0) {
    audit(t0, "admin-1", "admin", AuditAction.QUEUE_CONFIGURED, AuditTargetKind.QUEUE, "sales", null);
    audit(t0.plusSeconds(30), "supervisor-1", "supervisor", AuditAction.CALL_PRIORITY_CHANGED, AuditTargetKind.CALL,
        tenant + "-call-0", "forbidden");
    for (int a = 0; a < 4; a++) {
      agent("agent-" + a, t0, new AgentRegistered("Agent " + a, List.of(new Skill("english", 5 + a)),
          List.of("sales"), 1, AgentChannel.WEBRTC, null));
      agent("agent-" + a, t0.plusMillis(1), new AgentStatusChanged(AgentStatus.AVAILABLE, null));
    }
    List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < calls; i++) {
      String callId = tenant + "-call-" + i;
      ids.add(callId);
      Instant at = t0.plusSeconds(10L * i);
      call(callId, at, new CallCreated(CallDirection.INBOUND, i % 2 == 0 ? CallChannel.WEBRTC : CallChannel.SIP,
          "customer-" + i, null, null, "sales", Map.of("language", "en"), List.of("vip-" + (i % 3))));
      call(callId, at.plusMillis(100), new CallQueued("sales", null));
      decision(callId, at.plusMillis(110), new RoutingQueued(1, 100));
      if (i % 7 == 3) {
        call(callId, at.plusSeconds(25), new CallEnded(CallOutcome.ABANDONED, "caller hung up", "customer"));
        continue;
      }
      answered(callId, at, "agent-" + (i % 4), i);
    }
    producer.sendRaw(Topics.CALL_EVENTS.name(), tenant + "-poison", "not avro".getBytes(StandardCharsets.UTF_8));
    Instant interval = Instant.ofEpochSecond(t0.getEpochSecond() / 900 * 900);
    producer.send(Topics.QUEUE_STATS, Topics.queueKey(tenant, "sales"), stats(interval, t0.plusSeconds(60), 3));
    producer.send(Topics.QUEUE_STATS, Topics.queueKey(tenant, "sales"), stats(interval, t0.plusSeconds(120), calls));
    return ids;
  }

  private void answered(String callId, Instant at, String agentId, int i) {
    String reservation = "r-" + callId;
    call(callId, at.plusMillis(800), new CallRinging(agentId, agentId));
    call(callId, at.plusMillis(2_000), new CallAnswered(agentId, reservation));
    call(callId, at.plusMillis(2_000), new ParticipantJoined("customer", ParticipantRole.CUSTOMER, "C", true, false));
    call(callId, at.plusMillis(2_010), new ParticipantJoined(agentId, ParticipantRole.AGENT, agentId, true, i % 2 == 0));
    agent(agentId, at.plusMillis(2_000), new AgentStatusChanged(AgentStatus.BUSY, null));
    // the decisions, published after the answer they led to
    decision(callId, at.plusMillis(700), new RoutingOffered(agentId, reservation, at.plusSeconds(20), false));
    decision(callId, at.plusMillis(1_900), new ReservationAccepted(agentId, reservation));
    Instant end = at.plusSeconds(60 + i);
    if (i % 3 == 0) {
      call(callId, at.plusSeconds(10), new CallHeld(agentId));
      call(callId, at.plusSeconds(15), new CallResumed(agentId));
      call(callId, at.plusSeconds(20), new CallHeld(agentId));
      call(callId, at.plusSeconds(28), new CallResumed(agentId));
    }
    call(callId, at.plusSeconds(30), new ParticipantUpdated(agentId, null, null, i % 4 == 0));
    quality(callId, agentId, at.plusSeconds(30), 10.0 + i, 0.1 * (i % 5), 40.0 + i, 4.4 - 0.05 * i);
    if (i % 5 == 0) {
      call(callId, at.plusSeconds(40), new CallTransferred(TransferTargetType.AGENT, "agent-9", agentId));
      call(callId, at.plusSeconds(40), new ParticipantLeft(agentId, "transferred"));
    }
    call(callId, end, new CallEnded(CallOutcome.ENDED, null, "agent"));
    agent(agentId, end, new AgentStatusChanged(AgentStatus.WRAP_UP, null));
    agent(agentId, end.plusSeconds(5 + i % 4), new AgentStatusChanged(AgentStatus.AVAILABLE, "wrap-up done"));
  }

  private QueueStats stats(Instant interval, Instant at, int offered) {
    return QueueStats.newBuilder().setEventId(UUID.randomUUID()).setTenantId(tenant).setOccurredAt(at)
        .setSource("routing-1").setQueue("sales").setWaiting(2).setLongestWaitMs(12_000L)
        .setAgentsByStatus(Map.of("BUSY", 3, "AVAILABLE", 1)).setIntervalStart(interval)
        .setOffered(offered).setAnswered(offered - 1).setAbandoned(1).setOverflowed(0)
        .setAnsweredWithinServiceLevel(offered - 2).setAsaMs(2_000L).setAhtMs(70_000L).setServiceLevel(0.8)
        .setAbandonmentRate(1.0 / offered).setEligibleAgents(4).setAbandonedAfterServiceLevel(0).build();
  }

  private void call(String callId, Instant at, Object payload) {
    producer.send(Topics.CALL_EVENTS, callId, new CallEvent(UUID.randomUUID(), tenant, at, "replay-it", callId,
        payload));
  }

  private void decision(String callId, Instant at, Object payload) {
    producer.send(Topics.ROUTING_DECISIONS, callId, new RoutingDecision(UUID.randomUUID(), tenant, at, "replay-it",
        callId, "sales", "replay test", payload));
  }

  private void agent(String agentId, Instant at, Object payload) {
    producer.send(Topics.AGENT_EVENTS, agentId, new AgentEvent(UUID.randomUUID(), tenant, at, "replay-it", agentId,
        payload));
  }

  private void audit(Instant at, String subject, String role, AuditAction action, AuditTargetKind kind,
      String target, String refusal) {
    var entry = new AuditEvents(Clock.fixed(at, ZoneOffset.UTC), "replay-it").about(tenant, action, kind, target)
        .by(subject, List.of(role), null).detail("note", "replay test").request("req-" + subject, "192.0.2.1");
    AuditEvent event = refusal == null ? entry.succeeded() : entry.refused(refusal);
    producer.send(Topics.AUDIT_EVENTS, tenant, event);
  }

  private void quality(String callId, String participantId, Instant at, double jitter, double loss, double rtt,
      double mos) {
    producer.send(Topics.QUALITY_EVENTS, callId, new QualityEvent(UUID.randomUUID(), tenant, at, "replay-it", callId,
        participantId, MediaType.AUDIO, jitter, loss, rtt, mos, 64.0, "opus", null, null, null));
  }
}
