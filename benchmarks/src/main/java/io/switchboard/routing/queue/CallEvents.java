package io.switchboard.routing.queue;

import io.switchboard.schemas.avro.CallAnswered;
import io.switchboard.schemas.avro.CallChannel;
import io.switchboard.schemas.avro.CallCreated;
import io.switchboard.schemas.avro.CallDirection;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.CallQueued;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The call events of a cycle, as the gateway publishes them (docs/call-flow.md), built once and
 * reused: each use only sets the call id, a pre-drawn event id and the time (and, for an answer,
 * the agent and reservation of the offer), so the benchmark measures routing, not event building.
 * Reuse is safe because the processors copy what they keep out of an event.
 */
final class CallEvents {

  private static final int EVENT_IDS = 4096;

  private final UUID[] eventIds = new UUID[EVENT_IDS];
  private int nextEventId;
  private final CallEvent created;
  private final CallEvent queued;
  private final CallEvent answered;
  private final CallAnswered answer = new CallAnswered(null, null);
  private final CallEvent ended;

  CallEvents(String tenant, String queue, String source, SplittableRandom random) {
    for (int i = 0; i < EVENT_IDS; i++) {
      eventIds[i] = new UUID(random.nextLong(), random.nextLong());
    }
    created = template(tenant, source, CallCreated.newBuilder().setDirection(CallDirection.INBOUND)
        .setChannel(CallChannel.WEBRTC).setQueue(queue).setAttributes(Map.of()).setTags(List.of()).build());
    queued = template(tenant, source, new CallQueued(queue, null));
    answered = template(tenant, source, answer);
    ended = template(tenant, source, new CallEnded(CallOutcome.ENDED, null, null));
  }

  /** POST /api/v1/calls publishes CallCreated then CallQueued. */
  CallEvent created(String callId, long at) {
    return stamp(created, callId, at);
  }

  CallEvent queued(String callId, long at) {
    return stamp(queued, callId, at);
  }

  /** call:accept of the offered agent: the offer's agent and reservation id. */
  CallEvent answered(String callId, String agentId, String reservationId, long at) {
    answer.setAgentId(agentId);
    answer.setReservationId(reservationId);
    return stamp(answered, callId, at);
  }

  /** POST /api/v1/calls/{id}/end of an answered call. */
  CallEvent ended(String callId, long at) {
    return stamp(ended, callId, at);
  }

  private CallEvent stamp(CallEvent event, String callId, long at) {
    event.setCallId(callId);
    event.setEventId(eventIds[nextEventId]);
    nextEventId = (nextEventId + 1) % EVENT_IDS;
    event.setOccurredAt(Instant.ofEpochMilli(at));
    return event;
  }

  private static CallEvent template(String tenant, String source, Object payload) {
    // Event id, time and call id are set on every use.
    return new CallEvent(new UUID(0, 0), tenant, Instant.EPOCH, source, "unset", payload);
  }
}
