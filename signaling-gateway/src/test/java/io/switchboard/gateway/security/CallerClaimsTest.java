package io.switchboard.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class CallerClaimsTest {

  private static final CallerClaims DEFAULTS = new CallerClaims(new SecurityProperties.Claims("tenant", "roles", "agent_id"));

  private static Jwt jwt(Consumer<Jwt.Builder> claims) {
    Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256").subject("u1")
        .issuedAt(Instant.EPOCH).expiresAt(Instant.EPOCH.plusSeconds(60));
    claims.accept(builder);
    return builder.build();
  }

  @Test
  void theCallerComesFromTheConfiguredClaimsAndUnknownRolesAreIgnored() {
    Jwt token = jwt(c -> c.claim("tenant", "acme").claim("roles", List.of("agent", "Supervisor", "janitor"))
        .claim("agent_id", "a1"));

    assertThat(DEFAULTS.validate(token).hasErrors()).isFalse();
    assertThat(DEFAULTS.caller(token)).isEqualTo(new Caller("acme", "u1", Set.of(Role.AGENT, Role.SUPERVISOR), "a1"));
  }

  @Test
  void keycloakStyleNestedRolesAndNamespacedClaimsAreRead() {
    CallerClaims keycloak = new CallerClaims(
        new SecurityProperties.Claims("https://switchboard.example/tenant", "realm_access.roles", "ext.agent"));
    Jwt token = jwt(c -> c.claim("https://switchboard.example/tenant", "acme")
        .claim("realm_access", Map.of("roles", List.of("offline_access", "admin")))
        .claim("ext", Map.of("agent", "a7")));

    assertThat(keycloak.caller(token)).isEqualTo(new Caller("acme", "u1", Set.of(Role.ADMIN), "a7"));
  }

  @Test
  void anApiKeysTokenIsACallerWithTheKeysRolesAndNoAgentId() {
    // As the project's issuer makes it for a key: the client id as subject, no username, no agent id.
    Jwt token = Jwt.withTokenValue("t").header("alg", "RS256").subject("apikey-0123456789abcdef01234567")
        .issuedAt(Instant.EPOCH).expiresAt(Instant.EPOCH.plusSeconds(60))
        .claim("tenant", "acme").claim("roles", List.of("admin", "supervisor")).build();

    assertThat(DEFAULTS.validate(token).hasErrors()).isFalse();
    assertThat(DEFAULTS.caller(token)).isEqualTo(
        new Caller("acme", "apikey-0123456789abcdef01234567", Set.of(Role.ADMIN, Role.SUPERVISOR), null));
  }

  @Test
  void rolesMayBeOneSpaceOrCommaSeparatedString() {
    Jwt token = jwt(c -> c.claim("tenant", "acme").claim("roles", "customer, supervisor"));
    assertThat(DEFAULTS.caller(token).roles()).containsExactlyInAnyOrder(Role.CUSTOMER, Role.SUPERVISOR);
  }

  @Test
  void aTokenWithoutAValidTenantOrAnAgentWithoutAnIdIsInvalid() {
    assertThat(DEFAULTS.validate(jwt(c -> c.claim("roles", List.of("admin")))).getErrors())
        .singleElement().satisfies(e -> assertThat(e.getDescription()).isEqualTo("The token has no tenant claim 'tenant'"));
    assertThat(DEFAULTS.validate(jwt(c -> c.claim("tenant", "no spaces!"))).hasErrors()).isTrue();
    assertThat(DEFAULTS.validate(jwt(c -> c.claim("tenant", 42))).hasErrors()).isTrue();
    assertThat(DEFAULTS.validate(jwt(c -> c.claim("tenant", "acme").claim("roles", List.of("agent")))).getErrors())
        .singleElement().satisfies(e -> assertThat(e.getDescription()).contains("agent_id"));
    assertThat(DEFAULTS.validate(jwt(c -> c.claim("tenant", "acme").claim("agent_id", "a b"))).hasErrors()).isTrue();
  }

  @Test
  void theWebSocketTokenIsTheBearerEntryOfTheOfferedSubprotocols() {
    assertThat(BearerTokens.token(List.of("switchboard.v1, bearer.aaa.bbb.ccc"))).isEqualTo("aaa.bbb.ccc");
    assertThat(BearerTokens.token(List.of("switchboard.v1", "bearer.x.y.z"))).isEqualTo("x.y.z");
    assertThat(BearerTokens.token(List.of("switchboard.v1", "bearer."))).isNull();
    assertThat(BearerTokens.token(List.of())).isNull();
  }
}
