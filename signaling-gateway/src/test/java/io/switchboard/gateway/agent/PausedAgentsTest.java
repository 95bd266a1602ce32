package io.switchboard.gateway.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.events.EventFactory;
import io.switchboard.gateway.events.RecordingPublisher;
import io.switchboard.gateway.web.TestWeb;
import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.AgentPaused;
import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.AgentStatusChanged;
import io.switchboard.schemas.avro.ReservationTimedOut;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.topics.Topics;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PausedAgentsTest {

  private final RecordingPublisher publisher = new RecordingPublisher();

  private PausedAgents pausedAgentsOf(String instance) {
    return new PausedAgents(new EventFactory(TestWeb.CLOCK, instance), publisher);
  }

  private static RoutingDecision decision(Object payload) {
    return new RoutingDecision(UUID.randomUUID(), "acme", TestWeb.NOW, "routing-1", "k1", "sales",
        "agent a1 missed 3 offers in a row", payload);
  }

  @Test
  void aPausedAgentIsRecordedOnBreakWithTheEnginesReason() {
    RoutingDecision paused = decision(new AgentPaused("a1", "no-answer"));

    pausedAgentsOf("gw-1").onRoutingDecision(paused);

    assertThat(publisher.sent()).singleElement().satisfies(sent -> {
      assertThat(sent.topic()).isEqualTo(Topics.AGENT_EVENTS.name());
      AgentEvent event = (AgentEvent) sent.value();
      assertThat(event.getAgentId()).isEqualTo("a1");
      assertThat(event.getTenantId()).isEqualTo("acme");
      assertThat(event.getPayload()).isEqualTo(new AgentStatusChanged(AgentStatus.BREAK, "no-answer"));
    });
  }

  @Test
  void everyInstanceDerivesTheSameEventIdSoDuplicatesAreDropped() {
    RoutingDecision paused = decision(new AgentPaused("a1", "no-answer"));

    pausedAgentsOf("gw-1").onRoutingDecision(paused);
    pausedAgentsOf("gw-2").onRoutingDecision(paused);

    assertThat(publisher.sent()).hasSize(2);
    UUID first = ((AgentEvent) publisher.sent().get(0).value()).getEventId();
    UUID second = ((AgentEvent) publisher.sent().get(1).value()).getEventId();
    assertThat(first).isEqualTo(second).isNotEqualTo(paused.getEventId());
  }

  @Test
  void otherDecisionsPublishNothing() {
    pausedAgentsOf("gw-1").onRoutingDecision(decision(new ReservationTimedOut("a1", "r-1")));

    assertThat(publisher.sent()).isEmpty();
  }
}
