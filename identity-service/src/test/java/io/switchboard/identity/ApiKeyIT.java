package io.switchboard.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import io.switchboard.schemas.avro.AuditAction;
import io.switchboard.schemas.avro.AuditEvent;
import io.switchboard.schemas.avro.AuditOutcome;
import io.switchboard.schemas.avro.AuditTargetKind;
import io.switchboard.schemas.topics.Topics;
import io.switchboard.testsupport.EventLog;
import io.switchboard.testsupport.SharedPostgres;
import io.switchboard.testsupport.TestDatabase;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/** API keys: made by a tenant's admin, traded for tokens with client credentials, revoked, audited. */
class ApiKeyIT {

  private static final String PASSWORD = "a-long-enough-password";
  private static final int MAX_PER_TENANT = 10;
  private static final Duration WAIT = Duration.ofSeconds(60);

  @RegisterExtension static final RunningIssuer issuer =
      new RunningIssuer("--switchboard.identity.api-keys.max-per-tenant=" + MAX_PER_TENANT);
  private static EventLog<AuditEvent> audit;

  @TempDir Path data;

  @BeforeAll
  static void readAudit() {
    audit = EventLog.of(Topics.AUDIT_EVENTS);
  }

  @AfterAll
  static void stopReading() {
    audit.close();
  }

  @Test
  void anAdminsKeyGetsTokensForItsTenantAndRoles() throws Exception {
    HttpResponse<String> created = issuer.asAdmin("POST", "/api/v1/api-keys",
        Map.of("name", "CRM sync", "roles", List.of("supervisor")));

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    Map<String, Object> key = Http.json(created.body());
    String clientId = key.get("clientId").toString();
    String secret = key.get("clientSecret").toString();
    assertThat(clientId).startsWith("apikey-");
    assertThat(secret).hasSizeGreaterThanOrEqualTo(40);
    assertThat(key).containsEntry("name", "CRM sync").containsEntry("roles", List.of("supervisor"))
        .containsEntry("createdBy", "admin");
    assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/api-keys/" + clientId);
    assertThat(created.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
    String hash = jdbc().queryForObject("SELECT secret_hash FROM api_keys WHERE client_id = ?", String.class, clientId);
    assertThat(hash).startsWith("{bcrypt}").doesNotContain(secret);

    Map<String, Object> token = Tokens.ok(Tokens.clientCredentials(issuer.http(), clientId, secret));
    JWTClaimsSet claims = Tokens.verified(issuer.http(), token.get("access_token").toString());

    assertThat(claims.getSubject()).isEqualTo(clientId);
    assertThat(claims.getStringClaim("tenant")).isEqualTo("default");
    assertThat(claims.getStringListClaim("roles")).containsExactly("supervisor");
    assertThat(claims.getAudience()).containsExactly("switchboard");
    assertThat(claims.getIssuer()).isEqualTo(issuer.url());
    assertThat(claims.getClaims()).doesNotContainKeys("preferred_username", "agent_id");
    assertThat(token).doesNotContainKey("refresh_token");
    // The secret may travel in the form too, as for the service clients.
    assertThat(issuer.http().postForm("/oauth2/token", Map.of("grant_type", "client_credentials",
        "client_id", clientId, "client_secret", secret)).statusCode()).isEqualTo(200);

    HttpResponse<String> listed = issuer.asAdmin("GET", "/api/v1/api-keys", null);
    assertThat(listed.statusCode()).isEqualTo(200);
    assertThat(listed.body()).doesNotContain(secret).doesNotContain("clientSecret").doesNotContain("{bcrypt}");
    Map<String, Object> shown = keyIn(listed, clientId);
    assertThat(shown).containsEntry("name", "CRM sync").containsEntry("roles", List.of("supervisor"))
        .containsEntry("createdBy", "admin").containsEntry("expiresAt", null);
    assertThat(shown.get("createdAt")).isNotNull();
    assertThat(shown.get("lastUsedAt")).as("set by the token request").isNotNull();
  }

  @Test
  void theServiceClientsKeepTheirServiceRole() throws Exception {
    String service = Tokens.ok(Tokens.clientCredentials(issuer.http(), "signaling-gateway", TestIssuer.SERVICE_SECRET))
        .get("access_token").toString();

    JWTClaimsSet claims = Tokens.verified(issuer.http(), service);
    assertThat(claims.getStringListClaim("roles")).containsExactly("service");
    assertThat(claims.getClaims()).doesNotContainKey("tenant");
  }

  @Test
  void aKeyCanUseNoOtherGrant() {
    Map<String, Object> key = create(issuer.adminToken(), "grants", List.of("admin"));
    String clientId = key.get("clientId").toString();
    String secret = key.get("clientSecret").toString();
    String basic = "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes());

    HttpResponse<String> password = issuer.http().postForm("/oauth2/token", Map.of("grant_type", "password",
        "username", "admin", "password", issuer.adminPassword()), "Authorization", basic);
    HttpResponse<String> refresh = issuer.http().postForm("/oauth2/token", Map.of("grant_type", "refresh_token",
        "refresh_token", "anything"), "Authorization", basic);
    HttpResponse<String> code = issuer.http().postForm("/oauth2/token", Map.of("grant_type", "authorization_code",
        "code", "anything", "redirect_uri", "http://127.0.0.1:9/callback"), "Authorization", basic);
    HttpResponse<String> scoped = issuer.http().postForm("/oauth2/token", Map.of("grant_type", "client_credentials",
        "scope", "openid"), "Authorization", basic);
    String ownToken = Tokens.ok(Tokens.clientCredentials(issuer.http(), clientId, secret)).get("access_token")
        .toString();
    HttpResponse<String> exchange = issuer.http().postForm("/oauth2/token", Map.of(
        "grant_type", "urn:ietf:params:oauth:grant-type:token-exchange", "subject_token", ownToken,
        "subject_token_type", "urn:ietf:params:oauth:token-type:access_token"), "Authorization", basic);
    HttpResponse<String> device = issuer.http().postForm("/oauth2/device_authorization", Map.of(),
        "Authorization", basic);
    HttpResponse<String> asPublic = issuer.http().postForm("/oauth2/token", Map.of("grant_type", "password",
        "client_id", clientId, "username", "admin", "password", issuer.adminPassword()));

    assertThat(password.statusCode()).as(password.body()).isEqualTo(400);
    assertThat(Http.json(password.body())).containsEntry("error", "unauthorized_client");
    assertThat(exchange.statusCode()).as(exchange.body()).isEqualTo(400);
    assertThat(Http.json(exchange.body())).containsEntry("error", "unauthorized_client");
    // A key is never given a refresh token or a code, so there is none to present.
    assertThat(refresh.statusCode()).as(refresh.body()).isEqualTo(400);
    assertThat(Http.json(refresh.body())).containsEntry("error", "invalid_grant");
    assertThat(code.statusCode()).as(code.body()).isEqualTo(400);
    assertThat(Http.json(code.body())).containsEntry("error", "invalid_grant");
    assertThat(device.statusCode()).as("no device flow: " + device.body()).isEqualTo(404);
    assertThat(scoped.statusCode()).as(scoped.body()).isEqualTo(400);
    assertThat(Http.json(scoped.body())).containsEntry("error", "invalid_scope");
    assertThat(asPublic.statusCode()).as(asPublic.body()).isEqualTo(401);
    assertThat(Http.json(asPublic.body())).containsEntry("error", "invalid_client");
  }

  @Test
  void aLoginWithoutTheAdminRoleGets403AndItsAttemptsAreAudited() {
    String username = "sup-" + UUID.randomUUID();
    issuer.createUser(username, PASSWORD, List.of("supervisor", "agent"), "agent-" + username);
    String supervisor = Tokens.accessToken(issuer.http(), username, PASSWORD);
    String clientId = create(issuer.adminToken(), "kept", List.of("supervisor")).get("clientId").toString();

    HttpResponse<String> created = issuer.http().json("POST", "/api/v1/api-keys", supervisor,
        Map.of("name", "by-" + username, "roles", List.of("admin")));
    HttpResponse<String> listed = issuer.http().json("GET", "/api/v1/api-keys", supervisor, null);
    HttpResponse<String> revoked = issuer.http().json("DELETE", "/api/v1/api-keys/" + clientId, supervisor, null);

    assertThat(List.of(created, listed, revoked)).allSatisfy(answer -> {
      assertThat(answer.statusCode()).isEqualTo(403);
      assertThat(Http.json(answer.body())).containsEntry("status", 403).containsEntry("error", "Forbidden");
    });
    AuditEvent refusedCreate = audit.await(event -> event.getAction() == AuditAction.API_KEY_CREATED
        && "by-".concat(username).equals(event.getDetails().get("name")), WAIT);
    assertThat(refusedCreate.getOutcome()).isEqualTo(AuditOutcome.REFUSED);
    assertThat(refusedCreate.getReason()).isEqualTo("forbidden");
    assertThat(refusedCreate.getTarget().getKind()).isEqualTo(AuditTargetKind.API_KEY);
    assertThat(refusedCreate.getTarget().getId()).startsWith("apikey-");
    assertThat(refusedCreate.getActor().getRoles()).containsExactlyInAnyOrder("agent", "supervisor");
    AuditEvent refusedRevoke = audit.await(event -> event.getAction() == AuditAction.API_KEY_REVOKED
        && event.getTarget().getId().equals(clientId), WAIT);
    assertThat(refusedRevoke.getOutcome()).isEqualTo(AuditOutcome.REFUSED);
    assertThat(refusedRevoke.getReason()).isEqualTo("forbidden");
    assertThat(listedIds(issuer.asAdmin("GET", "/api/v1/api-keys", null))).contains(clientId);
  }

  @Test
  void anotherTenantsAdminNeitherSeesNorRevokesTheKey() {
    Map<String, Object> key = create(issuer.adminToken(), "tenant-scoped", List.of("supervisor"));
    String clientId = key.get("clientId").toString();
    String otherAdmin = tenantAdmin();

    HttpResponse<String> listed = issuer.http().json("GET", "/api/v1/api-keys", otherAdmin, null);
    HttpResponse<String> revoked = issuer.http().json("DELETE", "/api/v1/api-keys/" + clientId, otherAdmin, null);

    assertThat(listed.statusCode()).isEqualTo(200);
    assertThat(listedIds(listed)).doesNotContain(clientId);
    assertThat(revoked.statusCode()).isEqualTo(404);
    assertThat(Http.json(revoked.body())).containsEntry("status", 404)
        .containsEntry("path", "/api/v1/api-keys/" + clientId);
    assertThat(Tokens.clientCredentials(issuer.http(), clientId, key.get("clientSecret").toString()).statusCode())
        .as("the key still works").isEqualTo(200);
    AuditEvent notFound = audit.await(event -> event.getAction() == AuditAction.API_KEY_REVOKED
        && event.getTarget().getId().equals(clientId) && event.getOutcome() == AuditOutcome.REFUSED, WAIT);
    assertThat(notFound.getReason()).isEqualTo("not_found");
    assertThat(notFound.getTenantId()).isNotEqualTo("default");
  }

  @Test
  void aRevokedKeyGetsNoTokenAndTheAuditHasBothEventsWithoutTheSecret() throws Exception {
    Map<String, Object> key = create(issuer.adminToken(), "to revoke", List.of("admin", "supervisor"));
    String clientId = key.get("clientId").toString();
    String secret = key.get("clientSecret").toString();
    String keyToken = Tokens.ok(Tokens.clientCredentials(issuer.http(), clientId, secret)).get("access_token")
        .toString();
    assertThat(introspect(keyToken)).containsEntry("active", true);
    String adminSubject = Tokens.verified(issuer.http(), issuer.adminToken()).getSubject();

    HttpResponse<String> revoked = issuer.asAdmin("DELETE", "/api/v1/api-keys/" + clientId, null);

    assertThat(revoked.statusCode()).isEqualTo(204);
    HttpResponse<String> refused = Tokens.clientCredentials(issuer.http(), clientId, secret);
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(Http.json(refused.body())).containsEntry("error", "invalid_client");
    assertThat(listedIds(issuer.asAdmin("GET", "/api/v1/api-keys", null))).doesNotContain(clientId);
    assertThat(issuer.asAdmin("DELETE", "/api/v1/api-keys/" + clientId, null).statusCode()).isEqualTo(404);
    assertThat(jdbc().queryForObject("SELECT count(*) FROM oauth2_authorization WHERE registered_client_id = ?",
        Integer.class, clientId)).as("its stored authorizations go with it").isZero();
    assertThat(introspect(keyToken)).containsEntry("active", false);

    List<AuditEvent> events = audit.awaitAll(event -> event.getTarget().getId().equals(clientId), 3, WAIT);
    assertThat(events).extracting(AuditEvent::getAction, AuditEvent::getOutcome).containsExactly(
        org.assertj.core.groups.Tuple.tuple(AuditAction.API_KEY_CREATED, AuditOutcome.SUCCEEDED),
        org.assertj.core.groups.Tuple.tuple(AuditAction.API_KEY_REVOKED, AuditOutcome.SUCCEEDED),
        org.assertj.core.groups.Tuple.tuple(AuditAction.API_KEY_REVOKED, AuditOutcome.REFUSED));
    assertThat(events).allSatisfy(event -> {
      assertThat(event.getTenantId()).isEqualTo("default");
      assertThat(event.getTarget().getKind()).isEqualTo(AuditTargetKind.API_KEY);
      assertThat(event.getActor().getSubject()).isEqualTo(adminSubject);
      assertThat(event.getClientAddress()).isEqualTo("127.0.0.1");
    });
    assertThat(events.get(0).getDetails()).containsEntry("name", "to revoke").containsEntry("roles", "admin,supervisor");
    assertThat(audit.seen()).isNotEmpty().allSatisfy(record -> assertThat(String.valueOf(record.value()))
        .doesNotContain(secret).doesNotContain("{bcrypt}"));
  }

  @Test
  void aTokenOfAKeyGoneBeforeItsAuthorizationIntrospectsAsInactive() {
    Map<String, Object> key = create(issuer.adminToken(), "raced", List.of("supervisor"));
    String clientId = key.get("clientId").toString();
    String keyToken = Tokens.ok(Tokens.clientCredentials(issuer.http(), clientId, key.get("clientSecret").toString()))
        .get("access_token").toString();

    // What a revocation leaves when it falls between a token's issue and the saving of its authorization.
    jdbc().update("DELETE FROM api_keys WHERE client_id = ?", clientId);

    assertThat(introspect(keyToken)).containsEntry("active", false);
  }

  @Test
  void aKeyAskingForRoleServiceOrAgentOrWithBadFieldsIs400() {
    Map<String, Map<String, Object>> bodies = new LinkedHashMap<>();
    bodies.put("roles[0]", Map.of("name", "svc", "roles", List.of("service")));
    bodies.put("roles[1]", Map.of("name", "agt", "roles", List.of("supervisor", "agent")));
    bodies.put("roles must not be empty", Map.of("name", "none", "roles", List.of()));
    bodies.put("name must not be blank", Map.of("roles", List.of("admin")));
    bodies.put("expiresAt must be in the future", Map.of("name", "old", "roles", List.of("admin"),
        "expiresAt", "2020-01-01T00:00:00Z"));

    bodies.forEach((message, body) -> {
      HttpResponse<String> answer = issuer.asAdmin("POST", "/api/v1/api-keys", body);
      assertThat(answer.statusCode()).as(message + ": " + answer.body()).isEqualTo(400);
      assertThat(Http.json(answer.body())).containsEntry("status", 400).containsEntry("error", "Bad Request")
          .containsEntry("path", "/api/v1/api-keys");
      assertThat(Http.json(answer.body()).get("message").toString()).contains(message);
    });
    assertThat(Http.json(issuer.asAdmin("POST", "/api/v1/api-keys", bodies.get("roles[0]")).body())
        .get("message").toString()).contains("must be supervisor or admin");
  }

  @Test
  void aTenantHoldsAtMostTheConfiguredNumberOfKeys() {
    String admin = tenantAdmin();
    for (int i = 0; i < MAX_PER_TENANT; i++) {
      create(admin, "key " + i, List.of("supervisor"));
    }

    HttpResponse<String> oneMore = issuer.http().json("POST", "/api/v1/api-keys", admin,
        Map.of("name", "one too many", "roles", List.of("supervisor")));

    assertThat(oneMore.statusCode()).as(oneMore.body()).isEqualTo(409);
    assertThat(Http.json(oneMore.body()).get("message").toString()).contains("holds " + MAX_PER_TENANT + " API keys");
    assertThat(issuer.http().json("GET", "/api/v1/api-keys", admin, null).body()).doesNotContain("one too many");
    AuditEvent refused = audit.await(event -> event.getAction() == AuditAction.API_KEY_CREATED
        && "one too many".equals(event.getDetails().get("name")), WAIT);
    assertThat(refused.getOutcome()).isEqualTo(AuditOutcome.REFUSED);
    assertThat(refused.getReason()).isEqualTo("conflict");
  }

  @Test
  void anApiKeyCannotManageApiKeysButMayManageLogins() {
    Map<String, Object> key = create(issuer.adminToken(), "admin script", List.of("admin"));
    String keyToken = Tokens.ok(Tokens.clientCredentials(issuer.http(), key.get("clientId").toString(),
        key.get("clientSecret").toString())).get("access_token").toString();

    HttpResponse<String> created = issuer.http().json("POST", "/api/v1/api-keys", keyToken,
        Map.of("name", "successor", "roles", List.of("admin")));
    HttpResponse<String> listed = issuer.http().json("GET", "/api/v1/api-keys", keyToken, null);
    HttpResponse<String> revoked = issuer.http().json("DELETE", "/api/v1/api-keys/" + key.get("clientId"),
        keyToken, null);
    HttpResponse<String> logins = issuer.http().json("GET", "/api/v1/users", keyToken, null);

    assertThat(created.statusCode()).as(created.body()).isEqualTo(403);
    assertThat(listed.statusCode()).isEqualTo(403);
    assertThat(revoked.statusCode()).isEqualTo(403);
    assertThat(logins.statusCode()).isEqualTo(200);
    assertThat(logins.body()).contains("\"admin\"");
  }

  @Test
  void anExpiredKeyGetsNoTokenAndAKeysTokenEndsNoLaterThanIt() throws Exception {
    Instant expires = Instant.now().plus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
    Map<String, Object> key = create(issuer.adminToken(), Map.of("name", "short-lived",
        "roles", List.of("supervisor"), "expiresAt", expires.toString()));
    String clientId = key.get("clientId").toString();
    String secret = key.get("clientSecret").toString();
    assertThat(key).containsEntry("expiresAt", expires.toString());

    JWTClaimsSet claims = Tokens.verified(issuer.http(), Tokens.ok(Tokens.clientCredentials(issuer.http(), clientId,
        secret)).get("access_token").toString());
    assertThat(claims.getExpirationTime().toInstant()).isEqualTo(expires);

    jdbc().update("UPDATE api_keys SET expires_at = now() - interval '1 minute' WHERE client_id = ?", clientId);
    HttpResponse<String> refused = Tokens.clientCredentials(issuer.http(), clientId, secret);
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(Http.json(refused.body())).containsEntry("error", "invalid_client");
  }

  @Test
  void aKeySurvivesARestart() {
    TestDatabase database = SharedPostgres.newDatabase("identity_apikey_restart");
    Path passwordFile = data.resolve("initialAdminPassword");
    String clientId;
    String secret;
    try (TestIssuer first = TestIssuer.start(database, passwordFile)) {
      Http http = new Http(first.url());
      String admin = Tokens.accessToken(http, "admin", first.context()
          .getBean(io.switchboard.identity.firststart.InitialAdmin.class).generatedPassword().orElseThrow());
      HttpResponse<String> created = http.json("POST", "/api/v1/api-keys", admin,
          Map.of("name", "durable", "roles", List.of("supervisor")));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      clientId = Http.json(created.body()).get("clientId").toString();
      secret = Http.json(created.body()).get("clientSecret").toString();
    }

    try (TestIssuer second = TestIssuer.start(database, passwordFile)) {
      Http http = new Http(second.url());
      assertThat(Tokens.ok(Tokens.clientCredentials(http, clientId, secret))).containsKey("access_token");
    }
  }

  /** The introspection endpoint's answer about a token, asked by the gateway's service client. */
  private static Map<String, Object> introspect(String token) {
    String basic = Base64.getEncoder().encodeToString(("signaling-gateway:" + TestIssuer.SERVICE_SECRET).getBytes());
    HttpResponse<String> answer = issuer.http().postForm("/oauth2/introspect", Map.of("token", token),
        "Authorization", "Basic " + basic);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return Http.json(answer.body());
  }

  private static Map<String, Object> create(String adminToken, String name, List<String> roles) {
    return create(adminToken, Map.of("name", name, "roles", roles));
  }

  private static Map<String, Object> create(String adminToken, Map<String, Object> body) {
    HttpResponse<String> created = issuer.http().json("POST", "/api/v1/api-keys", adminToken, body);
    if (created.statusCode() != 201) {
      throw new AssertionError("Creating a key answered " + created.statusCode() + ": " + created.body());
    }
    return Http.json(created.body());
  }

  /** The token of the first admin of a new tenant. */
  private static String tenantAdmin() {
    String tenant = "k" + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<String> created = issuer.asAdmin("POST", "/api/v1/tenants",
        Map.of("tenant", tenant, "admin", Map.of("username", tenant + "-admin", "password", PASSWORD)));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return Tokens.accessToken(issuer.http(), tenant + "-admin", PASSWORD);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> listed(HttpResponse<String> answer) {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return (List<Map<String, Object>>) Http.jsonValue(answer.body());
  }

  private static List<String> listedIds(HttpResponse<String> answer) {
    return listed(answer).stream().map(key -> key.get("clientId").toString()).toList();
  }

  private static Map<String, Object> keyIn(HttpResponse<String> answer, String clientId) {
    return listed(answer).stream().filter(key -> clientId.equals(key.get("clientId"))).findFirst()
        .orElseThrow(() -> new AssertionError("No key " + clientId + " in " + answer.body()));
  }

  private static JdbcTemplate jdbc() {
    return issuer.context().getBean(JdbcTemplate.class);
  }
}
