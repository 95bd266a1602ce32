package io.switchboard.callstate.projection;

import io.switchboard.schemas.avro.CallCreated;
import io.switchboard.schemas.call.CallState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The mutable state of one fold of {@link CallFold}; never leaves it. */
final class CallAccumulator {

  CallState state;
  String outcome;
  String queue;
  String agentId;
  String customerId;
  String direction;
  String channel;
  Integer priority;
  Map<String, String> attributes = Map.of();
  List<String> tags = List.of();
  Instant createdAt;
  Instant queuedAt;
  Instant ringingAt;
  Instant offeredAt;
  Instant answeredAt;
  Instant endedAt;
  String endReason;
  Instant heldAt;
  int holdCount;
  long holdMs;
  /** When the current hold began; null while the call is not on hold. */
  Instant holdStart;
  int transferCount;
  Instant stateChangedAt;
  UUID lastEventId;
  Instant lastEventAt;
  int eventCount;
  String disposition;
  String dispositionNotes;
  Instant wrappedUpAt;
  String wrappedUpBy;

  void created(CallCreated created, Instant at) {
    createdAt = at;
    direction = created.getDirection().name();
    channel = created.getChannel().name();
    customerId = created.getCustomerId();
    attributes = new LinkedHashMap<>(created.getAttributes());
    tags = new ArrayList<>(created.getTags());
    if (queue == null) {
      queue = created.getQueue();
    }
    if (state == null) {
      state = CallState.INITIATING;
      stateChangedAt = at;
    }
  }

  /**
   * The state changed from {@code from} to {@code to}. Hold time is time spent in ON_HOLD, so a hold
   * closes on whatever leaves it: a resume, the end of the call, a transfer, a reconnection.
   */
  void moved(CallState from, CallState to, Instant at) {
    if (to == CallState.RINGING && ringingAt == null) {
      ringingAt = at;
    }
    if (from == CallState.ON_HOLD && holdStart != null) {
      holdMs += Math.max(0, Duration.between(holdStart, at).toMillis());
      holdStart = null;
    }
    if (to == CallState.ON_HOLD) {
      holdStart = at;
      holdCount++;
      if (heldAt == null) {
        heldAt = at;
      }
    }
  }

  /** The wait is measured from the first time the call entered a queue. */
  void queued(String queueName, Instant at) {
    if (queueName != null) {
      queue = queueName;
    }
    if (queuedAt == null) {
      queuedAt = at;
    }
  }

  /** An offer that came to nothing leaves no agent on a call nobody answered yet. */
  void backToQueue() {
    if (answeredAt == null) {
      agentId = null;
    }
  }

  /** The first answer ends the wait; a call answered again after a transfer keeps it. */
  void answered(String agent, Instant at) {
    if (answeredAt == null) {
      answeredAt = at;
    }
    if (agent != null) {
      agentId = agent;
    }
  }

  void ended(String endOutcome, String reason, Instant at) {
    outcome = endOutcome;
    endReason = reason;
    endedAt = at;
  }

  /** The last wrap-up counts: an agent may correct its disposition. */
  void wrappedUp(String by, String code, String notes, Instant at) {
    wrappedUpBy = by;
    disposition = code;
    dispositionNotes = notes;
    wrappedUpAt = at;
  }

  CallRow toRow(String tenantId, String callId) {
    Instant waitEnd = answeredAt != null ? answeredAt : endedAt;
    return new CallRow(tenantId, callId, state == null ? CallState.INITIATING : state, outcome, queue, agentId,
        customerId, direction, channel, priority, Map.copyOf(attributes), List.copyOf(tags), createdAt, queuedAt,
        ringingAt, offeredAt, answeredAt, endedAt, endReason, millisBetween(queuedAt, waitEnd),
        millisBetween(answeredAt, endedAt), millisBetween(createdAt, endedAt), heldAt, holdCount, holdMs,
        transferCount, stateChangedAt, lastEventId, lastEventAt, eventCount, disposition, dispositionNotes,
        wrappedUpAt, wrappedUpBy);
  }

  /** Null until both ends are known; never negative, whatever the clocks of two services say. */
  private static Long millisBetween(Instant from, Instant to) {
    if (from == null || to == null) {
      return null;
    }
    return Math.max(0, Duration.between(from, to).toMillis());
  }
}
