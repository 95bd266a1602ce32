package io.switchboard.routing.queue;

import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.AgentRegistered;
import io.switchboard.schemas.avro.AgentSignedOut;
import io.switchboard.schemas.avro.AgentSkillsChanged;
import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.AgentStatusChanged;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.Skill;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Routes on agent events (already keyed by tenant): sign in, status, skills, sign out. */
final class AgentEventProcessor implements Processor<String, AgentEvent, String, RoutingDecision> {

  private static final Logger log = LoggerFactory.getLogger(AgentEventProcessor.class);

  private final RoutingSettings settings;
  private RoutingStores stores;
  private Dispatcher dispatcher;
  private Reservations reservations;

  AgentEventProcessor(RoutingSettings settings) {
    this.settings = settings;
  }

  @Override
  public void init(ProcessorContext<String, RoutingDecision> context) {
    stores = RoutingStores.of(context);
    Decisions decisions = new Decisions(context, settings.source());
    dispatcher = new Dispatcher(stores, decisions, settings, context::currentSystemTimeMs);
    reservations = new Reservations(stores, decisions, dispatcher);
  }

  @Override
  public void process(Record<String, AgentEvent> record) {
    AgentEvent event = record.value();
    String tenant = event.getTenantId();
    String agentId = event.getAgentId();
    long at = event.getOccurredAt().toEpochMilli();
    Object payload = event.getPayload();
    try (MDC.MDCCloseable a = MDC.putCloseable("agentId", agentId)) {
      if (payload instanceof AgentRegistered) {
        registered(tenant, agentId, (AgentRegistered) payload, at);
        return;
      }
      Optional<AgentState> agent = stores.agent(tenant, agentId);
      if (agent.isEmpty()) {
        log.debug("Ignoring {} for unknown agent {} of tenant {}", payload.getClass().getSimpleName(), agentId, tenant);
      } else if (payload instanceof AgentStatusChanged) {
        statusChanged(tenant, agent.get(), ((AgentStatusChanged) payload).getStatus(), at);
      } else if (payload instanceof AgentSkillsChanged) {
        AgentSkillsChanged changed = (AgentSkillsChanged) payload;
        AgentState updated = agent.get().withProfile(changed.getQueues(), levels(changed.getSkills()),
            agent.get().capacity());
        stores.put(tenant, updated);
        dispatcher.dispatch(tenant, new LinkedHashSet<>(updated.queues()));
      } else if (payload instanceof AgentSignedOut) {
        stores.deleteAgent(tenant, agentId);
        dispatcher.dispatch(tenant, reservations.withdrawAll(tenant, agent.get(), "agent signed out"));
      }
    }
  }

  /** A repeated registration (e.g. a SIP REGISTER refresh) updates the profile and keeps the status. */
  private void registered(String tenant, String agentId, AgentRegistered registered, long at) {
    int capacity = Math.max(0, registered.getCapacity());
    Map<String, Integer> skills = levels(registered.getSkills());
    AgentState agent = stores.agent(tenant, agentId)
        .map(existing -> existing.withProfile(registered.getQueues(), skills, capacity))
        .orElseGet(() -> AgentState.registered(agentId, registered.getQueues(), skills, capacity, at));
    stores.put(tenant, agent);
    dispatcher.dispatch(tenant, new LinkedHashSet<>(agent.queues()));
  }

  private void statusChanged(String tenant, AgentState agent, AgentStatus status, long at) {
    switch (status) {
      case AVAILABLE -> {
        AgentState available = agent.becomeAvailable(at);
        stores.put(tenant, available);
        dispatcher.dispatch(tenant, new LinkedHashSet<>(available.queues()));
      }
      case RESERVED, BUSY ->
          log.debug("Ignoring status {} of agent {}: the routing engine keeps that view itself", status, agent.agentId());
      default -> {
        AgentState away = agent.becomeUnavailable(status == AgentStatus.OFFLINE);
        stores.put(tenant, away);
        Set<String> queues = reservations.withdrawAll(tenant, away, "agent unavailable");
        if (status == AgentStatus.OFFLINE) {
          // Calls reserved for this agent as their preferred one may now go to anyone.
          queues.addAll(away.queues());
        }
        dispatcher.dispatch(tenant, queues);
      }
    }
  }

  private static Map<String, Integer> levels(List<Skill> skills) {
    Map<String, Integer> levels = new LinkedHashMap<>();
    skills.forEach(skill -> levels.put(skill.getName(), skill.getLevel()));
    return levels;
  }
}
