package io.switchboard.media.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.media.TestBridge;
import io.switchboard.media.sip.FreePorts;
import io.switchboard.testsupport.MappedRoutes;
import io.switchboard.testsupport.TestIssuer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The bridge's HTTP surface (the actuator) with real tokens from the test issuer: health is open
 * without details, everything else needs the role {@code service} or {@code admin}, on the server
 * port and on a separate management port alike.
 */
class ServiceSecurityIT {

  private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
  private static final String PROMETHEUS = "/actuator/prometheus";
  private static final TestIssuer issuer = TestIssuer.shared();

  private static ConfigurableApplicationContext bridge;
  private static WebTestClient anonymous;

  @BeforeAll
  static void start() {
    bridge = TestBridge.start(FreePorts.udpAndTcp());
    anonymous = client(bridge.getEnvironment().getProperty("local.server.port"));
  }

  @AfterAll
  static void stop() {
    bridge.close();
  }

  @Test
  void healthIsOpenWithoutDetails() {
    for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
      Map<String, Object> health = anonymous.get().uri(path).exchange().expectStatus().isOk().expectBody(JSON)
          .returnResult().getResponseBody();
      assertThat(health).as(path).containsEntry("status", "UP").doesNotContainKeys("components", "details");
    }
    Map<String, Object> detailed = get(anonymous, "/actuator/health", issuer.serviceToken("operator"))
        .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
    assertThat(detailed).containsKey("components");
  }

  @Test
  void metricsNeedAValidTokenWithTheServiceOrAdminRole() {
    Map<String, Object> refused = anonymous.get().uri(PROMETHEUS).exchange().expectStatus().isUnauthorized()
        .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
        .expectBody(JSON).returnResult().getResponseBody();
    assertThat(refused).containsEntry("status", 401).containsEntry("error", "Unauthorized")
        .containsEntry("path", PROMETHEUS).containsKey("message");

    for (String token : List.of(issuer.forged(null, "prometheus", "service"),
        issuer.expired(null, "prometheus", "service"),
        issuer.forAudience("elsewhere", null, "prometheus", "service"))) {
      get(anonymous, PROMETHEUS, token).expectStatus().isUnauthorized();
    }
    get(anonymous, PROMETHEUS, issuer.agentToken("acme", "a1")).expectStatus().isForbidden()
        .expectBody(JSON).value(body -> assertThat(body).containsEntry("status", 403));
    get(anonymous, PROMETHEUS, issuer.serviceToken("prometheus")).expectStatus().isOk();
    get(anonymous, PROMETHEUS, issuer.withoutTenant("operator", "admin")).expectStatus().isOk();
  }

  @Test
  void aSeparateManagementPortKeepsTheSameRules() {
    ConfigurableApplicationContext separate = TestBridge.start(FreePorts.udpAndTcp(), "--management.server.port=0");
    try {
      WebTestClient management = client(separate.getEnvironment().getProperty("local.management.port"));
      management.get().uri("/actuator/health").exchange().expectStatus().isOk()
          .expectBody(JSON).value(body -> assertThat(body).doesNotContainKey("components"));
      management.get().uri(PROMETHEUS).exchange().expectStatus().isUnauthorized();
      get(management, PROMETHEUS, issuer.agentToken("acme", "a1")).expectStatus().isForbidden();
      get(management, PROMETHEUS, issuer.serviceToken("prometheus")).expectStatus().isOk();
    } finally {
      separate.close();
    }
  }

  @Test
  void noMappedRouteAnswersARequestWithoutCredentials() {
    MappedRoutes.assertClosedWithoutCredentials(bridge, anonymous, PROMETHEUS, "/actuator/health");
  }


  private static WebTestClient client(String port) {
    return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(60))
        .build();
  }

  private static WebTestClient.ResponseSpec get(WebTestClient client, String uri, String token) {
    return client.get().uri(uri).headers(h -> h.setBearerAuth(token)).exchange();
  }
}
