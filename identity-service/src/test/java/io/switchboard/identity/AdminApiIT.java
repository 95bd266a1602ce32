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

  private static Http http() {
    return issuer.http();
  }

  private static String admin() {
    return issuer.adminToken();
  }

  @Test
  void anAdminCreatesReadsChangesAndDeletesALogin() {
    String username = "ana-" + UUID.randomUUID();
    Map<String, Object> created = Admins.createUser(http(), admin(), username, PASSWORD, List.of("agent"), "ana");
    assertThat(created).containsEntry("tenant", "default").containsEntry("roles", List.of("agent"))
        .containsEntry("agentId", "ana").containsEntry("enabled", true).doesNotContainKey("passwordHash");

    HttpResponse<String> changed = http().json("PATCH", "/api/v1/users/" + username, admin(),
        Map.of("roles", List.of("agent", "supervisor"), "displayName", "Ana"));
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(Http.json(changed.body())).containsEntry("roles", List.of("agent", "supervisor"))
        .containsEntry("displayName", "Ana").containsEntry("agentId", "ana");
    assertThat(Http.json(get(username, admin()).body())).containsEntry("displayName", "Ana");
    assertThat(list(admin())).contains(username, "admin");

    HttpResponse<String> deleted = http().json("DELETE", "/api/v1/users/" + username, admin(), null);
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(get(username, admin()).statusCode()).isEqualTo(404);
  }

  @Test
  void aNewPasswordReplacesTheOldOne() {
    String username = "pw-" + UUID.randomUUID();
    Admins.createUser(http(), admin(), username, PASSWORD, List.of("customer"), null);

    HttpResponse<String> set = http().json("PUT", "/api/v1/users/" + username + "/password", admin(),
        Map.of("password", "another-long-password"));

    assertThat(set.statusCode()).isEqualTo(204);
    assertThat(Tokens.passwordGrant(http(), username, "another-long-password").statusCode()).isEqualTo(200);
    assertThat(Tokens.passwordGrant(http(), username, PASSWORD).statusCode()).isEqualTo(400);
  }

  @Test
  void withoutATokenTheAnswerIs401InTheGatewaysErrorShape() {
    HttpResponse<String> response = http().json("GET", "/api/v1/users", null, null);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(Http.json(response.body())).containsEntry("status", 401).containsEntry("error", "Unauthorized")
        .containsEntry("path", "/api/v1/users").containsKey("message");
    assertThat(http().json("GET", "/api/v1/users", "not.a.token", null).statusCode()).isEqualTo(401);
  }

  @Test
  void aLoginWithoutTheAdminRoleAndAServiceGet403() {
    String username = "sup-" + UUID.randomUUID();
    Admins.createUser(http(), admin(), username, PASSWORD, List.of("supervisor"), null);
    String supervisor = Tokens.accessToken(http(), username, PASSWORD);
    String service = Tokens.ok(Tokens.clientCredentials(http(), "signaling-gateway", TestIssuer.SERVICE_SECRET))
        .get("access_token").toString();

    HttpResponse<String> bySupervisor = http().json("GET", "/api/v1/users", supervisor, null);
    HttpResponse<String> byService = http().json("POST", "/api/v1/users", service,
        Map.of("username", "x", "password", PASSWORD, "roles", List.of("admin")));

    assertThat(bySupervisor.statusCode()).isEqualTo(403);
    assertThat(Http.json(bySupervisor.body())).containsEntry("status", 403).containsEntry("error", "Forbidden");
    assertThat(byService.statusCode()).isEqualTo(403);
  }

  @Test
  void invalidFieldsAre400WithTheirMessages() {
    HttpResponse<String> response = http().json("POST", "/api/v1/users", admin(),
        Map.of("username", "no spaces", "password", "short", "roles", List.of()));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.json(response.body()).get("message").toString()).contains("username must match")
        .contains("password must be 12 to 200 characters").contains("roles must not be empty");
  }

  @Test
  void anAgentWithoutAgentIdAnUnknownRoleAndBadJsonAre400() {
    HttpResponse<String> noAgentId = http().json("POST", "/api/v1/users", admin(),
        Map.of("username", "agent-" + UUID.randomUUID(), "password", PASSWORD, "roles", List.of("agent")));
    HttpResponse<String> unknownRole = http().json("POST", "/api/v1/users", admin(),
        Map.of("username", "r-" + UUID.randomUUID(), "password", PASSWORD, "roles", List.of("service")));
    HttpResponse<String> badJson = http().json("POST", "/api/v1/users", admin(), "{\"username\":");

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
    Admins.createUser(http(), admin(), username, PASSWORD, List.of("agent"), agentId);

    HttpResponse<String> sameName = http().json("POST", "/api/v1/users", admin(),
        Map.of("username", username.toUpperCase(), "password", PASSWORD, "roles", List.of("customer")));
    HttpResponse<String> sameAgent = http().json("POST", "/api/v1/users", admin(),
        Map.of("username", "other-" + UUID.randomUUID(), "password", PASSWORD, "roles", List.of("agent"),
            "agentId", agentId));

    assertThat(sameName.statusCode()).isEqualTo(409);
    assertThat(Http.json(sameName.body()).get("message").toString()).contains("is taken");
    assertThat(sameAgent.statusCode()).isEqualTo(409);
    assertThat(Http.json(sameAgent.body()).get("message").toString()).contains(agentId);
  }

  @Test
  void anAdminCannotDeleteOrDemoteThemself() {
    assertThat(http().json("DELETE", "/api/v1/users/admin", admin(), null).statusCode()).isEqualTo(409);
    assertThat(http().json("PATCH", "/api/v1/users/admin", admin(), Map.of("roles", List.of("supervisor")))
        .statusCode()).isEqualTo(409);
  }

  @Test
  void anAdminOfAnotherTenantNeverSeesOrChangesThisTenantsLogins() {
    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    String otherAdmin = "boss-" + tenant;
    HttpResponse<String> createdTenant = http().json("POST", "/api/v1/tenants", admin(),
        Map.of("tenant", tenant, "admin", Map.of("username", otherAdmin, "password", PASSWORD)));
    assertThat(createdTenant.statusCode()).isEqualTo(201);
    String otherToken = Tokens.accessToken(http(), otherAdmin, PASSWORD);
    String mine = "mine-" + UUID.randomUUID();
    Admins.createUser(http(), admin(), mine, PASSWORD, List.of("customer"), null);
    String theirs = "theirs-" + UUID.randomUUID();
    Admins.createUser(http(), otherToken, theirs, PASSWORD, List.of("customer"), null);

    assertThat(Tokens.verified(http(), otherToken).getClaim("tenant")).isEqualTo(tenant);
    assertThat(list(otherToken)).containsExactlyInAnyOrder(otherAdmin, theirs);
    assertThat(list(admin())).contains(mine).doesNotContain(theirs, otherAdmin);
    assertThat(get(mine, otherToken).statusCode()).isEqualTo(404);
    assertThat(get(theirs, admin()).statusCode()).isEqualTo(404);
    assertThat(http().json("PATCH", "/api/v1/users/" + mine, otherToken, Map.of("enabled", false)).statusCode())
        .isEqualTo(404);
    assertThat(http().json("PUT", "/api/v1/users/" + mine + "/password", otherToken, Map.of("password", PASSWORD))
        .statusCode()).isEqualTo(404);
    assertThat(http().json("DELETE", "/api/v1/users/" + mine, otherToken, null).statusCode()).isEqualTo(404);
    assertThat(Http.json(get(mine, admin()).body())).containsEntry("enabled", true);
  }

  @Test
  void onlyAdminsOfTheBootstrapTenantCreateTenants() {
    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    http().json("POST", "/api/v1/tenants", admin(),
        Map.of("tenant", tenant, "admin", Map.of("username", "boss-" + tenant, "password", PASSWORD)));
    String otherToken = Tokens.accessToken(http(), "boss-" + tenant, PASSWORD);

    HttpResponse<String> byOther = http().json("POST", "/api/v1/tenants", otherToken,
        Map.of("tenant", "x-" + tenant, "admin", Map.of("username", "x-boss-" + tenant, "password", PASSWORD)));
    HttpResponse<String> again = http().json("POST", "/api/v1/tenants", admin(),
        Map.of("tenant", tenant, "admin", Map.of("username", "y-boss-" + tenant, "password", PASSWORD)));
    HttpResponse<String> badName = http().json("POST", "/api/v1/tenants", admin(),
        Map.of("tenant", "no/slashes", "admin", Map.of("username", "z-boss-" + tenant, "password", PASSWORD)));

    assertThat(byOther.statusCode()).isEqualTo(403);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(badName.statusCode()).isEqualTo(400);
    assertThat(Tokens.passwordGrant(http(), "y-boss-" + tenant, PASSWORD).statusCode()).isEqualTo(400);
  }

  private static HttpResponse<String> get(String username, String token) {
    return http().json("GET", "/api/v1/users/" + username, token, null);
  }

  private static List<Object> list(String token) {
    HttpResponse<String> response = http().json("GET", "/api/v1/users", token, null);
    assertThat(response.statusCode()).isEqualTo(200);
    return ((List<?>) Http.jsonValue(response.body())).stream().map(user -> ((Map<?, ?>) user).get("username"))
        .map(Object.class::cast).toList();
  }
}
