package io.switchboard.gateway;

import io.switchboard.testsupport.OwnNettyResources;
import io.switchboard.testsupport.Poll;
import io.switchboard.testsupport.SharedKafka;
import io.switchboard.testsupport.TestIssuer;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * One gateway per test JVM, as it runs: real HTTP and WebSocket on a free port, the shared broker,
 * the shared token issuer, and stubs for call-state and routing. Test classes share it and keep
 * apart by tenant; it stops when the JVM exits.
 */
final class TestGateway {

  static final Duration TIMEOUT = Duration.ofSeconds(20);
  /** The STUN and TURN servers the gateway hands out; {@code IceServersIT} runs a TURN server with the secret. */
  static final String STUN_URL = "stun:127.0.0.1:3478";
  static final String TURN_URL = "turn:127.0.0.1:3478?transport=udp";
  static final String TURN_SECRET = "turn-secret-of-the-test-gateway";
  private static TestGateway shared;

  final TestIssuer issuer = TestIssuer.shared();
  final CallStateStub callState = new CallStateStub();
  final RoutingStub routing = new RoutingStub();
  final ConfigurableApplicationContext context;
  final int port;

  private TestGateway() {
    context = start(args("gateway-it-" + UUID.randomUUID(), callState.url(),
        "--switchboard.gateway.routing-url=" + routing.url(),
        "--switchboard.gateway.webrtc.stun-urls=" + STUN_URL,
        "--switchboard.gateway.webrtc.turn-urls=" + TURN_URL,
        "--switchboard.gateway.webrtc.turn-secret=" + TURN_SECRET));
    port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    awaitAssigned(as(issuer.token("ops", "ops-admin", "admin")));
  }

  /**
   * "latest" starts from the assignment: wait for it, or records produced before it would be missed;
   * and for the compacted topics to be loaded, before which their admin API answers 503.
   */
  static void awaitAssigned(WebTestClient admin) {
    Poll.until(TIMEOUT, "the event consumer to be assigned its partitions and the tables to be loaded", () -> {
      Map<?, ?> health = admin.get().uri("/actuator/health").exchange()
          .expectBody(Map.class).returnResult().getResponseBody();
      Map<?, ?> components = (Map<?, ?>) health.get("components");
      Map<?, ?> kafka = (Map<?, ?>) components.get("kafka");
      Map<?, ?> consumer = (Map<?, ?>) ((Map<?, ?>) kafka.get("details")).get("consumer");
      boolean loaded = "UP".equals(((Map<?, ?>) components.get("tables")).get("status"));
      return loaded && ((Number) consumer.get("assignedPartitions")).intValue() > 0 ? Boolean.TRUE : null;
    });
  }

  static synchronized TestGateway shared() {
    if (shared == null) {
      TestGateway started = new TestGateway();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        started.context.close();
        started.callState.close();
        started.routing.close();
      }, "test-gateway-stop"));
      shared = started;
    }
    return shared;
  }

  /** Starts a gateway with event loops of its own: another gateway closing in this JVM disposes the global ones. */
  static ConfigurableApplicationContext start(String... args) {
    return GatewayApplication.application().initializers(new OwnNettyResources()).run(args);
  }

  /** Start-up arguments of a gateway on a free port against the shared broker and issuer. */
  static String[] args(String instanceId, String callStateUrl, String... more) {
    String[] base = {
        "--server.port=0",
        "--switchboard.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
        "--switchboard.gateway.call-state-url=" + callStateUrl,
        "--switchboard.gateway.security.issuer-uri=" + TestIssuer.shared().issuerUri(),
        "--switchboard.instance-id=" + instanceId};
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  /** A client that sends no token. */
  WebTestClient anonymous() {
    return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(TIMEOUT).build();
  }

  /** A client that sends {@code token} as {@code Authorization: Bearer}. */
  WebTestClient as(String token) {
    return anonymous().mutate().defaultHeaders(headers -> headers.setBearerAuth(token)).build();
  }
}
