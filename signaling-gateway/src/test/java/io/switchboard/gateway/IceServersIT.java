package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testsupport.Coturn;
import io.switchboard.testsupport.TestIssuer;
import io.switchboard.testsupport.TurnClient;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;

/**
 * {@code GET /api/v1/webrtc/ice-servers} on the shared gateway, and its TURN credentials presented
 * to a real coturn that has the gateway's secret, configured as docs/webrtc.md says.
 */
class IceServersIT {

  private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
  private static final String TENANT = "ice-it";
  private static final TestGateway gateway = TestGateway.shared();
  private static final TestIssuer issuer = gateway.issuer;
  private static Coturn coturn;

  @BeforeAll
  static void startTurnServer() throws Exception {
    coturn = Coturn.start(TestGateway.TURN_SECRET);
  }

  @AfterAll
  static void stopTurnServer() {
    if (coturn != null) {
      coturn.close();
    }
  }

  @Test
  void everyPartyToACallGetsTheStunServersAndTurnCredentialsOfItsOwn() {
    for (String token : List.of(issuer.token(TENANT, "customer-7", "customer"), issuer.agentToken(TENANT, "a1"),
        issuer.token(TENANT, "boss", "supervisor"))) {
      Instant before = Instant.now();
      Map<String, Object> answer = gateway.as(token).get().uri("/api/v1/webrtc/ice-servers").exchange()
          .expectStatus().isOk()
          .expectHeader().value(HttpHeaders.CACHE_CONTROL, value -> assertThat(value).contains("no-store"))
          .expectBody(JSON).returnResult().getResponseBody();

      List<Map<String, Object>> servers = servers(answer);
      assertThat(servers).hasSize(2);
      assertThat(servers.get(0)).containsOnlyKeys("urls").containsEntry("urls", List.of(TestGateway.STUN_URL));
      assertThat(servers.get(1)).containsEntry("urls", List.of(TestGateway.TURN_URL));
      String username = (String) servers.get(1).get("username");
      long expiry = Long.parseLong(username.substring(0, username.indexOf(':')));
      assertThat(expiry).isBetween(before.plus(Duration.ofHours(1)).getEpochSecond() - 1,
          Instant.now().plus(Duration.ofHours(1)).getEpochSecond() + 1);
      assertThat(username.substring(username.indexOf(':') + 1)).startsWith(TENANT + "/");
      assertThat(Instant.parse((String) answer.get("expiresAt")).getEpochSecond()).isEqualTo(expiry);
      assertThat(answer).containsEntry("ttlSeconds", 3600);
    }
  }

  @Test
  void anAdminAloneOrNobodyGetsNoCredentials() {
    gateway.as(issuer.token(TENANT, "ops", "admin")).get().uri("/api/v1/webrtc/ice-servers").exchange()
        .expectStatus().isForbidden()
        .expectBody().jsonPath("$.message").isEqualTo("Not allowed to get ICE servers: needs role customer, agent or "
            + "supervisor");
    gateway.anonymous().get().uri("/api/v1/webrtc/ice-servers").exchange().expectStatus().isUnauthorized();
  }

  @Test
  void theTurnServerAllocatesARelayWithTheCredentialsAndRefusesThemAltered() throws Exception {
    Map<String, Object> turn = servers(gateway.as(issuer.agentToken(TENANT, "a2")).get()
        .uri("/api/v1/webrtc/ice-servers").exchange().expectStatus().isOk().expectBody(JSON).returnResult()
        .getResponseBody()).get(1);
    String username = (String) turn.get("username");
    String password = (String) turn.get("credential");

    try (TurnClient client = new TurnClient(InetAddress.getLoopbackAddress(), coturn.port())) {
      TurnClient.Allocation allocation = client.allocate(username, password);
      assertThat(allocation.succeeded()).as("allocation (coturn log: %s)", coturn.log()).isTrue();
      assertThat(allocation.relayed().getAddress().isLoopbackAddress()).isTrue();
    }
    // A later expiry with the same password: the TURN server recomputes it and refuses.
    String stretched = (Long.parseLong(username.substring(0, username.indexOf(':'))) + 86_400)
        + username.substring(username.indexOf(':'));
    try (TurnClient client = new TurnClient(InetAddress.getLoopbackAddress(), coturn.port())) {
      assertThat(client.allocate(stretched, password).errorCode()).isEqualTo(401);
    }
  }

  @Test
  void theTurnServerRefusesACredentialWhoseExpiryHasPassed() throws Exception {
    // What the gateway would have handed out two hours ago with a one-hour lifetime.
    String username = Instant.now().minus(Duration.ofHours(1)).getEpochSecond() + ":" + TENANT + "/late";
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(TestGateway.TURN_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    String password = Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));

    try (TurnClient client = new TurnClient(InetAddress.getLoopbackAddress(), coturn.port())) {
      assertThat(client.allocate(username, password).errorCode()).isEqualTo(401);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> servers(Map<String, Object> answer) {
    return (List<Map<String, Object>>) answer.get("iceServers");
  }
}
