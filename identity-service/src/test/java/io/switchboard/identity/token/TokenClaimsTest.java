package io.switchboard.identity.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.identity.user.Role;
import io.switchboard.identity.user.UserAccount;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;

class TokenClaimsTest {

  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private final UserAccount agent = user("ana", EnumSet.of(Role.AGENT, Role.SUPERVISOR), "agent-7", true);
  private final UserAccount customer = user("carl", EnumSet.of(Role.CUSTOMER), "stale-agent-id", true);
  private final UserAccount disabled = user("dora", EnumSet.of(Role.ADMIN), null, false);
  private final TokenClaims claims = new TokenClaims(
      username -> Optional.ofNullable(Map.of("ana", agent, "carl", customer, "dora", disabled).get(username)),
      "switchboard");

  @Test
  void anAgentsAccessTokenCarriesItsIdTenantRolesAndAgentId() {
    Map<String, Object> made = customize(OAuth2TokenType.ACCESS_TOKEN, AuthorizationGrantType.AUTHORIZATION_CODE,
        login("ana"));

    assertThat(made).containsEntry("sub", agent.id().toString()).containsEntry("tenant", "acme")
        .containsEntry("roles", List.of("agent", "supervisor")).containsEntry("agent_id", "agent-7")
        .containsEntry("preferred_username", "ana").containsEntry("aud", List.of("switchboard"));
  }

  @Test
  void aLoginWithoutTheAgentRoleHasNoAgentId() {
    Map<String, Object> made = customize(OAuth2TokenType.ACCESS_TOKEN, AuthorizationGrantType.AUTHORIZATION_CODE,
        login("carl"));

    assertThat(made).containsEntry("roles", List.of("customer")).doesNotContainKey("agent_id");
  }

  @Test
  void anIdTokenKeepsItsClientAudienceAndGetsTheUserClaims() {
    Map<String, Object> made = customize(new OAuth2TokenType(OidcParameterNames.ID_TOKEN),
        AuthorizationGrantType.AUTHORIZATION_CODE, login("ana"));

    assertThat(made).containsEntry("aud", List.of("switchboard-web")).containsEntry("sub", agent.id().toString())
        .containsEntry("tenant", "acme");
  }

  @Test
  void aServiceTokenHasTheServiceRoleAndNoTenant() {
    Map<String, Object> made = customize(OAuth2TokenType.ACCESS_TOKEN, AuthorizationGrantType.CLIENT_CREDENTIALS,
        new UsernamePasswordAuthenticationToken("signaling-gateway", null));

    assertThat(made).containsEntry("roles", List.of("service")).containsEntry("sub", "switchboard-web")
        .doesNotContainKeys("tenant", "agent_id", "preferred_username");
  }

  @Test
  void aTenantsClientGetsItsTenantAndRolesButNeverTheServiceRole() {
    RegisteredClient key = key(List.of("admin", "service", "supervisor"), null);

    Map<String, Object> made = customize(key, OAuth2TokenType.ACCESS_TOKEN, AuthorizationGrantType.CLIENT_CREDENTIALS,
        new UsernamePasswordAuthenticationToken(key.getClientId(), null));

    assertThat(made).containsEntry("tenant", "acme").containsEntry("roles", List.of("admin", "supervisor"))
        .containsEntry("sub", "apikey-1").containsEntry("aud", List.of("switchboard"))
        .containsEntry("exp", NOW.plusSeconds(900)).doesNotContainKeys("agent_id", "preferred_username");
  }

  @Test
  void aTenantsClientsTokenEndsNoLaterThanItsSecret() {
    RegisteredClient soon = key(List.of("supervisor"), NOW.plusSeconds(60));
    RegisteredClient later = key(List.of("supervisor"), NOW.plusSeconds(3600));
    Authentication principal = new UsernamePasswordAuthenticationToken("apikey-1", null);

    assertThat(customize(soon, OAuth2TokenType.ACCESS_TOKEN, AuthorizationGrantType.CLIENT_CREDENTIALS, principal))
        .containsEntry("exp", NOW.plusSeconds(60));
    assertThat(customize(later, OAuth2TokenType.ACCESS_TOKEN, AuthorizationGrantType.CLIENT_CREDENTIALS, principal))
        .containsEntry("exp", NOW.plusSeconds(900));
  }

  @Test
  void aDisabledOrDeletedLoginGetsNoToken() {
    assertThatThrownBy(() -> customize(OAuth2TokenType.ACCESS_TOKEN, AuthorizationGrantType.REFRESH_TOKEN,
        login("dora"))).isInstanceOf(OAuth2AuthenticationException.class);
    assertThatThrownBy(() -> customize(OAuth2TokenType.ACCESS_TOKEN, AuthorizationGrantType.REFRESH_TOKEN,
        login("nobody"))).isInstanceOf(OAuth2AuthenticationException.class);
  }

  private Map<String, Object> customize(OAuth2TokenType type, AuthorizationGrantType grant, Authentication principal) {
    RegisteredClient client = RegisteredClient.withId("switchboard-web").clientId("switchboard-web")
        .clientAuthenticationMethod(ClientAuthenticationMethod.NONE).authorizationGrantType(grant)
        .redirectUri("http://localhost/cb").build();
    return customize(client, type, grant, principal);
  }

  private static RegisteredClient key(List<String> roles, Instant secretExpires) {
    return RegisteredClient.withId("apikey-1").clientId("apikey-1").clientSecret("{bcrypt}x")
        .clientSecretExpiresAt(secretExpires)
        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
        .clientSettings(ClientSettings.builder().setting(TokenClaims.CLIENT_TENANT, "acme")
            .setting(TokenClaims.CLIENT_ROLES, new java.util.ArrayList<>(roles)).build())
        .build();
  }

  private Map<String, Object> customize(RegisteredClient client, OAuth2TokenType type, AuthorizationGrantType grant,
      Authentication principal) {
    JwtClaimsSet.Builder builder = JwtClaimsSet.builder().issuer("http://issuer").subject(client.getClientId())
        .audience(List.of("switchboard-web")).issuedAt(NOW).expiresAt(NOW.plusSeconds(900));
    JwtEncodingContext context = JwtEncodingContext.with(JwsHeader.with(SignatureAlgorithm.RS256), builder)
        .registeredClient(client).principal(principal).tokenType(type).authorizationGrantType(grant).build();

    claims.customize(context);

    return builder.build().getClaims();
  }

  private static Authentication login(String username) {
    return UsernamePasswordAuthenticationToken.authenticated(username, null, List.of());
  }

  private static UserAccount user(String username, Set<Role> roles, String agentId, boolean enabled) {
    return new UserAccount(UUID.randomUUID(), "acme", username, "{noop}x", roles, agentId, null, enabled, NOW, NOW);
  }
}
