package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.QueueConfig;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingOffered;
import io.switchboard.schemas.topics.Topics;
import io.switchboard.testsupport.EventLog;
import io.switchboard.testsupport.EventProducer;
import io.switchboard.testsupport.Poll;
import io.switchboard.testsupport.TestIssuer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every role of tenant A against every REST endpoint and WebSocket message: for tenant B's resources
 * it gets 403 or 404 and never B's data; for its own tenant it can do exactly what the permission
 * table of docs/security.md says.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantMatrixIT {

  private static final List<String> ROLES = List.of("customer", "agent", "supervisor", "admin", "service");
  private static final List<String> REPORTS = List.of("/api/v1/reports/calls/summary", "/api/v1/reports/queues",
      "/api/v1/reports/queues/live", "/api/v1/reports/queues/intervals", "/api/v1/reports/agents",
      "/api/v1/agents");

  private static final String SDP = "{\"sdp\":\"v=0\\r\\ns=-\\r\\n\"}";
  private static final String CANDIDATE = "{\"candidate\":\"candidate:1 1 udp 2122260223 127.0.0.1 5000 typ host\","
      + "\"sdpMid\":\"0\",\"sdpMLineIndex\":0}";

  /** A's trunk has digest trust, so that its view names A (in its realm). */
  private static final String A_TRUNK = "{\"direction\":\"INBOUND\",\"trustedSources\":[\"198.51.100.0/26\"],"
      + "\"digest\":{\"username\":\"a-pbx\",\"password\":\"correct horse battery\"}}";

  private final TestGateway gateway = TestGateway.shared();
  private final TestIssuer issuer = gateway.issuer;
  private final String tenantA = "ta-" + UUID.randomUUID().toString().substring(0, 8);
  private final String tenantB = "tb-" + UUID.randomUUID().toString().substring(0, 8);
  private String bKey;
  private String aKey;
  // Numbers belong to one tenant across the broker: each run takes its own.
  private final String bNumber = randomNumber();
  private final String aNumber = randomNumber();
  private final String aDoomedNumber = randomNumber();

  /** One request of the matrix. */
  record Request(HttpMethod method, String path, String body) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  /**
   * A request within tenant A and who may make it: {@code allowed} roles get a 2xx, {@code hidden}
   * roles a 404 (the resource is not theirs), every other role a 403.
   */
  record Rule(Request request, Set<String> allowed, Set<String> hidden) {}

  @BeforeAll
  void resources() {
    // Tenant B: a waiting call of its customer and agent, a configured queue with statistics.
    gateway.callState.put(tenantB, "b-call", "QUEUED", "b-agent", "b-customer");
    gateway.routing.put(tenantB, "b-queue", 5);
    // Tenant A: a call of customer c-1 routed to agent a1, another of c-2 routed to a2, queues.
    gateway.callState.put(tenantA, "own-call", "QUEUED", "a1", "c-1");
    gateway.callState.put(tenantA, "other-call", "QUEUED", "a2", "c-2");
    // Answered calls, on which their parties may signal.
    gateway.callState.put(tenantA, "talking-call", "CONNECTED", "a1", "c-1");
    gateway.callState.put(tenantA, "other-talking-call", "CONNECTED", "a2", "c-2");
    gateway.callState.put(tenantB, "b-talking-call", "CONNECTED", "a1", "c-1");
    // Calls in the states call control needs: answered (a1's and a2's), held, ended.
    gateway.callState.put(tenantA, "talk-call", "CONNECTED", "a1", "c-1");
    gateway.callState.put(tenantA, "other-talk", "CONNECTED", "a2", "c-2");
    gateway.callState.put(tenantA, "held-call", "ON_HOLD", "a1", "c-1");
    gateway.callState.put(tenantA, "done-call", "ENDED", "a1", "c-1");
    gateway.routing.put(tenantA, "a-queue", 2);
    configured(tenantB, "b-queue");
    configured(tenantA, "a-queue");
    configured(tenantA, "doomed");
    bKey = widgetKey(tenantB);
    aKey = widgetKey(tenantA);
    sipAccount(tenantB, "b-agent", "b-phone");
    sipAccount(tenantA, "a1", "a1-phone");
    sipAccount(tenantA, "a3", "a3-phone");
    sipTrunk(tenantB, "b-trunk", trunkBody("203.0.113.0/24"));
    sipTrunk(tenantA, "a-trunk", A_TRUNK);
    sipTrunk(tenantA, "a-doomed", trunkBody("198.51.100.64/26"));
    sipNumber(tenantB, bNumber);
    sipNumber(tenantA, aNumber);
    sipNumber(tenantA, aDoomedNumber);
  }

  private static String trunkBody(String source) {
    return "{\"direction\":\"INBOUND\",\"trustedSources\":[\"" + source + "\"]}";
  }

  private static String randomNumber() {
    return "1" + (1_000_000_000L + Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 8_999_999_999L));
  }

  /** A trunk of {@code tenant}, once the gateway has read it back. */
  private void sipTrunk(String tenant, String trunkId, String body) {
    WebTestClient admin = gateway.as(issuer.token(tenant, "admin-user", "admin"));
    admin.put().uri("/api/v1/sip-trunks/" + trunkId).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
        .exchange().expectStatus().is2xxSuccessful();
    Poll.until(TestGateway.TIMEOUT, trunkId + " in the gateway's view", () -> admin.get()
        .uri("/api/v1/sip-trunks/" + trunkId).exchange().returnResult(String.class).getStatus()
        .is2xxSuccessful() ? true : null);
  }

  /** A number of {@code tenant} mapped to its queue, once the gateway has read it back. */
  private void sipNumber(String tenant, String number) {
    WebTestClient admin = gateway.as(issuer.token(tenant, "admin-user", "admin"));
    admin.put().uri("/api/v1/sip-numbers/" + number).contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"queue\":\"support\"}").exchange().expectStatus().is2xxSuccessful();
    Poll.until(TestGateway.TIMEOUT, number + " in the gateway's view", () -> admin.get()
        .uri("/api/v1/sip-numbers/" + number).exchange().returnResult(String.class).getStatus()
        .is2xxSuccessful() ? true : null);
  }

  private static String sipAccountBody(String username) {
    return "{\"username\":\"" + username + "\",\"password\":\"correct horse battery\"}";
  }

  /** A SIP account of {@code tenant}'s {@code agent}, once the gateway has read it back. */
  private void sipAccount(String tenant, String agent, String username) {
    WebTestClient admin = gateway.as(issuer.token(tenant, "admin-user", "admin"));
    admin.put().uri("/api/v1/agents/" + agent + "/sip-account").contentType(MediaType.APPLICATION_JSON)
        .bodyValue(sipAccountBody(username)).exchange().expectStatus().is2xxSuccessful();
    Poll.until(TestGateway.TIMEOUT, username + " in the gateway's view", () -> admin.get()
        .uri("/api/v1/agents/" + agent + "/sip-account").exchange().returnResult(String.class).getStatus()
        .is2xxSuccessful() ? true : null);
  }

  /** A widget key of {@code tenant}, once the gateway lists it. */
  private String widgetKey(String tenant) {
    WebTestClient admin = gateway.as(issuer.token(tenant, "admin-user", "admin"));
    String id = (String) admin.post().uri("/api/v1/widget-keys").contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"label\":\"site\",\"allowedOrigins\":[\"https://" + tenant + ".example\"]}")
        .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");
    Poll.until(TestGateway.TIMEOUT, id + " in the gateway's view", () -> admin.get().uri("/api/v1/widget-keys")
        .exchange().expectBody(String.class).returnResult().getResponseBody().contains(id) ? true : null);
    return id;
  }

  private void configured(String tenant, String queue) {
    WebTestClient admin = gateway.as(issuer.token(tenant, "admin-user", "admin"));
    admin.put().uri("/api/v1/queues/" + queue).exchange().expectStatus().isOk();
    Poll.until(TestGateway.TIMEOUT, queue + " in the gateway's view", () -> admin.get().uri("/api/v1/queues/" + queue)
        .exchange().returnResult(String.class).getStatus().is2xxSuccessful() ? true : null);
  }

  /** A token of {@code tenant} for {@code role}: customer c-1, agent a1, or a plain user. */
  private String token(String tenant, String role) {
    return switch (role) {
      case "customer" -> issuer.token(tenant, "c-1", "customer");
      case "agent" -> issuer.agentToken(tenant, "a1");
      default -> issuer.token(tenant, role + "-user", role);
    };
  }

  private EntityExchangeResult<String> send(String token, Request request) {
    WebTestClient.RequestBodySpec spec = gateway.as(token).method(request.method()).uri(request.path());
    if (request.body() != null) {
      spec.contentType(MediaType.APPLICATION_JSON).bodyValue(request.body());
    }
    return spec.exchange().expectBody(String.class).returnResult();
  }

  @Test
  void eachRoleOfTenantAGets403Or404ForTenantBsResourcesAndNeverItsData() {
    Instant start = Instant.now();
    List<Request> requests = new ArrayList<>(List.of(
        new Request(HttpMethod.POST, "/api/v1/agents/b-agent/sign-in", "{}"),
        new Request(HttpMethod.PUT, "/api/v1/agents/b-agent/status", "{\"status\":\"AVAILABLE\"}"),
        new Request(HttpMethod.POST, "/api/v1/calls", "{\"queue\":\"b-queue\"}"),
        new Request(HttpMethod.GET, "/api/v1/calls/b-call", null),
        new Request(HttpMethod.POST, "/api/v1/calls/b-call/end", "{}"),
        new Request(HttpMethod.PATCH, "/api/v1/calls/b-call", "{\"priority\":5}"),
        new Request(HttpMethod.POST, "/api/v1/calls/b-call/callback", "{}"),
        new Request(HttpMethod.POST, "/api/v1/calls/b-call/assign", "{\"agentId\":\"b-agent\"}"),
        new Request(HttpMethod.POST, "/api/v1/calls/b-call/hold", null),
        new Request(HttpMethod.POST, "/api/v1/calls/b-call/resume", null),
        new Request(HttpMethod.PATCH, "/api/v1/calls/b-call/participants/me", "{\"audio\":false}"),
        new Request(HttpMethod.POST, "/api/v1/calls/b-call/transfer", "{\"queue\":\"b-queue\"}"),
        new Request(HttpMethod.POST, "/api/v1/calls/b-call/wrap-up", "{\"disposition\":\"resolved\"}"),
        new Request(HttpMethod.GET, "/api/v1/queues/b-queue", null),
        new Request(HttpMethod.DELETE, "/api/v1/queues/b-queue", null),
        new Request(HttpMethod.GET, "/api/v1/queues/b-queue/stats", null),
        new Request(HttpMethod.GET, "/api/v1/queues", null),
        new Request(HttpMethod.GET, "/api/v1/calls?agent=b-agent", null),
        new Request(HttpMethod.GET, "/api/v1/calls/active?agent=b-agent", null),
        new Request(HttpMethod.GET, "/api/v1/widget-keys", null),
        new Request(HttpMethod.DELETE, "/api/v1/widget-keys/" + bKey, null),
        new Request(HttpMethod.GET, "/api/v1/agents/b-agent/sip-account", null),
        new Request(HttpMethod.DELETE, "/api/v1/agents/b-agent/sip-account", null),
        new Request(HttpMethod.GET, "/api/v1/sip-accounts", null),
        new Request(HttpMethod.GET, "/api/v1/sip-trunks/b-trunk", null),
        new Request(HttpMethod.DELETE, "/api/v1/sip-trunks/b-trunk", null),
        new Request(HttpMethod.GET, "/api/v1/sip-trunks", null),
        new Request(HttpMethod.GET, "/api/v1/sip-numbers/" + bNumber, null),
        new Request(HttpMethod.DELETE, "/api/v1/sip-numbers/" + bNumber, null),
        new Request(HttpMethod.GET, "/api/v1/sip-numbers", null),
        // B's answered call between B's own a1 and c-1: the same names in A are other people.
        new Request(HttpMethod.POST, "/api/v1/calls/b-talking-call/webrtc/offer", SDP),
        new Request(HttpMethod.POST, "/api/v1/calls/b-talking-call/webrtc/answer", SDP),
        new Request(HttpMethod.POST, "/api/v1/calls/b-talking-call/webrtc/ice-candidate", CANDIDATE)));
    REPORTS.forEach(path -> requests.add(new Request(HttpMethod.GET, path + "?queue=b-queue&agent=b-agent", null)));
    // Last: an admin of A configuring "b-queue" configures A's own queue of that name.
    requests.add(new Request(HttpMethod.PUT, "/api/v1/queues/b-queue", "{}"));
    // And an admin of A giving its agent "b-agent" the username B uses: usernames are unique per tenant only.
    requests.add(new Request(HttpMethod.PUT, "/api/v1/agents/b-agent/sip-account", sipAccountBody("b-phone")));
    // And an admin of A naming a trunk "b-trunk", with addresses of its own: trunk ids are per tenant too.
    requests.add(new Request(HttpMethod.PUT, "/api/v1/sip-trunks/b-trunk", trunkBody("198.51.100.200")));

    Map<String, String> outcomes = new LinkedHashMap<>();
    for (String role : ROLES) {
      for (Request request : requests) {
        EntityExchangeResult<String> result = send(token(tenantA, role), request);
        int status = result.getStatus().value();
        String body = result.getResponseBody() == null ? "" : result.getResponseBody();
        outcomes.put(role + " " + request, status + " " + body);
        assertThat(body).as(role + " " + request).doesNotContain(tenantB).doesNotContain("b-customer");
        if (!request.path().endsWith(bKey)) {
          // Only the answer to a request naming B's widget key may echo its id (the 404's message).
          assertThat(body).as(role + " " + request).doesNotContain(bKey);
        }
        if (status != 403 && status != 404) {
          // Allowed to its role, and acting on its own tenant: a write lands in A, a read answers A's data.
          assertThat(status).as(role + " " + request + ": " + body).isBetween(200, 299);
          // A number's view carries no tenant, nor do A's empty lists of queues and keys.
          if (request.method() == HttpMethod.GET && !request.path().startsWith("/api/v1/queues")
              && !request.path().startsWith("/api/v1/widget-keys") && !request.path().startsWith("/api/v1/sip-numbers")) {
            assertThat(body).as(role + " " + request).contains(tenantA);
          }
        }
      }
    }
    // Tenant B's resources themselves are never reachable: a 403 or a 404 for every role.
    for (String role : ROLES) {
      for (String path : List.of("GET /api/v1/calls/b-call", "POST /api/v1/calls/b-call/end",
          "PATCH /api/v1/calls/b-call", "POST /api/v1/calls/b-call/callback", "POST /api/v1/calls/b-call/assign",
          "POST /api/v1/calls/b-call/hold", "POST /api/v1/calls/b-call/resume",
          "PATCH /api/v1/calls/b-call/participants/me", "POST /api/v1/calls/b-call/transfer",
          "POST /api/v1/calls/b-call/wrap-up",
          "GET /api/v1/queues/b-queue", "DELETE /api/v1/queues/b-queue", "GET /api/v1/queues/b-queue/stats",
          "DELETE /api/v1/widget-keys/" + bKey, "POST /api/v1/calls/b-talking-call/webrtc/offer",
          "GET /api/v1/agents/b-agent/sip-account", "DELETE /api/v1/agents/b-agent/sip-account",
          "POST /api/v1/calls/b-talking-call/webrtc/answer", "POST /api/v1/calls/b-talking-call/webrtc/ice-candidate",
          "GET /api/v1/sip-trunks/b-trunk", "DELETE /api/v1/sip-trunks/b-trunk",
          "GET /api/v1/sip-numbers/" + bNumber, "DELETE /api/v1/sip-numbers/" + bNumber)) {
        assertThat(outcomes.get(role + " " + path)).as(role + " " + path).matches("(403|404) .*");
      }
    }
    assertThat(eventsOf(Topics.CALL_EVENTS, start)).noneMatch(e -> e.getTenantId().equals(tenantB));
    assertThat(eventsOf(Topics.AGENT_EVENTS, start)).noneMatch(e -> e.getTenantId().equals(tenantB));
    assertThat(gateway.as(issuer.token(tenantB, "admin-user", "admin")).get().uri("/api/v1/widget-keys").exchange()
        .expectBody(String.class).returnResult().getResponseBody()).contains(bKey);
    assertThat(readAll(Topics.QUEUE_CONFIG)).noneMatch(record -> record.key().equals(tenantB + "/b-queue")
        && (record.value() == null || !record.value().getOccurredAt().isBefore(start)));
    assertThat(readAll(Topics.SIP_CREDENTIALS)).noneMatch(record -> record.key().equals(tenantB + "/b-phone")
        && (record.value() == null || !record.value().getOccurredAt().isBefore(start)));
    assertThat(readAll(Topics.SIP_TRUNKS)).noneMatch(record -> record.key().equals(tenantB + "/b-trunk")
        && (record.value() == null || !record.value().getOccurredAt().isBefore(start)));
    assertThat(readAll(Topics.SIP_NUMBERS)).noneMatch(record -> record.key().equals(tenantB + "/" + bNumber)
        && (record.value() == null || !record.value().getOccurredAt().isBefore(start)));
  }

  @Test
  void noRoleOfTenantATakesTenantBsNumberOrTrustsItsTrunksAddresses() {
    for (String role : ROLES) {
      int expected = role.equals("admin") ? 409 : 403;
      for (Request request : List.of(
          new Request(HttpMethod.PUT, "/api/v1/sip-numbers/" + bNumber, "{\"queue\":\"a-queue\"}"),
          new Request(HttpMethod.PUT, "/api/v1/sip-trunks/a-spoof", trunkBody("203.0.113.7")))) {
        EntityExchangeResult<String> result = send(token(tenantA, role), request);
        assertThat(result.getStatus().value()).as(role + " " + request).isEqualTo(expected);
        assertThat(result.getResponseBody() == null ? "" : result.getResponseBody()).as(role + " " + request)
            .doesNotContain(tenantB).doesNotContain("b-trunk");
      }
    }
  }

  @Test
  void anAgentOfTenantANeverSeesNorActsOnTenantBsCallsOverTheWebSocket() {
    Instant start = Instant.now();
    try (AgentSocket agent = AgentSocket.connect(gateway.port, issuer.agentToken(tenantA, "a1"));
         EventProducer producer = new EventProducer()) {
      agent.awaitReady();
      // B's routing offers b-call to its agent named a1 too: the same id in another tenant is another agent.
      producer.send(Topics.ROUTING_DECISIONS, "b-call", new RoutingDecision(UUID.randomUUID(), tenantB, Instant.now(),
          "routing-test", "b-call", "b-queue", null, new RoutingOffered("a1", "res-b", Instant.now().plusSeconds(60), false)));
      List<String> types = List.of("call:accept", "call:decline", "call:end", "call:invite", "call:toggle_audio",
          "call:toggle_video", "call:toggle_screen_share", "call:quality_update", "webrtc:offer", "webrtc:answer",
          "webrtc:ice_candidate");
      types.forEach(type -> agent.send("{\"type\":\"" + type + "\",\"data\":{\"callId\":\"b-call\"}}"));
      Poll.until(TestGateway.TIMEOUT, "an error for each message about b-call", () -> agent.received().stream()
          .filter(f -> f.path("type").stringValue("").equals("call:error")
              && f.path("data").path("callId").stringValue("").equals("b-call"))
          .count() >= types.size() ? true : null);
      agent.send("{\"type\":\"auth:refresh\",\"data\":{\"token\":\"" + issuer.agentToken(tenantB, "a1") + "\"}}");
      agent.await("call:error", data -> data.path("message").stringValue("").contains("another tenant"));
      agent.awaitReady();
      assertThat(agent.received()).noneMatch(frame -> frame.path("type").stringValue("").equals("call:incoming"))
          .allSatisfy(frame -> assertThat(frame.toString()).doesNotContain(tenantB));
    }
    assertThat(eventsOf(Topics.CALL_EVENTS, start)).noneMatch(e -> e.getCallId().equals("b-call"));
  }

  @Test
  void withinItsTenantEachRoleCanDoExactlyWhatThePermissionTableSays() {
    Set<String> none = Set.of();
    Set<String> ownersHidden = Set.of("customer", "agent");
    List<Rule> rules = new ArrayList<>(List.of(
        new Rule(new Request(HttpMethod.POST, "/api/v1/agents/a1/sign-in", "{}"), Set.of("agent", "admin"), none),
        new Rule(new Request(HttpMethod.PUT, "/api/v1/agents/a1/status", "{\"status\":\"AVAILABLE\"}"),
            Set.of("agent", "supervisor", "admin"), none),
        new Rule(new Request(HttpMethod.POST, "/api/v1/agents/a2/sign-in", "{}"), Set.of("admin"), none),
        new Rule(new Request(HttpMethod.PUT, "/api/v1/agents/a2/status", "{\"status\":\"AVAILABLE\"}"),
            Set.of("supervisor", "admin"), none),
        new Rule(new Request(HttpMethod.POST, "/api/v1/calls", "{\"queue\":\"a-queue\"}"), Set.of("customer"), none),
        new Rule(new Request(HttpMethod.POST, "/api/v1/calls/outbound", "{\"number\":\"4930123456\"}"),
            Set.of("agent"), none),
        new Rule(new Request(HttpMethod.GET, "/api/v1/calls/own-call", null),
            Set.of("customer", "agent", "supervisor", "admin"), none),
        new Rule(new Request(HttpMethod.GET, "/api/v1/calls/other-call", null), Set.of("supervisor", "admin"), ownersHidden),
        new Rule(new Request(HttpMethod.POST, "/api/v1/calls/own-call/end", "{}"),
            Set.of("customer", "agent", "supervisor"), none),
        new Rule(new Request(HttpMethod.POST, "/api/v1/calls/other-call/end", "{}"), Set.of("supervisor"), ownersHidden),
        new Rule(new Request(HttpMethod.PATCH, "/api/v1/calls/own-call", "{\"priority\":5}"), Set.of("supervisor"), none),
        new Rule(new Request(HttpMethod.POST, "/api/v1/calls/own-call/callback", "{}"), Set.of("customer", "supervisor"), none),
        new Rule(new Request(HttpMethod.POST, "/api/v1/calls/other-call/callback", "{}"), Set.of("supervisor"),
            Set.of("customer")),
        new Rule(new Request(HttpMethod.POST, "/api/v1/calls/own-call/assign", "{\"agentId\":\"a2\"}"),
            Set.of("supervisor"), none),
        new Rule(new Request(HttpMethod.POST, "/api/v1/calls/other-call/assign", "{\"agentId\":\"a1\"}"),
            Set.of("supervisor"), none),
        new Rule(new Request(HttpMethod.POST, "/api/v1/calls/talk-call/hold", null), Set.of("agent", "supervisor"), none),
        new Rule(new Request(HttpMethod.POST, "/api/v1/calls/other-talk/hold", null), Set.of("supervisor"),
            Set.of("agent")),
        new Rule(new Request(HttpMethod.POST, "/api/v1/calls/held-call/resume", null), Set.of("agent", "supervisor"),
            none),
        new Rule(new Request(HttpMethod.PATCH, "/api/v1/calls/talk-call/participants/me", "{\"audio\":false}"),
            Set.of("agent", "customer"), none),
        new Rule(new Request(HttpMethod.PATCH, "/api/v1/calls/other-talk/participants/me", "{\"audio\":false}"),
            none, ownersHidden),
        new Rule(new Request(HttpMethod.POST, "/api/v1/calls/talk-call/transfer", "{\"queue\":\"a-queue\"}"),
            Set.of("agent", "supervisor"), none),
        new Rule(new Request(HttpMethod.POST, "/api/v1/calls/other-talk/transfer", "{\"agentId\":\"a1\"}"),
            Set.of("supervisor"), Set.of("agent")),
        new Rule(new Request(HttpMethod.POST, "/api/v1/calls/done-call/wrap-up", "{\"disposition\":\"resolved\"}"),
            Set.of("agent", "supervisor"), none),
        new Rule(new Request(HttpMethod.PUT, "/api/v1/queues/a-queue", "{}"), Set.of("admin"), none),
        new Rule(new Request(HttpMethod.GET, "/api/v1/queues/a-queue", null), Set.of("supervisor", "admin"), none),
        new Rule(new Request(HttpMethod.GET, "/api/v1/queues", null), Set.of("supervisor", "admin"), none),
        new Rule(new Request(HttpMethod.GET, "/api/v1/queues/a-queue/stats", null), Set.of("supervisor", "admin"), none),
        new Rule(new Request(HttpMethod.DELETE, "/api/v1/queues/doomed", null), Set.of("admin"), none),
        new Rule(new Request(HttpMethod.GET, "/api/v1/calls", null), Set.of("agent", "supervisor", "admin"), none),
        new Rule(new Request(HttpMethod.GET, "/api/v1/calls/active", null), Set.of("agent", "supervisor", "admin"), none),
        new Rule(new Request(HttpMethod.POST, "/api/v1/widget-keys",
            "{\"label\":\"site\",\"allowedOrigins\":[\"https://a.example\"]}"), Set.of("admin"), none),
        new Rule(new Request(HttpMethod.GET, "/api/v1/widget-keys", null), Set.of("admin"), none),
        new Rule(new Request(HttpMethod.DELETE, "/api/v1/widget-keys/" + aKey, null), Set.of("admin"), none),
        new Rule(new Request(HttpMethod.PUT, "/api/v1/agents/a1/sip-account", sipAccountBody("a1-phone")),
            Set.of("admin"), none),
        new Rule(new Request(HttpMethod.GET, "/api/v1/agents/a1/sip-account", null), Set.of("admin"), none),
        new Rule(new Request(HttpMethod.GET, "/api/v1/sip-accounts", null), Set.of("admin"), none),
        new Rule(new Request(HttpMethod.DELETE, "/api/v1/agents/a3/sip-account", null), Set.of("admin"), none),
        new Rule(new Request(HttpMethod.PUT, "/api/v1/sip-trunks/a-trunk", A_TRUNK), Set.of("admin"), none),
        new Rule(new Request(HttpMethod.GET, "/api/v1/sip-trunks/a-trunk", null), Set.of("admin"), none),
        new Rule(new Request(HttpMethod.GET, "/api/v1/sip-trunks", null), Set.of("admin"), none),
        new Rule(new Request(HttpMethod.DELETE, "/api/v1/sip-trunks/a-doomed", null), Set.of("admin"), none),
        new Rule(new Request(HttpMethod.PUT, "/api/v1/sip-numbers/" + aNumber, "{\"queue\":\"a-queue\"}"),
            Set.of("admin"), none),
        new Rule(new Request(HttpMethod.GET, "/api/v1/sip-numbers/" + aNumber, null), Set.of("admin"), none),
        new Rule(new Request(HttpMethod.GET, "/api/v1/sip-numbers", null), Set.of("admin"), none),
        new Rule(new Request(HttpMethod.DELETE, "/api/v1/sip-numbers/" + aDoomedNumber, null), Set.of("admin"), none),
        new Rule(new Request(HttpMethod.POST, "/api/v1/calls/talking-call/webrtc/offer", SDP),
            Set.of("customer", "agent"), none),
        new Rule(new Request(HttpMethod.POST, "/api/v1/calls/talking-call/webrtc/answer", SDP),
            Set.of("customer", "agent"), none),
        new Rule(new Request(HttpMethod.POST, "/api/v1/calls/talking-call/webrtc/ice-candidate", CANDIDATE),
            Set.of("customer", "agent"), none),
        new Rule(new Request(HttpMethod.POST, "/api/v1/calls/other-talking-call/webrtc/offer", SDP), none,
            ownersHidden),
        new Rule(new Request(HttpMethod.POST, "/api/v1/calls/other-talking-call/webrtc/ice-candidate", CANDIDATE),
            none, ownersHidden)));
    REPORTS.forEach(path -> rules.add(new Rule(new Request(HttpMethod.GET, path, null), Set.of("supervisor", "admin"), none)));

    List<String> wrong = new ArrayList<>();
    for (String role : ROLES) {
      for (Rule rule : rules) {
        int status = send(token(tenantA, role), rule.request()).getStatus().value();
        int expected = rule.allowed().contains(role) ? 200 : rule.hidden().contains(role) ? 404 : 403;
        boolean right = expected == 200 ? status >= 200 && status < 300 : status == expected;
        if (!right) {
          wrong.add(role + " " + rule.request() + ": " + status + ", expected " + (expected == 200 ? "2xx" : expected));
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void anAgentsHistoryIsItsOwnWhateverItAsks() {
    String body = send(issuer.agentToken(tenantA, "a1"),
        new Request(HttpMethod.GET, "/api/v1/calls?agent=a2&state=ENDED", null)).getResponseBody();
    assertThat(body).contains("\"tenant\":\"" + tenantA + "\"").contains("/api/v1/calls?state=ENDED&agent=a1");
  }

  @Test
  void anAgentACustomerOrAWallboardOpensTheWebSocketAndAServiceDoesNot() {
    for (String role : ROLES) {
      try (AgentSocket socket = AgentSocket.connect(gateway.port, token(tenantA, role))) {
        if (!role.equals("service")) {
          socket.awaitReady();
        } else {
          assertThat(socket.awaitRefused()).as(role).hasMessageContaining("403");
        }
      }
    }
  }

  private static <V extends SpecificRecord> List<ConsumerRecord<String, V>> readAll(
      io.switchboard.schemas.topics.Topic<V> topic) {
    try (EventLog<V> log = EventLog.of(topic)) {
      try {
        // Nothing matches: it reads what there is, then gives up.
        log.awaitAll(value -> false, 1, Duration.ofSeconds(3));
      } catch (AssertionError readWhatThereIs) {
        // expected
      }
      return log.seen();
    }
  }

  private static <V extends SpecificRecord> List<V> eventsOf(io.switchboard.schemas.topics.Topic<V> topic, Instant since) {
    return readAll(topic).stream().map(ConsumerRecord::value)
        .filter(value -> value != null && !occurredAt(value).isBefore(since))
        .toList();
  }

  private static Instant occurredAt(SpecificRecord value) {
    if (value instanceof CallEvent call) {
      return call.getOccurredAt();
    }
    if (value instanceof AgentEvent agent) {
      return agent.getOccurredAt();
    }
    return ((QueueConfig) value).getOccurredAt();
  }
}
