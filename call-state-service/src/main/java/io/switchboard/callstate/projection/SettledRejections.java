package io.switchboard.callstate.projection;

import io.switchboard.callstate.projection.CallFold.Folded;
import io.switchboard.callstate.projection.CallFold.Rejection;
import io.switchboard.schemas.call.CallEvents;
import io.switchboard.schemas.call.CallState;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Which refused transitions to report. A call's events come from two topics (call.events and
 * routing.decisions), so one can be read before an earlier one it depends on: a
 * {@code CallAnswered} before its {@code RoutingOffered}. The fold refuses it then and applies it at
 * the refold that brings the missing event, so such a refusal says nothing wrong. A refusal is
 * reported once it stays: when the call has ended, in the batch where it ends, or for an event that
 * arrives after the end. Each is reported once.
 */
final class SettledRejections {

  private SettledRejections() {}

  /** The refusals of {@code folded} to report, given the call's facts and the ids new in this batch. */
  static List<Rejection> of(Folded folded, Collection<CallFact> facts, Set<UUID> newIds) {
    if (folded.rejections().isEmpty() || !folded.row().state().isTerminal()) {
      return List.of();
    }
    // The event that ended the call: the first applied one, in the fold's order, with a final state.
    Set<UUID> refused = folded.rejections().stream().map(Rejection::eventId).collect(Collectors.toSet());
    Optional<CallFact> end = facts.stream().filter(fact -> !refused.contains(fact.eventId()) && ends(fact))
        .min(CallFold.ORDER);
    if (end.isPresent() && newIds.contains(end.get().eventId())) {
      return folded.rejections();
    }
    return folded.rejections().stream().filter(rejection -> newIds.contains(rejection.eventId())).toList();
  }

  private static boolean ends(CallFact fact) {
    Optional<CallState> target = CallEvents.targetState(fact.payload());
    return target.isPresent() && target.get().isTerminal();
  }
}
