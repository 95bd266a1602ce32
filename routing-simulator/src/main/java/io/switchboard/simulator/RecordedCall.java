package io.switchboard.simulator;

import io.switchboard.schemas.avro.CallAnswered;
import io.switchboard.schemas.avro.CallCreated;
import io.switchboard.schemas.avro.CallDirection;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.CallQueued;
import io.switchboard.schemas.avro.CallbackRequested;
import java.util.List;
import java.util.Map;

/**
 * What the recording says about one call, folded from its events in time order: where and when it
 * first queued, when it was first answered and when it ended. Times are epoch ms, -1 when not seen.
 */
final class RecordedCall {

  /** How the call went, as far as the recording goes. */
  enum Fate {
    NOT_QUEUED,
    ANSWERED,
    /** Answered, not ended by the end of the recording. */
    TALKING,
    /** The caller hung up before an answer. */
    ABANDONED,
    /** Ended unanswered by someone else than the caller (a queue limit, a failure). */
    ENDED_UNANSWERED,
    /** Neither answered nor ended by the end of the recording. */
    WAITING
  }

  final String callId;
  String queue;
  long queuedAt = -1;
  long answeredAt = -1;
  long endedAt = -1;
  CallOutcome outcome;
  CallDirection direction = CallDirection.INBOUND;
  Map<String, String> attributes = Map.of();
  List<String> tags = List.of();
  private boolean callback;

  RecordedCall(String callId) {
    this.callId = callId;
  }

  void apply(CallEvent event) {
    Object payload = event.getPayload();
    long at = event.getOccurredAt().toEpochMilli();
    if (payload instanceof CallCreated) {
      CallCreated created = (CallCreated) payload;
      direction = created.getDirection();
      attributes = created.getAttributes();
      tags = created.getTags();
    } else if (payload instanceof CallQueued && queuedAt < 0) {
      // A later CallQueued (transfer to a queue) is part of the first answer's handling.
      queue = ((CallQueued) payload).getQueue();
      queuedAt = at;
    } else if (payload instanceof CallbackRequested) {
      callback = true;
    } else if (payload instanceof CallAnswered && queuedAt >= 0 && answeredAt < 0 && endedAt < 0) {
      answeredAt = at;
    } else if (payload instanceof CallEnded && endedAt < 0) {
      CallOutcome ended = ((CallEnded) payload).getOutcome();
      // After a callback request the caller's leg dropping does not end the call (call-flow.md).
      if (!(callback && ended == CallOutcome.ABANDONED && answeredAt < 0)) {
        endedAt = at;
        outcome = ended;
      }
    }
  }

  Fate fate() {
    if (queuedAt < 0) {
      return Fate.NOT_QUEUED;
    }
    if (answeredAt >= 0) {
      return endedAt >= 0 ? Fate.ANSWERED : Fate.TALKING;
    }
    if (endedAt < 0) {
      return Fate.WAITING;
    }
    return outcome == CallOutcome.ABANDONED || outcome == CallOutcome.CANCELLED
        ? Fate.ABANDONED : Fate.ENDED_UNANSWERED;
  }
}
