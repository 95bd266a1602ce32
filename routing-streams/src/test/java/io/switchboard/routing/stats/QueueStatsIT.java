package io.switchboard.routing.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.routing.RoutingApplication;
import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.AgentRegistered;
import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.AgentStatusChanged;
import io.switchboard.schemas.avro.CallChannel;
import io.switchboard.schemas.avro.CallCreated;
import io.switchboard.schemas.avro.CallDirection;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallQueued;
import io.switchboard.schemas.avro.QueueStats;
import io.switchboard.schemas.topics.Topics;
import io.switchboard.testsupport.EventLog;
import io.switchboard.testsupport.EventProducer;
import io.switchboard.testsupport.OwnNettyResources;
import io.switchboard.testsupport.Poll;
import io.switchboard.testsupport.SharedKafka;
import io.switchboard.testsupport.TestIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The routing service against the real broker: statistics of a queue with an agent on break and
 * one waiting call are written to {@code queue.stats} and served by the endpoint. Needs the routing
 * topology to include {@link QueueStatsTopology#addTo}.
 */
class QueueStatsIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void servesAndPublishesTheLiveStatisticsOfAQueue(@TempDir Path stateDir) {
    String tenant = "stats-it-" + UUID.randomUUID();
    String callId = "call-" + UUID.randomUUID();
    ConfigurableApplicationContext context = RoutingApplication.application().initializers(new OwnNettyResources()).run(
        "--switchboard.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
        "--switchboard.routing.application-id=stats-it-" + UUID.randomUUID(),
        "--switchboard.routing.state-dir=" + stateDir,
        "--switchboard.security.issuer-uri=" + TestIssuer.shared().issuerUri(),
        "--server.port=0");
    try (context;
        EventProducer producer = new EventProducer();
        EventLog<QueueStats> published = EventLog.of(Topics.QUEUE_STATS)) {
      String url = "http://localhost:" + context.getEnvironment().getProperty("local.server.port")
          + "/api/v1/queues/sales/stats";

      // given an agent of sales on break, and a call queued in sales: it waits
      producer.send(Topics.AGENT_EVENTS, "ada", agentEvent(tenant, "ada",
          AgentRegistered.newBuilder().setQueues(List.of("sales")).setCapacity(1).build()));
      producer.send(Topics.AGENT_EVENTS, "ada", agentEvent(tenant, "ada", new AgentStatusChanged(AgentStatus.BREAK, "lunch")));
      producer.send(Topics.CALL_EVENTS, callId, callEvent(tenant, callId, CallCreated.newBuilder()
          .setDirection(CallDirection.INBOUND).setChannel(CallChannel.WEBRTC).setQueue("sales").build()));
      producer.send(Topics.CALL_EVENTS, callId, callEvent(tenant, callId, new CallQueued("sales", null)));

      // then queue.stats carries the queue's snapshot
      QueueStats stats = published.await(s -> tenant.equals(s.getTenantId()) && s.getWaiting() == 1
          && s.getAgentsByStatus().getOrDefault("BREAK", 0) == 1, TIMEOUT);
      assertThat(stats.getQueue()).isEqualTo("sales");
      assertThat(stats.getOffered()).isEqualTo(1);

      // and the endpoint answers it live, with a wait that grows
      String body = Poll.until(TIMEOUT, "live statistics of sales", () -> {
        HttpResponse<String> response = get(url, tenant);
        return response.statusCode() == 200 && response.body().contains("\"waiting\":1") ? response.body() : null;
      });
      assertThat(body).contains("\"queue\":\"sales\"").contains("\"BREAK\":1").contains("\"eligibleAgents\":1")
          .contains("\"offered\":1").contains("\"longestWaitMs\":");

      // and a queue the tenant does not have is a 404 with the error body
      HttpResponse<String> unknown = get(url.replace("/sales/", "/nowhere/"), tenant);
      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(unknown.body()).contains("\"status\":404").contains("\"message\":\"Unknown queue nowhere\"")
          .contains("\"path\":\"/api/v1/queues/nowhere/stats\"");
    }
  }

  private HttpResponse<String> get(String url, String tenant) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(url)).header("X-Tenant-Id", tenant)
          .header("Authorization", "Bearer " + TestIssuer.shared().serviceToken("stats-it"))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static AgentEvent agentEvent(String tenant, String agentId, Object payload) {
    return new AgentEvent(UUID.randomUUID(), tenant, Instant.now(), "stats-it", agentId, payload);
  }

  private static CallEvent callEvent(String tenant, String callId, Object payload) {
    return new CallEvent(UUID.randomUUID(), tenant, Instant.now(), "stats-it", callId, payload);
  }
}
