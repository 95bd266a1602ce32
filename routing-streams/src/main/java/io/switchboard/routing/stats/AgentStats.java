package io.switchboard.routing.stats;

import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.AgentRegistered;
import io.switchboard.schemas.avro.AgentSignedOut;
import io.switchboard.schemas.avro.AgentSkillsChanged;
import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.AgentStatusChanged;
import java.util.List;

/** {@code agent.events}: which queues an agent serves and the status it reports. */
final class AgentStats extends StatsProcessor<AgentEvent> {

  AgentStats(QueueStatsSettings settings) {
    super(settings, false);
  }

  @Override
  void apply(AgentEvent event) {
    String tenant = event.getTenantId();
    long at = event.getOccurredAt().toEpochMilli();
    Object payload = event.getPayload();
    if (payload instanceof AgentRegistered registered) {
      // A repeated registration (a SIP REGISTER refresh) keeps the status, as the engine does.
      List<String> queues = registered.getQueues();
      ledger.agent(tenant, event.getAgentId(), at,
          agent -> agent == null ? TrackedAgent.signedIn(queues) : agent.withQueues(queues));
    } else if (payload instanceof AgentStatusChanged changed) {
      AgentStatus status = changed.getStatus();
      ledger.agent(tenant, event.getAgentId(), at, agent -> agent == null
          ? TrackedAgent.signedIn(List.of()).withReported(status) : agent.withReported(status));
    } else if (payload instanceof AgentSkillsChanged skills) {
      List<String> queues = skills.getQueues();
      ledger.agent(tenant, event.getAgentId(), at,
          agent -> agent == null ? TrackedAgent.signedIn(queues) : agent.withQueues(queues));
    } else if (payload instanceof AgentSignedOut) {
      ledger.agent(tenant, event.getAgentId(), at, agent -> null);
    }
  }
}
