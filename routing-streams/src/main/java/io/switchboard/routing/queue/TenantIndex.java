package io.switchboard.routing.queue;

import io.switchboard.schemas.avro.QueueConfig;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/** One tenant's part of the {@link RoutingIndex}: agents by queue and order, waiting lines by queue. */
final class TenantIndex {

  private static final QueueAgents NO_AGENTS = new QueueAgents();

  private final Map<String, AgentState> agents = new HashMap<>();
  /** Every call the engine holds, as in the calls store: reads need no decoding. */
  private final Map<String, RoutedCall> calls = new HashMap<>();
  private final Map<String, QueueAgents> queueAgents = new HashMap<>();
  private final Map<String, Comparator<AgentState>> orders = new HashMap<>();
  private final Map<String, WaitingLine> lines = new HashMap<>();
  /** Queue configurations as read from the store (empty: none), and the rules made of them. */
  private final Map<String, Optional<QueueConfig>> configs = new HashMap<>();
  private final Map<String, QueueRules> rules = new HashMap<>();
  /** Open agents in wrap-up, by its end. */
  private final TreeMap<Long, Set<String>> inWrapUp = new TreeMap<>();

  RoutedCall call(String callId) {
    return calls.get(callId);
  }

  void putCall(RoutedCall call) {
    calls.put(call.callId(), call);
  }

  void removeCall(String callId) {
    calls.remove(callId);
  }

  AgentState agent(String agentId) {
    return agents.get(agentId);
  }

  /** The agent's new snapshot at {@code now}: an agent in wrap-up becomes offerable when it ends. */
  void putAgent(AgentState agent, long now) {
    AgentState old = agents.put(agent.agentId(), agent);
    if (old != null) {
      detach(old);
    }
    boolean wrappingUp = QueueAgents.open(agent) && agent.wrapUpUntil() > now;
    if (wrappingUp) {
      inWrapUp.computeIfAbsent(agent.wrapUpUntil(), at -> new HashSet<>()).add(agent.agentId());
    }
    boolean offerable = QueueAgents.open(agent) && !wrappingUp;
    queuesOf(agent).forEach(queue -> queueAgents.computeIfAbsent(queue, this::newQueue).add(agent, offerable));
  }

  void removeAgent(String agentId) {
    AgentState old = agents.remove(agentId);
    if (old != null) {
      detach(old);
    }
  }

  /** Agents whose wrap-up ended at or before {@code now} become offerable. */
  void advance(long now) {
    while (!inWrapUp.isEmpty() && inWrapUp.firstKey() <= now) {
      for (String agentId : inWrapUp.pollFirstEntry().getValue()) {
        AgentState agent = agents.get(agentId);
        queuesOf(agent).forEach(queue -> queueAgents.get(queue).offerable(agent));
      }
    }
  }

  private void detach(AgentState old) {
    queuesOf(old).forEach(queue -> queueAgents.get(queue).remove(old));
    Set<String> waiting = inWrapUp.get(old.wrapUpUntil());
    if (waiting != null && waiting.remove(old.agentId()) && waiting.isEmpty()) {
      inWrapUp.remove(old.wrapUpUntil());
    }
  }

  private static Set<String> queuesOf(AgentState agent) {
    return new LinkedHashSet<>(agent.queues());
  }

  /** The agents of {@code queue}; empty (and not to be changed) when it has none. */
  QueueAgents agentsOf(String queue) {
    return queueAgents.getOrDefault(queue, NO_AGENTS);
  }

  /** The queue's configuration, read once from the store until it changes. */
  Optional<QueueConfig> config(String queue, Supplier<Optional<QueueConfig>> load) {
    return configs.computeIfAbsent(queue, q -> load.get());
  }

  /** The queue's rules, made once from its configuration until it changes. */
  QueueRules rules(String queue, Supplier<QueueRules> make) {
    return rules.computeIfAbsent(queue, q -> make.get());
  }

  /**
   * The queue's configuration changed: what was read of it is forgotten, and the strategy order of
   * its agents changes to {@code order} (null for idle time or id).
   */
  void configured(String queue, Comparator<AgentState> order) {
    configs.remove(queue);
    rules.remove(queue);
    if (order == null) {
      orders.remove(queue);
    } else {
      orders.put(queue, order);
    }
    QueueAgents existing = queueAgents.get(queue);
    if (existing != null) {
      existing.order(order);
    }
  }

  WaitingLine line(String queue) {
    return lines.computeIfAbsent(queue, q -> new WaitingLine());
  }

  private QueueAgents newQueue(String queue) {
    QueueAgents created = new QueueAgents();
    created.order(orders.get(queue));
    return created;
  }
}
