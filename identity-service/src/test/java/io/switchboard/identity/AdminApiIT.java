package io.switchboard.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.list;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AdminApiIT {

  private static final String PASSWORD = "a-long-enough-password";

  @RegisterExtension static final RunningIssuer issuer = new RunningIssuer();

  @Test
  void anAdminCreatesReadsChangesAndDeletesALogin() {
    String username = "ana-" + UUID.randomUUID();
    Map<String, Object> created = issuer.createUser(username, PASSWORD, List.of("agent"), "ana");
    assertThat(created).containsEntry("tenant", "default").containsEntry("roles", List.of("agent"))
        .containsEntry("agentId", "ana").containsEntry("enabled", true).doesNotContainKey("passwordHash");

    HttpResponse<String> changed = issuer.asAdmin("PATCH", "/api/v1/users/" + username,
        Map.of("roles", List.of("agent", "supervisor"), "displayName", "Ana"));
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(Http.json(changed.body())).containsEntry("roles", List.of("agent", "supervisor"))
        .containsEntry("displayName", "Ana").containsEntry("agentId", "ana");
    assertThat(Http.json(get(username, issuer.adminToken()).body())).containsEntry("displayName", "Ana");
    assertThat(list(issuer.adminToken())).contains(username, "admin");

    HttpResponse<String> deleted = issuer.asAdmin("DELETE", "/api/v1/users/" + username, null);
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(get(username, issuer.adminToken()).statusCode()).isEqualTo(404);
  }

  @Test
  void aNewPasswordReplacesTheOldOne() {
    String username = "pw-" + UUID.randomUUID();
    issuer.createUser(username, PASSWORD, List.of("customer"), null);

    HttpResponse<String> set = issuer.asAdmin("PUT", "/api/v1/users/" + username + "/password",
        Map.of("password", "another-long-password"));

    assertThat(set.statusCode()).isEqualTo(204);
    assertThat(Tokens.passwordGrant(issuer.http(), username, "another-long-password").statusCode()).isEqualTo(200);
    assertThat(Tokens.passwordGrant(issuer.http(), username, PASSWORD).statusCode()).isEqualTo(400);
  }

  @Test
  void withoutATokenTheAnswerIs401InTheGatewaysErrorShape() {
    HttpResponse<String> response = issuer.http().json("GET", "/api/v1/users", null, null);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(Http.json(response.body())).containsEntry("status", 401).containsEntry("error", "Unauthorized")
        .containsEntry("path", "/api/v1/users").containsKey("message");
    assertThat(issuer.http().json("GET", "/api/v1/users", "not.a.token", null).statusCode()).isEqualTo(401);
  }

  @Test
  void aLoginWithoutTheAdminRoleAndAServiceGet403() {
    String username = "sup-" + UUID.randomUUID();
    issuer.createUser(username, PASSWORD, List.of("supervisor"), null);
    String supervisor = Tokens.accessToken(issuer.http(), username, PASSWORD);
    String service = Tokens.ok(Tokens.clientCredentials(issuer.http(), "signaling-gateway", TestIssuer.SERVICE_SECRET))
        .get("access_token").toString();

    HttpResponse<String> bySupervisor = issuer.http().json("GET", "/api/v1/users", supervisor, null);
    HttpResponse<String> byService = issuer.http().json("POST", "/api/v1/users", service,
        Map.of("username", "x", "password", PASSWORD, "roles", List.of("admin")));

    assertThat(bySupervisor.statusCode()).isEqualTo(403);
    assertThat(Http.json(bySupervisor.body())).containsEntry("status", 403).containsEntry("error", "Forbidden");
    assertThat(byService.statusCode()).isEqualTo(403);
  }

  @Test
  void invalidFieldsAre400WithTheirMessages() {
    HttpResponse<String> response = issuer.asAdmin("POST", "/api/v1/users",
        Map.of("username", "no spaces", "password", "short", "roles", List.of()));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.json(response.body()).get("message").toString()).contains("username must match")
        .contains("password must be 12 to 200 characters").contains("roles must not be empty");
  }

  @Test
  void anAgentWithoutAgentIdAnUnknownRoleAndBadJsonAre400() {
    HttpResponse<String> noAgentId = issuer.asAdmin("POST", "/api/v1/users",
        Map.of("username", "agent-" + UUID.randomUUID(), "password", PASSWORD, "roles", List.of("agent")));
    HttpResponse<String> unknownRole = issuer.asAdmin("POST", "/api/v1/users",
        Map.of("username", "r-" + UUID.randomUUID(), "password", PASSWORD, "roles", List.of("service")));
    HttpResponse<String> badJson = issuer.asAdmin("POST", "/api/v1/users", "{\"username\":");

    assertThat(noAgentId.statusCode()).isEqualTo(400);
    assertThat(Http.json(noAgentId.body()).get("message").toString()).contains("agentId");
    assertThat(unknownRole.statusCode()).isEqualTo(400);
    assertThat(Http.json(unknownRole.body()).get("message").toString()).contains("unknown role 'service'");
    assertThat(badJson.statusCode()).isEqualTo(400);
    assertThat(Http.json(badJson.body())).containsEntry("path", "/api/v1/users");
  }

  @Test
  void aTakenUsernameOrAgentIdIs409() {
    String username = "dup-" + UUID.randomUUID();
    String agentId = "agent-" + UUID.randomUUID();
    issuer.createUser(username, PASSWORD, List.of("agent"), agentId);

    HttpResponse<String> sameName = issuer.asAdmin("POST", "/api/v1/users",
        Map.of("username", username.toUpperCase(), "password", PASSWORD, "roles", List.of("customer")));
    HttpResponse<String> sameAgent = issuer.asAdmin("POST", "/api/v1/users",
        Map.of("username", "other-" + UUID.randomUUID(), "password", PASSWORD, "roles", List.of("agent"),
            "agentId", agentId));

    assertThat(sameName.statusCode()).isEqualTo(409);
    assertThat(Http.json(sameName.body()).get("message").toString()).contains("is taken");
    assertThat(sameAgent.statusCode()).isEqualTo(409);
    assertThat(Http.json(sameAgent.body()).get("message").toString()).contains(agentId);
  }

  @Test
  void anAdminCannotDeleteOrDemoteThemself() {
    assertThat(issuer.asAdmin("DELETE", "/api/v1/users/admin", null).statusCode()).isEqualTo(409);
    assertThat(issuer.asAdmin("PATCH", "/api/v1/users/admin", Map.of("roles", List.of("supervisor")))
        .statusCode()).isEqualTo(409);
  }

  @Test
  void anAdminOfAnotherTenantNeverSeesOrChangesThisTenantsLogins() {
    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    String otherAdmin = "boss-" + tenant;
    HttpResponse<String> createdTenant = issuer.asAdmin("POST", "/api/v1/tenants",
        Map.of("tenant", tenant, "admin", Map.of("username", otherAdmin, "password", PASSWORD)));
    assertThat(createdTenant.statusCode()).isEqualTo(201);
    String otherToken = Tokens.accessToken(issuer.http(), otherAdmin, PASSWORD);
    String mine = "mine-" + UUID.randomUUID();
    issuer.createUser(mine, PASSWORD, List.of("customer"), null);
    String theirs = "theirs-" + UUID.randomUUID();
    issuer.createUser(otherToken, theirs, PASSWORD, List.of("customer"), null);

    assertThat(Tokens.verified(issuer.http(), otherToken).getClaim("tenant")).isEqualTo(tenant);
    assertThat(list(otherToken)).containsExactlyInAnyOrder(otherAdmin, theirs);
    assertThat(list(issuer.adminToken())).contains(mine).doesNotContain(theirs, otherAdmin);
    assertThat(get(mine, otherToken).statusCode()).isEqualTo(404);
    assertThat(get(theirs, issuer.adminToken()).statusCode()).isEqualTo(404);
    assertThat(issuer.http().json("PATCH", "/api/v1/users/" + mine, otherToken, Map.of("enabled", false)).statusCode())
        .isEqualTo(404);
    assertThat(issuer.http().json("PUT", "/api/v1/users/" + mine + "/password", otherToken,
        Map.of("password", PASSWORD))
        .statusCode()).isEqualTo(404);
    assertThat(issuer.http().json("DELETE", "/api/v1/users/" + mine, otherToken, null).statusCode()).isEqualTo(404);
    assertThat(Http.json(get(mine, issuer.adminToken()).body())).containsEntry("enabled", true);
  }

  @Test
  void onlyAdminsOfTheBootstrapTenantCreateTenants() {
    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    issuer.asAdmin("POST", "/api/v1/tenants",
        Map.of("tenant", tenant, "admin", Map.of("username", "boss-" + tenant, "password", PASSWORD)));
    String otherToken = Tokens.accessToken(issuer.http(), "boss-" + tenant, PASSWORD);

    HttpResponse<String> byOther = issuer.http().json("POST", "/api/v1/tenants", otherToken,
        Map.of("tenant", "x-" + tenant, "admin", Map.of("username", "x-boss-" + tenant, "password", PASSWORD)));
    HttpResponse<String> again = issuer.asAdmin("POST", "/api/v1/tenants",
        Map.of("tenant", tenant, "admin", Map.of("username", "y-boss-" + tenant, "password", PASSWORD)));
    HttpResponse<String> badName = issuer.asAdmin("POST", "/api/v1/tenants",
        Map.of("tenant", "no/slashes", "admin", Map.of("username", "z-boss-" + tenant, "password", PASSWORD)));

    assertThat(byOther.statusCode()).isEqualTo(403);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(badName.statusCode()).isEqualTo(400);
    assertThat(Tokens.passwordGrant(issuer.http(), "y-boss-" + tenant, PASSWORD).statusCode()).isEqualTo(400);
  }

  private static HttpResponse<String> get(String username, String token) {
    return issuer.http().json("GET", "/api/v1/users/" + username, token, null);
  }

  private static List<Object> list(String token) {
    HttpResponse<String> response = issuer.http().json("GET", "/api/v1/users", token, null);
    assertThat(response.statusCode()).isEqualTo(200);
    return ((List<?>) Http.jsonValue(response.body())).stream().map(user -> ((Map<?, ?>) user).get("username"))
        .map(Object.class::cast).toList();
  }
}
