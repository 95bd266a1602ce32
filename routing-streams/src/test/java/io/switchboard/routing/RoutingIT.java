package io.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.AgentRegistered;
import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.AgentStatusChanged;
import io.switchboard.schemas.avro.CallAnswered;
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
import io.switchboard.testsupport.Poll;
import io.switchboard.testsupport.SharedKafka;
import io.switchboard.testsupport.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** The routing service against the real broker: a queued call is offered to the available agent. */
class RoutingIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void offersAQueuedCallToTheAvailableAgentAndAcceptsTheAnswer(@TempDir Path stateDir) throws Exception {
    String tenant = "routing-it-" + UUID.randomUUID();
    String agentId = "agent-" + UUID.randomUUID();
    String callId = "call-" + UUID.randomUUID();
    // Arguments, not builder properties: those are defaults, below routing-streams.yml.
    ConfigurableApplicationContext context = RoutingApplication.application().initializers(new OwnNettyResources()).run(
        "--switchboard.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
        "--switchboard.routing.application-id=routing-it-" + UUID.randomUUID(),
        "--switchboard.routing.state-dir=" + stateDir,
        "--switchboard.security.issuer-uri=" + TestIssuer.shared().issuerUri(),
        "--server.port=0");
    try (context;
        EventProducer producer = new EventProducer();
        EventLog<RoutingDecision> decisions = EventLog.of(Topics.ROUTING_DECISIONS)) {
      String base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");

      producer.send(Topics.AGENT_EVENTS, agentId, agentEvent(tenant, agentId,
          AgentRegistered.newBuilder().setQueues(List.of("sales")).setCapacity(1).build()));
      producer.send(Topics.AGENT_EVENTS, agentId, agentEvent(tenant, agentId,
          new AgentStatusChanged(AgentStatus.AVAILABLE, null)));
      producer.send(Topics.CALL_EVENTS, callId, callEvent(tenant, callId, CallCreated.newBuilder()
          .setDirection(CallDirection.INBOUND).setChannel(CallChannel.WEBRTC).setQueue("sales")
          .setAttributes(Map.of("vip", "true")).build()));
      producer.send(Topics.CALL_EVENTS, callId, callEvent(tenant, callId, new CallQueued("sales", null)));

      RoutingDecision queued = decisions.await(d -> callId.equals(d.getCallId())
          && d.getPayload() instanceof RoutingQueued, TIMEOUT);
      RoutingDecision offered = decisions.await(d -> callId.equals(d.getCallId())
          && d.getPayload() instanceof RoutingOffered, TIMEOUT);
      RoutingOffered offer = (RoutingOffered) offered.getPayload();
      assertThat(((RoutingQueued) queued.getPayload()).getPriority()).isEqualTo(175);
      assertThat(offered.getTenantId()).isEqualTo(tenant);
      assertThat(offer.getAgentId()).isEqualTo(agentId);
      assertThat(offer.getExpiresAt()).isAfter(offered.getOccurredAt());

      producer.send(Topics.CALL_EVENTS, callId, callEvent(tenant, callId,
          new CallAnswered(agentId, offer.getReservationId())));
      RoutingDecision accepted = decisions.await(d -> callId.equals(d.getCallId())
          && d.getPayload() instanceof ReservationAccepted, TIMEOUT);
      assertThat(((ReservationAccepted) accepted.getPayload()).getReservationId()).isEqualTo(offer.getReservationId());

      HttpResponse<String> health = Poll.until(TIMEOUT, "routing health UP", () -> {
        HttpResponse<String> response = get(base + "/actuator/health");
        return response.statusCode() == 200 ? response : null;
      });
      assertThat(health.body()).contains("\"status\":\"UP\"").contains("kafkaStreams");
      HttpResponse<String> prometheus = get(base + "/actuator/prometheus");
      assertThat(prometheus.statusCode()).isEqualTo(200);
      assertThat(prometheus.body()).contains("kafka_stream");
    }
  }

  private HttpResponse<String> get(String url) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
          .header("Authorization", "Bearer " + TestIssuer.shared().serviceToken("routing-it")).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static AgentEvent agentEvent(String tenant, String agentId, Object payload) {
    return new AgentEvent(UUID.randomUUID(), tenant, Instant.now(), "routing-it", agentId, payload);
  }

  private static CallEvent callEvent(String tenant, String callId, Object payload) {
    return new CallEvent(UUID.randomUUID(), tenant, Instant.now(), "routing-it", callId, payload);
  }
}
