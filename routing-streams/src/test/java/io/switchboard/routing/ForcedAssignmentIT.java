package io.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.AgentRegistered;
import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.AgentStatusChanged;
import io.switchboard.schemas.avro.AssignmentRefusalReason;
import io.switchboard.schemas.avro.AssignmentRefused;
import io.switchboard.schemas.avro.CallAnswered;
import io.switchboard.schemas.avro.CallAssignmentRequested;
import io.switchboard.schemas.avro.CallChannel;
import io.switchboard.schemas.avro.CallCreated;
import io.switchboard.schemas.avro.CallDirection;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallQueued;
import io.switchboard.schemas.avro.ReservationAccepted;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingOffered;
import io.switchboard.schemas.avro.RoutingQueued;
import io.switchboard.schemas.topics.Topics;
import io.switchboard.testsupport.EventLog;
import io.switchboard.testsupport.EventProducer;
import io.switchboard.testsupport.OwnNettyResources;
import io.switchboard.testsupport.SharedKafka;
import io.switchboard.testsupport.TestIssuer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The routing service against the real broker: a supervisor's CallAssignmentRequested offers a
 * waiting call to an agent of another queue, and a second one for that agent, now busy, is refused.
 */
class ForcedAssignmentIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @Test
  void offersTheWaitingCallToTheNamedAgentThenRefusesAnAgentAtCapacity(@TempDir Path stateDir) throws Exception {
    String tenant = "forced-it-" + UUID.randomUUID();
    String agentId = "agent-" + UUID.randomUUID();
    String first = "call-" + UUID.randomUUID();
    String second = "call-" + UUID.randomUUID();
    ConfigurableApplicationContext context = RoutingApplication.application().initializers(new OwnNettyResources()).run(
        "--switchboard.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
        "--switchboard.routing.application-id=forced-it-" + UUID.randomUUID(),
        "--switchboard.routing.state-dir=" + stateDir,
        "--switchboard.security.issuer-uri=" + TestIssuer.shared().issuerUri(),
        "--server.port=0");
    try (context;
        EventProducer producer = new EventProducer();
        EventLog<RoutingDecision> decisions = EventLog.of(Topics.ROUTING_DECISIONS)) {
      // The agent serves support only: no strategy would offer it a sales call.
      producer.send(Topics.AGENT_EVENTS, agentId, agentEvent(tenant, agentId,
          AgentRegistered.newBuilder().setQueues(List.of("support")).setCapacity(1).build()));
      producer.send(Topics.AGENT_EVENTS, agentId, agentEvent(tenant, agentId,
          new AgentStatusChanged(AgentStatus.AVAILABLE, null)));
      for (String callId : List.of(first, second)) {
        producer.send(Topics.CALL_EVENTS, callId, callEvent(tenant, callId, CallCreated.newBuilder()
            .setDirection(CallDirection.INBOUND).setChannel(CallChannel.WEBRTC).setQueue("sales").build()));
        producer.send(Topics.CALL_EVENTS, callId, callEvent(tenant, callId, new CallQueued("sales", null)));
      }
      decisions.await(d -> second.equals(d.getCallId()) && d.getPayload() instanceof RoutingQueued, TIMEOUT);

      producer.send(Topics.CALL_EVENTS, second, callEvent(tenant, second,
          new CallAssignmentRequested(agentId, "supervisor-1")));
      RoutingDecision offered = decisions.await(d -> second.equals(d.getCallId())
          && d.getPayload() instanceof RoutingOffered, TIMEOUT);
      producer.send(Topics.CALL_EVENTS, first, callEvent(tenant, first,
          new CallAssignmentRequested(agentId, "supervisor-1")));
      RoutingDecision refused = decisions.await(d -> first.equals(d.getCallId())
          && d.getPayload() instanceof AssignmentRefused, TIMEOUT);
      RoutingOffered offer = (RoutingOffered) offered.getPayload();
      producer.send(Topics.CALL_EVENTS, second, callEvent(tenant, second,
          new CallAnswered(agentId, offer.getReservationId())));
      decisions.await(d -> second.equals(d.getCallId()) && d.getPayload() instanceof ReservationAccepted, TIMEOUT);

      assertThat(offer.getAgentId()).isEqualTo(agentId);
      assertThat(offered.getQueue()).isEqualTo("sales");
      assertThat(offered.getReason()).contains("chosen by supervisor-1", "forced assignment");
      assertThat(((AssignmentRefused) refused.getPayload()).getReason())
          .isEqualTo(AssignmentRefusalReason.AGENT_AT_CAPACITY);
      assertThat(refused.getTenantId()).isEqualTo(tenant);
      assertThat(decisions.seen()).noneMatch(seen -> first.equals(seen.value().getCallId())
          && seen.value().getPayload() instanceof RoutingOffered);
    }
  }

  private static AgentEvent agentEvent(String tenant, String agentId, Object payload) {
    return new AgentEvent(UUID.randomUUID(), tenant, Instant.now(), "forced-it", agentId, payload);
  }

  private static CallEvent callEvent(String tenant, String callId, Object payload) {
    return new CallEvent(UUID.randomUUID(), tenant, Instant.now(), "forced-it", callId, payload);
  }
}
