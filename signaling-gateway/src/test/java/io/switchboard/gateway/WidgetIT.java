package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import io.switchboard.gateway.security.Hs256;
import io.switchboard.schemas.avro.AuditAction;
import io.switchboard.schemas.avro.AuditEvent;
import io.switchboard.schemas.avro.AuditOutcome;
import io.switchboard.schemas.avro.CallCreated;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.topics.Topics;
import io.switchboard.testsupport.EventLog;
import io.switchboard.testsupport.Poll;
import io.switchboard.testsupport.TestIssuer;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Customers without accounts, on a real gateway of its own (real broker, real issuer for the staff):
 * widget keys made, listed and revoked by admins, exchanged from their pages' origins for customer
 * tokens that make and follow their own calls only; CORS for the keys' origins; the exchange's rate
 * limit. Each test is a client address of its own ({@code X-Forwarded-For}), so limits stay apart.
 */
class WidgetIT {

  private static final String SECRET = "widget-it-customer-token-secret-" + UUID.randomUUID();
  private static final String SHOP = "https://shop.example";
  private static final String DESK = "http://localhost:3000";
  private static final AtomicInteger ADDRESSES = new AtomicInteger();
  private static final TestIssuer issuer = TestIssuer.shared();
  private static CallStateStub callState;
  private static ConfigurableApplicationContext gateway;
  private static int port;

  private final String tenant = "wid-" + UUID.randomUUID().toString().substring(0, 8);
  private final String tenantB = "widb-" + UUID.randomUUID().toString().substring(0, 8);
  private final String address = "203.0.113." + (ADDRESSES.incrementAndGet() % 250 + 1);
  private final WebTestClient admin = as(issuer.token(tenant, "ada-admin", "admin"));

  @BeforeAll
  static void start() {
    callState = new CallStateStub();
    gateway = TestGateway.start(TestGateway.args("widget-it-" + UUID.randomUUID(), callState.url(),
        "--switchboard.gateway.customer-tokens.secret=" + SECRET,
        "--switchboard.gateway.rate-limits.widget-token.per-ip.capacity=5",
        "--switchboard.gateway.rate-limits.widget-token.per-ip.window=1h",
        // The client address comes from X-Forwarded-For, as behind a proxy.
        "--server.forward-headers-strategy=framework"));
    port = Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port"));
  }

  @AfterAll
  static void stop() {
    gateway.close();
    callState.close();
  }

  private WebTestClient anonymous() {
    return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(TestGateway.TIMEOUT)
        .defaultHeader("X-Forwarded-For", address).build();
  }

  private WebTestClient as(String token) {
    return anonymous().mutate().defaultHeaders(headers -> headers.setBearerAuth(token)).build();
  }

  /** A customer's page on {@code origin} with its token. */
  private WebTestClient customer(String token, String origin) {
    return as(token).mutate().defaultHeader("Origin", origin).build();
  }

  private WebTestClient.ResponseSpec createKey(WebTestClient client, String body) {
    return client.post().uri("/api/v1/widget-keys").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
  }

  /** A key of {@code tenant}'s admin, once this gateway has read it back. */
  private String key(WebTestClient tenantAdmin, String queue, String... origins) {
    String body = "{\"label\":\"shop\",\"allowedOrigins\":[\"" + String.join("\",\"", origins) + "\"]"
        + (queue == null ? "" : ",\"queue\":\"" + queue + "\"") + "}";
    String id = (String) createKey(tenantAdmin, body).expectStatus().isCreated()
        .expectBody(Map.class).returnResult().getResponseBody().get("id");
    Poll.until(TestGateway.TIMEOUT, "key " + id + " to be listed", () -> listed(tenantAdmin).contains(id) ? true : null);
    return id;
  }

  private static String listed(WebTestClient tenantAdmin) {
    return tenantAdmin.get().uri("/api/v1/widget-keys").exchange().expectStatus().isOk()
        .expectBody(String.class).returnResult().getResponseBody();
  }

  private WebTestClient.ResponseSpec exchange(String key, String origin) {
    WebTestClient.RequestBodySpec request = anonymous().post().uri("/api/v1/widget/token")
        .contentType(MediaType.APPLICATION_JSON);
    if (origin != null) {
      request.header("Origin", origin);
    }
    return request.bodyValue("{\"key\":\"" + key + "\"}").exchange();
  }

  /** The answer of a successful exchange: token, expiresAt, tenant, customerId. */
  @SuppressWarnings("unchecked")
  private Map<String, String> tokenFor(String key, String origin) {
    return exchange(key, origin).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
  }

  private static WebTestClient.ResponseSpec createCall(WebTestClient client, String body) {
    return client.post().uri("/api/v1/calls").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
  }

  @Test
  void anAdminCreatesListsAndRevokesKeysAndEachIsAudited() {
    try (EventLog<AuditEvent> audit = EventLog.of(Topics.AUDIT_EVENTS)) {
      Map<?, ?> created = createKey(admin, "{\"label\":\"Shop\",\"allowedOrigins\":[\"HTTPS://Shop.Example:443\","
          + "\"" + DESK + "\"],\"queue\":\"sales\"}")
          .expectStatus().isCreated()
          .expectHeader().value("Location", location -> assertThat(location).startsWith("/api/v1/widget-keys/wk_"))
          .expectBody(Map.class).returnResult().getResponseBody();
      String id = (String) created.get("id");
      assertThat(id).matches("wk_[A-Za-z0-9_-]{24}");
      assertThat(created.get("allowedOrigins")).isEqualTo(List.of(SHOP, DESK));
      assertThat(created.get("queue")).isEqualTo("sales");
      assertThat(created.get("label")).isEqualTo("Shop");
      assertThat(created.get("createdBy")).isEqualTo("ada-admin");

      Poll.until(TestGateway.TIMEOUT, "the key to be listed", () -> listed(admin).contains(id) ? true : null);

      admin.delete().uri("/api/v1/widget-keys/" + id).exchange().expectStatus().isNoContent();
      Poll.until(TestGateway.TIMEOUT, "the key to be gone", () -> listed(admin).contains(id) ? null : true);
      admin.delete().uri("/api/v1/widget-keys/" + id).exchange().expectStatus().isNotFound();

      List<AuditEvent> events = audit.awaitAll(event -> tenant.equals(event.getTenantId()), 2, TestGateway.TIMEOUT);
      assertThat(events).extracting(e -> e.getAction() + " " + e.getTarget().getKind() + " " + e.getTarget().getId()
          + " " + e.getOutcome() + " " + e.getActor().getSubject()).containsExactly(
              AuditAction.WIDGET_KEY_CREATED + " WIDGET_KEY " + id + " " + AuditOutcome.SUCCEEDED + " ada-admin",
              AuditAction.WIDGET_KEY_REVOKED + " WIDGET_KEY " + id + " " + AuditOutcome.SUCCEEDED + " ada-admin");
      assertThat(events.get(0).getDetails()).containsEntry("allowedOrigins", SHOP + "," + DESK)
          .containsEntry("queue", "sales").containsEntry("label", "Shop");
    }
  }

  @Test
  void aKeyNeedsALabelAndRealOrigins() {
    for (String body : List.of("{\"label\":\"x\",\"allowedOrigins\":[]}", "{\"label\":\"x\"}",
        "{\"allowedOrigins\":[\"https://shop.example\"]}", "{\"label\":\"x\",\"allowedOrigins\":[\"*\"]}",
        "{\"label\":\"x\",\"allowedOrigins\":[\"https://shop.example/path\"]}",
        "{\"label\":\"x\",\"allowedOrigins\":[\"https://shop.example\"],\"queue\":\"a/b\"}")) {
      createKey(admin, body).expectStatus().isBadRequest()
          .expectBody().jsonPath("$.status").isEqualTo(400).jsonPath("$.message").exists();
    }
  }

  @Test
  void onlyAnAdminManagesKeys() {
    String id = key(admin, null, SHOP);
    for (String token : List.of(issuer.token(tenant, "c-1", "customer"), issuer.agentToken(tenant, "a1"),
        issuer.token(tenant, "sup", "supervisor"), issuer.token(tenant, "svc", "service"))) {
      WebTestClient other = as(token);
      createKey(other, "{\"label\":\"x\",\"allowedOrigins\":[\"" + SHOP + "\"]}").expectStatus().isForbidden();
      other.get().uri("/api/v1/widget-keys").exchange().expectStatus().isForbidden();
      other.delete().uri("/api/v1/widget-keys/" + id).exchange().expectStatus().isForbidden();
    }
    anonymous().get().uri("/api/v1/widget-keys").exchange().expectStatus().isUnauthorized();
    assertThat(listed(admin)).contains(id);
  }

  @Test
  void anotherTenantsAdminNeitherSeesNorRevokesTheKeys() {
    String id = key(admin, null, SHOP);
    WebTestClient adminB = as(issuer.token(tenantB, "bob-admin", "admin"));

    assertThat(listed(adminB)).doesNotContain(id).doesNotContain(tenant);
    adminB.delete().uri("/api/v1/widget-keys/" + id).exchange().expectStatus().isNotFound();

    assertThat(listed(admin)).contains(id);
    assertThat(tokenFor(id, SHOP).get("tenant")).isEqualTo(tenant);
  }

  @Test
  void aTokenFromAnAllowedOriginMakesSeesAndEndsItsOwnCallsOnly() {
    String id = key(admin, null, SHOP, DESK);
    Map<String, String> answer = tokenFor(id, DESK);
    String customerId = answer.get("customerId");
    assertThat(answer.get("tenant")).isEqualTo(tenant);
    assertThat(customerId).startsWith("customer-");
    assertThat(Instant.parse(answer.get("expiresAt"))).isAfter(Instant.now().plusSeconds(14 * 60));
    WebTestClient page = customer(answer.get("token"), DESK);

    try (EventLog<CallEvent> calls = EventLog.of(Topics.CALL_EVENTS)) {
      String callId = (String) createCall(page, "{\"queue\":\"sales\"}").expectStatus().isCreated()
          .expectHeader().valueEquals("Access-Control-Allow-Origin", DESK)
          .expectBody(Map.class).returnResult().getResponseBody().get("callId");
      CallEvent created = calls.await(event -> event.getCallId().equals(callId), TestGateway.TIMEOUT);
      assertThat(created.getTenantId()).isEqualTo(tenant);
      assertThat(((CallCreated) created.getPayload()).getCustomerId()).isEqualTo(customerId);

      callState.put(tenant, callId, "QUEUED", null, customerId);
      callState.put(tenant, "someone-elses", "QUEUED", null, "customer-other");
      callState.put(tenantB, "b-call", "QUEUED", null, customerId);

      page.get().uri("/api/v1/calls/" + callId).exchange().expectStatus().isOk()
          .expectBody().jsonPath("$.callId").isEqualTo(callId);
      page.get().uri("/api/v1/calls/someone-elses").exchange().expectStatus().isNotFound();
      page.get().uri("/api/v1/calls/b-call").exchange().expectStatus().isNotFound();
      page.post().uri("/api/v1/calls/someone-elses/end").exchange().expectStatus().isNotFound();
      page.post().uri("/api/v1/calls/" + callId + "/end").exchange().expectStatus().isAccepted();
      // A customer is a customer: no history, no priorities; other paths do not even admit its page's origin.
      page.get().uri("/api/v1/calls").exchange().expectStatus().isForbidden()
          .expectBody().jsonPath("$.message").value(message -> assertThat((String) message).contains("needs role"));
      page.patch().uri("/api/v1/calls/" + callId).contentType(MediaType.APPLICATION_JSON).bodyValue("{\"priority\":9}")
          .exchange().expectStatus().isForbidden();
      page.get().uri("/api/v1/widget-keys").exchange().expectStatus().isForbidden()
          .expectHeader().doesNotExist("Access-Control-Allow-Origin");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCustomerRenewsItsTokenAsTheSameCustomerAndKeepsItsCall() {
    String id = key(admin, "sales", SHOP);
    Map<String, String> first = tokenFor(id, SHOP);
    WebTestClient page = customer(first.get("token"), SHOP);
    String callId = (String) createCall(page, "{}").expectStatus().isCreated()
        .expectBody(Map.class).returnResult().getResponseBody().get("callId");
    callState.put(tenant, callId, "QUEUED", null, first.get("customerId"));

    Map<String, String> renewed = page.post().uri("/api/v1/widget/token/renew").exchange().expectStatus().isOk()
        .expectHeader().valueEquals("Access-Control-Allow-Origin", SHOP)
        .expectBody(Map.class).returnResult().getResponseBody();
    assertThat(renewed.get("customerId")).isEqualTo(first.get("customerId"));
    assertThat(renewed.get("tenant")).isEqualTo(tenant);
    assertThat(renewed.get("token")).isNotEqualTo(first.get("token"));
    assertThat(Instant.parse(renewed.get("expiresAt"))).isAfterOrEqualTo(Instant.parse(first.get("expiresAt")));
    // The renewed token is that customer's: its call is its own, and its key's queue still applies.
    WebTestClient again = customer(renewed.get("token"), SHOP);
    again.get().uri("/api/v1/calls/" + callId).exchange().expectStatus().isOk();
    createCall(again, "{\"queue\":\"support\"}").expectStatus().isForbidden();

    // No token, or a staff token, renews nothing; nor does a token of a key revoked since.
    anonymous().post().uri("/api/v1/widget/token/renew").exchange().expectStatus().isUnauthorized();
    admin.post().uri("/api/v1/widget/token/renew").exchange().expectStatus().isForbidden();
    admin.delete().uri("/api/v1/widget-keys/" + id).exchange().expectStatus().isNoContent();
    Poll.until(TestGateway.TIMEOUT, "the key to be gone", () -> listed(admin).contains(id) ? null : true);
    again.post().uri("/api/v1/widget/token/renew").exchange().expectStatus().isUnauthorized();
  }

  @Test
  void aKeysQueueIsWhereItsCallsGo() {
    String id = key(admin, "support", SHOP);
    WebTestClient page = customer(tokenFor(id, SHOP).get("token"), SHOP);

    createCall(page, "{}").expectStatus().isCreated();
    createCall(page, "{\"queue\":\"sales\"}").expectStatus().isForbidden()
        .expectBody().jsonPath("$.message").value(message -> assertThat((String) message).contains("go to queue support"));
  }

  @Test
  void theExchangeNeedsAnOriginOfTheKeyAndACustomerTokenToo() {
    String id = key(admin, null, SHOP);
    // An origin of some other active key passes CORS, but not this key's check.
    key(as(issuer.token(tenantB, "bob-admin", "admin")), null, "https://other.example");

    for (String origin : new String[] {null, "https://other.example", "https://evil.example"}) {
      exchange(id, origin).expectStatus().isForbidden()
          .expectHeader().contentType(MediaType.APPLICATION_JSON)
          .expectBody().jsonPath("$.status").isEqualTo(403).jsonPath("$.message").exists();
    }
    exchange("wk_" + "x".repeat(24), SHOP).expectStatus().isUnauthorized()
        .expectBody().jsonPath("$.message").isEqualTo("Unknown or revoked widget key");
    exchange("", SHOP).expectStatus().isBadRequest();

    String token = tokenFor(id, SHOP).get("token");
    createCall(customer(token, "https://other.example"), "{\"queue\":\"sales\"}").expectStatus().isForbidden()
        .expectBody().jsonPath("$.message").value(message -> assertThat((String) message).contains("allowed origins"));
    createCall(as(token), "{\"queue\":\"sales\"}").expectStatus().isForbidden();
  }

  @Test
  void aPreflightFromAKeysOriginIsAllowedAndFromAnotherIsRefused() {
    key(admin, null, SHOP);
    for (String path : List.of("/api/v1/widget/token", "/api/v1/calls", "/api/v1/calls/c-1/end")) {
      anonymous().method(HttpMethod.OPTIONS).uri(path)
          .header("Origin", SHOP)
          .header("Access-Control-Request-Method", "POST")
          .header("Access-Control-Request-Headers", "authorization,content-type")
          .exchange()
          .expectStatus().isOk()
          .expectHeader().valueEquals("Access-Control-Allow-Origin", SHOP)
          .expectHeader().value("Access-Control-Allow-Headers", value -> assertThat(value.toLowerCase()).contains("authorization"));
      anonymous().method(HttpMethod.OPTIONS).uri(path)
          .header("Origin", "https://evil.example")
          .header("Access-Control-Request-Method", "POST")
          .exchange()
          .expectStatus().isForbidden()
          .expectHeader().doesNotExist("Access-Control-Allow-Origin");
    }
    // Elsewhere the keys' origins are not admitted.
    anonymous().method(HttpMethod.OPTIONS).uri("/api/v1/queues/sales")
        .header("Origin", SHOP)
        .header("Access-Control-Request-Method", "PUT")
        .exchange()
        .expectStatus().isForbidden()
        .expectHeader().doesNotExist("Access-Control-Allow-Origin");
  }

  @Test
  void revokingAKeyRefusesItsExchangeAndItsTokensAtTheNextRequest() {
    String id = key(admin, null, SHOP);
    String token = tokenFor(id, SHOP).get("token");
    WebTestClient page = customer(token, SHOP);
    createCall(page, "{\"queue\":\"sales\"}").expectStatus().isCreated();

    admin.delete().uri("/api/v1/widget-keys/" + id).exchange().expectStatus().isNoContent();

    // Polled on the admin's list, read from the same copy of widget.keys: each exchange takes a token of the limit.
    Poll.until(TestGateway.TIMEOUT, "the key to be gone", () -> listed(admin).contains(id) ? null : true);
    exchange(id, SHOP).expectStatus().isUnauthorized();
    createCall(page, "{\"queue\":\"sales\"}").expectStatus().isUnauthorized()
        .expectBody().jsonPath("$.message").value(message -> assertThat((String) message).contains("revoked"));
  }

  @Test
  void anExpiredOrForgedCustomerTokenIsRefused() {
    String id = key(admin, null, SHOP);
    Instant now = Instant.now();

    String expired = forged(SECRET, claims -> claims.claim("wk", id)
        .issueTime(Date.from(now.minusSeconds(1200))).expirationTime(Date.from(now.minusSeconds(300))));
    String admin = forged(SECRET, claims -> claims.claim("wk", id).claim("roles", List.of("admin")));
    String otherSecret = forged("not-the-gateway-secret-but-as-long-as-one", claims -> claims.claim("wk", id));
    String unsigned = forged(SECRET, claims -> claims.claim("wk", id)).replaceFirst("^[^.]+", "eyJhbGciOiJub25lIn0");

    for (String token : List.of(expired, admin, otherSecret, unsigned)) {
      customer(token, SHOP).get().uri("/api/v1/calls/c-1").exchange().expectStatus().isUnauthorized()
          .expectHeader().value("WWW-Authenticate", value -> assertThat(value).contains("invalid_token"));
      createCall(customer(token, SHOP), "{\"queue\":\"sales\"}").expectStatus().isUnauthorized();
    }
    // The well-formed one is accepted, so the refusals above are for what was forged.
    createCall(customer(forged(SECRET, claims -> claims.claim("wk", id)), SHOP), "{\"queue\":\"sales\"}")
        .expectStatus().isCreated();
  }

  @Test
  void theExchangeIsLimitedPerClientAddress() {
    String id = key(admin, null, SHOP);
    for (int i = 0; i < 5; i++) {
      exchange(id, SHOP).expectStatus().isOk();
    }

    exchange(id, SHOP).expectStatus().isEqualTo(429)
        .expectHeader().value("Retry-After", value -> assertThat(Long.parseLong(value)).isBetween(1L, 3600L))
        .expectBody()
        .jsonPath("$.status").isEqualTo(429)
        .jsonPath("$.message").value(message -> assertThat((String) message)
            .startsWith("Too many requests: widget token exchange is limited to 5 per 1h per client address"));
  }

  /** A token as the gateway would make one for this test's tenant, signed with {@code secret}, then changed. */
  private String forged(String secret, Consumer<JWTClaimsSet.Builder> change) {
    Instant now = Instant.now();
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer("switchboard-gateway").audience("switchboard")
        .subject("customer-" + UUID.randomUUID()).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
        .claim("tenant", tenant).claim("roles", List.of("customer"));
    change.accept(claims);
    return Hs256.sign(secret, claims.build());
  }
}
