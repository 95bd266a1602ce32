package io.switchboard.routing.queue;

import java.util.ArrayList;
import java.util.List;

/**
 * The routing engine's view of one agent: the queues it serves, its capacity, whether it said it is
 * available, since when it has been idle, and the calls it holds (connected) or is offered.
 */
record AgentState(
    String agentId,
    List<String> queues,
    int capacity,
    boolean available,
    long idleSince,
    List<String> calls,
    List<String> offers) {

  AgentState {
    queues = List.copyOf(queues);
    calls = List.copyOf(calls);
    offers = List.copyOf(offers);
  }

  /** A newly registered agent: OFFLINE until it changes status. */
  static AgentState registered(String agentId, List<String> queues, int capacity, long at) {
    return new AgentState(agentId, queues, capacity, false, at, List.of(), List.of());
  }

  /** Offers count against capacity too, so an agent is never offered more than it can take. */
  int load() {
    return calls.size() + offers.size();
  }

  boolean canTakeCallFrom(String queue) {
    return available && load() < capacity && queues.contains(queue);
  }

  AgentState withProfile(List<String> newQueues, int newCapacity) {
    return new AgentState(agentId, newQueues, newCapacity, available, idleSince, calls, offers);
  }

  AgentState becomeAvailable(long at) {
    return new AgentState(agentId, queues, capacity, true, at, calls, offers);
  }

  AgentState becomeUnavailable() {
    return new AgentState(agentId, queues, capacity, false, idleSince, calls, offers);
  }

  AgentState reserve(String callId) {
    return new AgentState(agentId, queues, capacity, available, idleSince, calls, plus(offers, callId));
  }

  AgentState accept(String callId) {
    return new AgentState(agentId, queues, capacity, available, idleSince, plus(calls, callId), minus(offers, callId));
  }

  AgentState releaseOffer(String callId) {
    return new AgentState(agentId, queues, capacity, available, idleSince, calls, minus(offers, callId));
  }

  /** A finished call makes the agent idle from the moment it ended. */
  AgentState endCall(String callId, long at) {
    return new AgentState(agentId, queues, capacity, available, at, minus(calls, callId), offers);
  }

  private static List<String> plus(List<String> list, String item) {
    List<String> copy = new ArrayList<>(list);
    if (!copy.contains(item)) {
      copy.add(item);
    }
    return copy;
  }

  private static List<String> minus(List<String> list, String item) {
    List<String> copy = new ArrayList<>(list);
    copy.remove(item);
    return copy;
  }
}
