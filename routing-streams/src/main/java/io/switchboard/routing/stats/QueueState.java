package io.switchboard.routing.stats;

import io.switchboard.schemas.avro.AgentStatus;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The real-time part of a queue's statistics, kept up to date event by event so that a snapshot
 * never scans the queue's calls or agents. Mutable: read, change, put back.
 */
final class QueueState {

  /** Calls in line or ringing an agent. */
  int waiting;
  /** Agents serving the queue, by status; their sum is the eligible agents. */
  final EnumMap<AgentStatus, Integer> agents = new EnumMap<>(AgentStatus.class);
  /** Start of the latest 15-minute interval in which something happened to the queue; -1 before any. */
  long latestInterval = -1;
  /** Wall-clock time of the last {@code queue.stats} record; 0 before any. */
  long lastEmittedAt;

  void addAgent(AgentStatus status, int delta) {
    agents.merge(status, delta, Integer::sum);
    if (agents.get(status) <= 0) {
      agents.remove(status);
    }
  }

  int eligibleAgents() {
    return agents.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Every status, zeros included, in the schema's order: a wallboard shows a stable set of columns. */
  Map<String, Integer> agentsByStatus() {
    Map<String, Integer> all = new LinkedHashMap<>();
    for (AgentStatus status : AgentStatus.values()) {
      all.put(status.name(), agents.getOrDefault(status, 0));
    }
    return all;
  }
}
