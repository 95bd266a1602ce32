package io.switchboard.callstate.projection;

import io.switchboard.schemas.avro.AssignmentRefusalReason;
import io.switchboard.schemas.avro.AssignmentRefused;
import io.switchboard.schemas.avro.CallAnswered;
import io.switchboard.schemas.avro.CallAssignmentRequested;
import io.switchboard.schemas.avro.CallChannel;
import io.switchboard.schemas.avro.CallCreated;
import io.switchboard.schemas.avro.CallDirection;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.CallHeld;
import io.switchboard.schemas.avro.CallQueued;
import io.switchboard.schemas.avro.CallResumed;
import io.switchboard.schemas.avro.CallRinging;
import io.switchboard.schemas.avro.CallTransferred;
import io.switchboard.schemas.avro.CallWrappedUp;
import io.switchboard.schemas.avro.DtmfMethod;
import io.switchboard.schemas.avro.DtmfReceived;
import io.switchboard.schemas.avro.ParticipantJoined;
import io.switchboard.schemas.avro.ParticipantLeft;
import io.switchboard.schemas.avro.ParticipantRole;
import io.switchboard.schemas.avro.ParticipantUpdated;
import io.switchboard.schemas.avro.TransferTargetType;
import io.switchboard.schemas.avro.ReservationAccepted;
import io.switchboard.schemas.avro.ReservationTimedOut;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingOffered;
import io.switchboard.schemas.avro.RoutingQueued;
import io.switchboard.schemas.topics.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Call events of one call at chosen instants, as the fold sees them. */
final class Facts {

  static final String TENANT = "acme";
  private final String callId;
  private long offset;

  Facts(String callId) {
    this.callId = callId;
  }

  CallFact created(Instant at) {
    return call(at, new CallCreated(CallDirection.INBOUND, CallChannel.WEBRTC, "c-42", null, null, "sales",
        Map.of("vip", "true"), List.of("urgent")));
  }

  CallFact queued(Instant at) {
    return call(at, new CallQueued("sales", null));
  }

  CallFact answered(Instant at, String agentId) {
    return call(at, new CallAnswered(agentId, "r-1"));
  }

  CallFact ended(Instant at, CallOutcome outcome) {
    return call(at, new CallEnded(outcome, "hung up", "customer"));
  }

  CallFact ringing(Instant at, String agentId) {
    return call(at, new CallRinging(agentId, null));
  }

  CallFact held(Instant at) {
    return call(at, new CallHeld("a1"));
  }

  CallFact resumed(Instant at) {
    return call(at, new CallResumed("a1"));
  }

  CallFact transferred(Instant at, TransferTargetType type, String target) {
    return call(at, new CallTransferred(type, target, "a1"));
  }

  CallFact routingQueued(Instant at, int priority) {
    return decision(at, new RoutingQueued(1, priority));
  }

  CallFact offered(Instant at, String agentId) {
    return decision(at, new RoutingOffered(agentId, "r-1", at.plusSeconds(20), false));
  }

  CallFact timedOut(Instant at, String agentId) {
    return decision(at, new ReservationTimedOut(agentId, "r-1"));
  }

  CallFact accepted(Instant at, String agentId) {
    return decision(at, new ReservationAccepted(agentId, "r-1"));
  }

  CallFact assignmentRequested(Instant at, String agentId) {
    return call(at, new CallAssignmentRequested(agentId, "sup-1"));
  }

  CallFact assignmentRefused(Instant at, String agentId, AssignmentRefusalReason reason) {
    return decision(at, new AssignmentRefused(agentId, reason));
  }

  CallFact wrappedUp(Instant at, String agentId, String disposition, String notes) {
    return call(at, new CallWrappedUp(agentId, disposition, notes));
  }

  CallFact keyPressed(Instant at, String participantId, String digit, DtmfMethod method) {
    return call(at, new DtmfReceived(participantId, digit, 160, method));
  }

  CallFact joined(Instant at, String participantId, ParticipantRole role, boolean audio, boolean video) {
    return call(at, new ParticipantJoined(participantId, role, "Name of " + participantId, audio, video));
  }

  CallFact left(Instant at, String participantId, String reason) {
    return call(at, new ParticipantLeft(participantId, reason));
  }

  CallFact updated(Instant at, String participantId, Boolean audio, Boolean video, Boolean screenShare) {
    return call(at, new ParticipantUpdated(participantId, audio, video, screenShare));
  }

  private CallFact call(Instant at, Object payload) {
    CallEvent event = new CallEvent(UUID.randomUUID(), TENANT, at, "test", callId, payload);
    return CallFact.of(event, Topics.CALL_EVENTS.name(), 0, offset++);
  }

  private CallFact decision(Instant at, Object payload) {
    RoutingDecision decision = new RoutingDecision(UUID.randomUUID(), TENANT, at, "test", callId, "sales", null,
        payload);
    return CallFact.of(decision, Topics.ROUTING_DECISIONS.name(), 0, offset++);
  }
}
