package io.switchboard.routing.stats;

import io.switchboard.schemas.avro.AgentStatus;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * An agent as the statistics see it: what the agent said on {@code agent.events}, and the engine's
 * view from {@code routing.decisions} (the calls offered to it and the calls it holds).
 *
 * @param queues the queues it serves
 * @param reported the last status from {@code agent.events} (OFFLINE until it sets one)
 * @param offers calls with an open offer to this agent
 * @param calls calls this agent holds
 */
record TrackedAgent(List<String> queues, AgentStatus reported, Set<String> offers, Set<String> calls) {

  TrackedAgent {
    queues = List.copyOf(queues);
    offers = Set.copyOf(offers);
    calls = Set.copyOf(calls);
  }

  static TrackedAgent signedIn(List<String> queues) {
    return new TrackedAgent(queues, AgentStatus.OFFLINE, Set.of(), Set.of());
  }

  /** A held call makes the agent BUSY, an open offer RESERVED; otherwise it is what it said. */
  AgentStatus status() {
    if (!calls.isEmpty()) {
      return AgentStatus.BUSY;
    }
    if (!offers.isEmpty()) {
      return AgentStatus.RESERVED;
    }
    return reported;
  }

  TrackedAgent withQueues(List<String> next) {
    return new TrackedAgent(next, reported, offers, calls);
  }

  TrackedAgent withReported(AgentStatus next) {
    return new TrackedAgent(queues, next, offers, calls);
  }

  TrackedAgent offered(String callId) {
    return new TrackedAgent(queues, reported, plus(offers, callId), calls);
  }

  TrackedAgent offerClosed(String callId) {
    return new TrackedAgent(queues, reported, minus(offers, callId), calls);
  }

  TrackedAgent took(String callId) {
    return new TrackedAgent(queues, reported, minus(offers, callId), plus(calls, callId));
  }

  TrackedAgent released(String callId) {
    return new TrackedAgent(queues, reported, offers, minus(calls, callId));
  }

  private static Set<String> plus(Set<String> set, String value) {
    Set<String> copy = new TreeSet<>(set);
    copy.add(value);
    return copy;
  }

  private static Set<String> minus(Set<String> set, String value) {
    Set<String> copy = new TreeSet<>(set);
    copy.remove(value);
    return copy;
  }
}
