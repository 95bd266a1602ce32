package io.switchboard.callstate.projection;

import io.switchboard.schemas.avro.CallAnswered;
import io.switchboard.schemas.avro.CallCreated;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallQueued;
import io.switchboard.schemas.avro.CallTransferred;
import io.switchboard.schemas.avro.CallWrappedUp;
import io.switchboard.schemas.avro.DtmfReceived;
import io.switchboard.schemas.avro.ReservationAccepted;
import io.switchboard.schemas.avro.ReservationRejected;
import io.switchboard.schemas.avro.ReservationTimedOut;
import io.switchboard.schemas.avro.RoutingOffered;
import io.switchboard.schemas.avro.RoutingOverflowed;
import io.switchboard.schemas.avro.RoutingQueued;
import io.switchboard.schemas.call.CallEvents;
import io.switchboard.schemas.call.CallState;
import io.switchboard.schemas.call.CallStateMachine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Folds every known event of one call into its row. Pure: the row is a function of the set of
 * events, whatever order they arrived in, so a late event is folded in by folding the call again.
 *
 * <p>Events are folded in the order they occurred; events of the same millisecond in the order of
 * the lifecycle (created, queued, ringing, ..., ended), then by topic, partition and offset. A
 * transition the state machine forbids is reported and not applied, and neither are the fields of
 * that event.
 */
final class CallFold {

  /** The row, and the events whose transition was refused. */
  record Folded(CallRow row, List<Rejection> rejections) {}

  /** An event asking for a transition the state machine forbids. */
  record Rejection(String tenantId, String callId, UUID eventId, String type, CallState from, CallState to) {}

  static final Comparator<CallFact> ORDER = Comparator.comparing(CallFact::occurredAt)
      .thenComparingInt(CallFold::lifecycleRank)
      .thenComparing(CallFact::topic)
      .thenComparingInt(CallFact::partition)
      .thenComparingLong(CallFact::offset);

  Folded fold(String tenantId, String callId, Collection<CallFact> facts) {
    List<CallFact> ordered = new ArrayList<>(facts);
    ordered.sort(ORDER);
    CallAccumulator call = new CallAccumulator();
    List<Rejection> rejections = new ArrayList<>();
    Set<UUID> seen = new HashSet<>();
    for (CallFact fact : ordered) {
      if (!seen.add(fact.eventId())) {
        continue; // the same event read twice is one fact
      }
      Optional<CallState> target = fact.payload() instanceof CallCreated
          ? Optional.empty() : CallEvents.targetState(fact.payload());
      if (target.isPresent()) {
        // A call first seen through a later event is taken to have been created just before it.
        CallState from = call.state == null ? CallState.INITIATING : call.state;
        if (!CallStateMachine.canMove(from, target.get())) {
          rejections.add(new Rejection(tenantId, callId, fact.eventId(), fact.type(), from, target.get()));
          continue;
        }
        if (from != target.get() || call.state == null) {
          call.moved(from, target.get(), fact.occurredAt());
          call.state = target.get();
          call.stateChangedAt = fact.occurredAt();
        }
      }
      apply(call, fact);
    }
    return new Folded(call.toRow(tenantId, callId), List.copyOf(rejections));
  }

  private static void apply(CallAccumulator call, CallFact fact) {
    Object payload = fact.payload();
    Instant at = fact.occurredAt();
    call.eventCount++;
    call.lastEventId = fact.eventId();
    call.lastEventAt = at;
    if (payload instanceof CallCreated created) {
      call.created(created, at);
    } else if (payload instanceof CallQueued queued) {
      call.queued(queued.getQueue(), at);
    } else if (payload instanceof RoutingQueued queued) {
      call.queued(fact.queue(), at);
      call.priority = queued.getPriority();
    } else if (payload instanceof RoutingOffered offered) {
      call.offeredAt = at;
      call.agentId = offered.getAgentId();
    } else if (payload instanceof ReservationAccepted accepted) {
      call.agentId = accepted.getAgentId();
    } else if (payload instanceof ReservationRejected || payload instanceof ReservationTimedOut) {
      call.backToQueue();
    } else if (payload instanceof CallAnswered answered) {
      call.answered(answered.getAgentId(), at);
    } else if (payload instanceof RoutingOverflowed overflowed) {
      call.queue = overflowed.getToQueue();
    } else if (payload instanceof CallTransferred) {
      call.transferCount++;
    } else if (payload instanceof CallEnded ended) {
      call.ended(ended.getOutcome().name(), ended.getReason(), at);
    } else if (payload instanceof CallWrappedUp wrapped) {
      call.wrappedUp(wrapped.getAgentId(), wrapped.getDisposition(), wrapped.getNotes(), at);
    } else if (payload instanceof DtmfReceived) {
      return; // a key press is the timeline's (call_key_presses): it counts as an event and moves nothing else
    }
    if (call.state != null && call.state.isTerminal() && call.endedAt == null) {
      call.ended(call.state.name(), null, at); // e.g. an external transfer ends the call without CallEnded
    }
  }

  /** Within one millisecond, causes come before effects: created before queued before ringing... */
  private static int lifecycleRank(CallFact fact) {
    if (fact.payload() instanceof CallCreated) {
      return -1;
    }
    return CallEvents.targetState(fact.payload()).map(Enum::ordinal).orElse(CallState.values().length);
  }
}
