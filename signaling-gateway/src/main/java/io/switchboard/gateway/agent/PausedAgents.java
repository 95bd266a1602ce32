package io.switchboard.gateway.agent;

import io.switchboard.gateway.events.EventFactory;
import io.switchboard.gateway.events.EventPublisher;
import io.switchboard.gateway.events.IncomingEventHandler;
import io.switchboard.gateway.logging.CallLog;
import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.AgentPaused;
import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.AgentStatusChanged;
import io.switchboard.schemas.avro.RoutingDecision;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records on {@code agent.events} that the routing engine paused an agent ({@code AgentPaused},
 * e.g. after too many unanswered offers), so that the call-state history, the statistics and the
 * agent's own desk show the agent on BREAK rather than AVAILABLE.
 *
 * <p>Every gateway instance reads every decision, so each publishes the same status change under
 * an event id derived from the decision's; consumers keep one by event id.
 */
final class PausedAgents implements IncomingEventHandler {

  private static final Logger log = LoggerFactory.getLogger(PausedAgents.class);

  private final EventFactory events;
  private final EventPublisher publisher;

  PausedAgents(EventFactory events, EventPublisher publisher) {
    this.events = events;
    this.publisher = publisher;
  }

  @Override
  public void onRoutingDecision(RoutingDecision decision) {
    if (!(decision.getPayload() instanceof AgentPaused)) {
      return;
    }
    AgentPaused paused = (AgentPaused) decision.getPayload();
    AgentEvent onBreak = onBreak(decision, paused);
    publisher.agent(onBreak).subscribe(done -> { }, error -> {
      try (CallLog ignored = CallLog.of(decision.getCallId(), paused.getAgentId())) {
        log.warn("Could not record that agent {} was paused: {}", paused.getAgentId(), error.getMessage());
      }
    }, () -> {
      try (CallLog ignored = CallLog.of(decision.getCallId(), paused.getAgentId())) {
        log.info("Agent {} put on BREAK by the routing engine: {}", paused.getAgentId(), paused.getReason());
      }
    });
  }

  AgentEvent onBreak(RoutingDecision decision, AgentPaused paused) {
    return events.agent(decision.getTenantId(), paused.getAgentId(),
        new AgentStatusChanged(AgentStatus.BREAK, paused.getReason()), statusEventId(decision.getEventId()));
  }

  /** The same for every instance that handles the decision, so the duplicates can be dropped. */
  static UUID statusEventId(UUID decisionEventId) {
    return UUID.nameUUIDFromBytes(("paused/" + decisionEventId).getBytes(StandardCharsets.UTF_8));
  }
}
