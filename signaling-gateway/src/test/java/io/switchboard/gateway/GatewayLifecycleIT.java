package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testsupport.Poll;
import io.switchboard.testsupport.TestIssuer;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The standalone process starts and stops the gateway inside its own JVM: closing the context must
 * release everything promptly, even with agents connected, and a second start must work.
 */
class GatewayLifecycleIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private ConfigurableApplicationContext start(String instanceId) {
    return TestGateway.start(TestGateway.args(instanceId, "http://127.0.0.1:9"));
  }

  private static int port(ConfigurableApplicationContext context) {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }

  private static boolean consumerThreadAlive(String instanceId) {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(thread -> thread.isAlive() && thread.getName().contains(instanceId));
  }

  @Test
  void closesPromptlyWithAgentsConnectedAndStartsAgainInTheSameJvm() {
    String first = "lifecycle-" + UUID.randomUUID();
    ConfigurableApplicationContext gateway = start(first);
    try (AgentSocket agent = AgentSocket.connect(port(gateway), TestIssuer.shared().agentToken("default", "a1"))) {
      agent.awaitReady();
      assertThat(consumerThreadAlive(first)).isTrue();

      long started = System.nanoTime();
      gateway.close();
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(took).isLessThan(Duration.ofSeconds(8));
      Poll.until(TIMEOUT, "the server to close the agent's socket", () -> agent.closedByServer() ? Boolean.TRUE : null);
      Poll.until(TIMEOUT, "Kafka client threads of " + first + " to end",
          () -> consumerThreadAlive(first) ? null : Boolean.TRUE);
    }

    String second = "lifecycle-" + UUID.randomUUID();
    ConfigurableApplicationContext again = start(second);
    try {
      WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port(again)).responseTimeout(TIMEOUT).build()
          .put().uri("/api/v1/agents/a1/status").contentType(MediaType.APPLICATION_JSON)
          .headers(headers -> headers.setBearerAuth(TestIssuer.shared().agentToken("default", "a1")))
          .bodyValue("{\"status\":\"AVAILABLE\"}")
          .exchange()
          .expectStatus().isAccepted();
    } finally {
      again.close();
    }
  }
}
