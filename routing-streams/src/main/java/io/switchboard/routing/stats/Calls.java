package io.switchboard.routing.stats;

/** What both inputs do when an answered call ends. */
final class Calls {

  private Calls() {}

  /** Counts the call's talk time in the interval of its end, frees its agent and forgets the call. */
  static void handled(QueueLedger ledger, String tenant, String callId, TrackedCall call, long endedAt) {
    long talk = call.talkMs(endedAt);
    ledger.count(tenant, call.queue(), endedAt, counts -> {
      counts.handled++;
      counts.talkMs += talk;
    });
    if (call.agentId() != null) {
      ledger.agent(tenant, call.agentId(), endedAt, agent -> agent == null ? null : agent.released(callId));
    }
    ledger.forget(tenant, callId);
  }
}
