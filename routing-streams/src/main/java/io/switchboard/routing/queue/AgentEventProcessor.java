package io.switchboard.routing.queue;

import io.switchboard.routing.queue.RoutedCall.Phase;
import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.AgentRegistered;
import io.switchboard.schemas.avro.AgentSignedOut;
import io.switchboard.schemas.avro.AgentSkillsChanged;
import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.AgentStatusChanged;
import io.switchboard.schemas.avro.RoutingDecision;
import java.util.LinkedHashSet;
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
  private Decisions decisions;
  private Dispatcher dispatcher;

  AgentEventProcessor(RoutingSettings settings) {
    this.settings = settings;
  }

  @Override
  public void init(ProcessorContext<String, RoutingDecision> context) {
    stores = RoutingStores.of(context);
    decisions = new Decisions(context, settings.source());
    dispatcher = new Dispatcher(stores, decisions, settings.reservationTimeout(), context::currentSystemTimeMs);
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
        AgentState changed = agent.get().withProfile(((AgentSkillsChanged) payload).getQueues(), agent.get().capacity());
        stores.put(tenant, changed);
        dispatcher.dispatch(tenant, new LinkedHashSet<>(changed.queues()));
      } else if (payload instanceof AgentSignedOut) {
        stores.deleteAgent(tenant, agentId);
        rescindOffers(tenant, agent.get(), "agent signed out");
      }
    }
  }

  /** A repeated registration (e.g. a SIP REGISTER refresh) updates the profile and keeps the status. */
  private void registered(String tenant, String agentId, AgentRegistered registered, long at) {
    int capacity = Math.max(0, registered.getCapacity());
    AgentState agent = stores.agent(tenant, agentId)
        .map(existing -> existing.withProfile(registered.getQueues(), capacity))
        .orElseGet(() -> AgentState.registered(agentId, registered.getQueues(), capacity, at));
    stores.put(tenant, agent);
    dispatcher.dispatch(tenant, new LinkedHashSet<>(agent.queues()));
  }

  private void statusChanged(String tenant, AgentState agent, AgentStatus status, long at) {
    switch (status) {
      case AVAILABLE -> {
        AgentState available = agent.available() ? agent : agent.becomeAvailable(at);
        stores.put(tenant, available);
        dispatcher.dispatch(tenant, new LinkedHashSet<>(available.queues()));
      }
      case RESERVED, BUSY ->
          log.debug("Ignoring status {} of agent {}: the routing engine keeps that view itself", status, agent.agentId());
      default -> {
        stores.put(tenant, agent.becomeUnavailable());
        rescindOffers(tenant, agent, "agent unavailable");
      }
    }
  }

  /** Takes back every open offer of an agent who can no longer answer; the calls go back to their places. */
  private void rescindOffers(String tenant, AgentState agent, String reason) {
    Set<String> queues = new LinkedHashSet<>();
    for (String callId : agent.offers()) {
      Optional<RoutedCall> offered = stores.call(tenant, callId)
          .filter(call -> call.is(Phase.OFFERED) && agent.agentId().equals(call.agentId()));
      offered.ifPresent(call -> {
        try (MDC.MDCCloseable c = MDC.putCloseable("callId", callId)) {
          dispatcher.returnToQueue(tenant, call);
          decisions.rejected(tenant, call, reason);
          queues.add(call.queue());
        }
      });
    }
    dispatcher.dispatch(tenant, queues);
  }
}
