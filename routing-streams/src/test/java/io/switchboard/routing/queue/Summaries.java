package io.switchboard.routing.queue;

import io.switchboard.schemas.avro.AgentPaused;
import io.switchboard.schemas.avro.AssignmentRefused;
import io.switchboard.schemas.avro.CallbackScheduled;
import io.switchboard.schemas.avro.OfferRescinded;
import io.switchboard.schemas.avro.ReservationAccepted;
import io.switchboard.schemas.avro.ReservationRejected;
import io.switchboard.schemas.avro.ReservationTimedOut;
import io.switchboard.schemas.avro.RoutingAbandoned;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingOffered;
import io.switchboard.schemas.avro.RoutingOverflowed;
import io.switchboard.schemas.avro.RoutingQueued;
import io.switchboard.schemas.avro.RoutingRejected;
import java.util.List;

/** One line per decision, e.g. "offered c1 to a1", so that a test reads as the story it checks. */
final class Summaries {

  private Summaries() {}

  static List<String> of(List<RoutingDecision> decisions) {
    return decisions.stream().map(Summaries::of).toList();
  }

  static String of(RoutingDecision decision) {
    Object payload = decision.getPayload();
    String call = decision.getCallId();
    if (payload instanceof RoutingQueued) {
      RoutingQueued queued = (RoutingQueued) payload;
      return "queued " + call + " at " + queued.getPosition() + " priority " + queued.getPriority();
    } else if (payload instanceof RoutingOffered) {
      RoutingOffered offered = (RoutingOffered) payload;
      return "offered " + call + " to " + offered.getAgentId() + (offered.getCallback() ? " as a callback" : "");
    } else if (payload instanceof ReservationAccepted) {
      return "accepted " + call + " by " + ((ReservationAccepted) payload).getAgentId();
    } else if (payload instanceof ReservationRejected) {
      return "rejected " + call + " by " + ((ReservationRejected) payload).getAgentId();
    } else if (payload instanceof ReservationTimedOut) {
      return "timed out " + call + " at " + ((ReservationTimedOut) payload).getAgentId();
    } else if (payload instanceof RoutingAbandoned) {
      return "abandoned " + call + " after " + ((RoutingAbandoned) payload).getWaitedMs() + " ms";
    } else if (payload instanceof OfferRescinded) {
      return "rescinded " + call + " from " + ((OfferRescinded) payload).getAgentId();
    } else if (payload instanceof RoutingRejected) {
      return "refused " + call + " in " + decision.getQueue() + ": " + ((RoutingRejected) payload).getLimit();
    } else if (payload instanceof RoutingOverflowed) {
      return "overflowed " + call + " from " + decision.getQueue() + " to " + ((RoutingOverflowed) payload).getToQueue();
    } else if (payload instanceof CallbackScheduled) {
      return "callback " + call + " at " + ((CallbackScheduled) payload).getPosition() + " in " + decision.getQueue();
    } else if (payload instanceof AssignmentRefused) {
      AssignmentRefused refused = (AssignmentRefused) payload;
      return "assignment of " + call + " to " + refused.getAgentId() + " refused: " + refused.getReason();
    } else if (payload instanceof AgentPaused) {
      return "paused " + ((AgentPaused) payload).getAgentId() + " (" + ((AgentPaused) payload).getReason() + ")";
    }
    return payload.getClass().getSimpleName() + " " + call;
  }

  /** The offers among {@code decisions}, in order. */
  static List<RoutingOffered> offers(List<RoutingDecision> decisions) {
    return decisions.stream().map(RoutingDecision::getPayload).filter(RoutingOffered.class::isInstance)
        .map(RoutingOffered.class::cast).toList();
  }

  static RoutingOffered lastOffer(List<RoutingDecision> decisions) {
    List<RoutingOffered> offers = offers(decisions);
    if (offers.isEmpty()) {
      throw new AssertionError("No RoutingOffered among " + of(decisions));
    }
    return offers.get(offers.size() - 1);
  }
}
