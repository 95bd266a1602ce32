package io.switchboard.routing.stats;

/** What both inputs count when a call is answered or ends. */
final class Calls {

  private Calls() {}

  /** Counts the call's talk time in the interval of its end, frees its agent and forgets the call. */
  static void handled(QueueLedger ledger, String tenant, String callId, TrackedCall call, long endedAt) {
    countHandled(ledger, tenant, call, endedAt);
    if (call.agentId() != null) {
      ledger.agent(tenant, call.agentId(), endedAt, agent -> agent == null ? null : agent.released(callId));
    }
    ledger.forget(tenant, callId);
  }

  /** Counts one handled contact of the call's queue and its talk time, in the interval of {@code endedAt}. */
  static void countHandled(QueueLedger ledger, String tenant, TrackedCall call, long endedAt) {
    long talk = call.talkMs(endedAt);
    ledger.count(tenant, call.queue(), endedAt, counts -> {
      counts.handled++;
      counts.talkMs += talk;
    });
  }

  /** Counts the call answered in its queue at {@code at}, in that interval, with its wait since it entered. */
  static void countAnswered(QueueLedger ledger, long thresholdMs, String tenant, TrackedCall call, long at) {
    long waited = Math.max(0, at - call.enteredAt());
    ledger.count(tenant, call.queue(), at, counts -> {
      counts.answered++;
      counts.answeredWaitMs += waited;
      if (waited <= thresholdMs) {
        counts.answeredWithinServiceLevel++;
      }
    });
  }
}
