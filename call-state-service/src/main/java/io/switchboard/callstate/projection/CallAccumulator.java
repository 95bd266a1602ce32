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
  Instant offeredAt;
  Instant answeredAt;
  Instant endedAt;
  String endReason;
  Instant stateChangedAt;
  UUID lastEventId;
  Instant lastEventAt;
  int eventCount;

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

  CallRow toRow(String tenantId, String callId) {
    Instant waitEnd = answeredAt != null ? answeredAt : endedAt;
    return new CallRow(tenantId, callId, state == null ? CallState.INITIATING : state, outcome, queue, agentId,
        customerId, direction, channel, priority, Map.copyOf(attributes), List.copyOf(tags), createdAt, queuedAt,
        offeredAt, answeredAt, endedAt, endReason, millisBetween(queuedAt, waitEnd),
        millisBetween(answeredAt, endedAt), millisBetween(createdAt, endedAt), stateChangedAt, lastEventId,
        lastEventAt, eventCount);
  }

  /** Null until both ends are known; never negative, whatever the clocks of two services say. */
  private static Long millisBetween(Instant from, Instant to) {
    if (from == null || to == null) {
      return null;
    }
    return Math.max(0, Duration.between(from, to).toMillis());
  }
}
