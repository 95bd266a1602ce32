package io.switchboard.identity.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.switchboard.identity.user.Role;
import io.switchboard.identity.user.UserAccount;
import java.security.Principal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

class PasswordGrantProviderTest {

  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  /** Passwords "stored" as {@code hash:<password>}; fast, and enough to tell right from wrong. */
  private final PasswordEncoder passwords = new PasswordEncoder() {
    @Override
    public String encode(CharSequence raw) {
      return "hash:" + raw;
    }

    @Override
    public boolean matches(CharSequence raw, String encoded) {
      return encoded.equals(encode(raw));
    }
  };
  private final UserAccount ana = user("ana", "right-password", true);
  private final UserAccount dora = user("dora", "right-password", false);
  private final InMemoryOAuth2AuthorizationService authorizations = new InMemoryOAuth2AuthorizationService();
  private final OAuth2TokenGenerator<OAuth2Token> tokens = PasswordGrantProviderTest::token;
  private final PasswordGrantProvider provider = new PasswordGrantProvider(
      username -> Optional.ofNullable(Map.of("ana", ana, "dora", dora).get(username)),
      passwords, authorizations, tokens);

  @BeforeEach
  void inTheIssuersRequest() {
    AuthorizationServerSettings settings = AuthorizationServerSettings.builder().issuer("http://issuer").build();
    AuthorizationServerContextHolder.setContext(new AuthorizationServerContext() {
      @Override
      public String getIssuer() {
        return "http://issuer";
      }

      @Override
      public AuthorizationServerSettings getAuthorizationServerSettings() {
        return settings;
      }
    });
  }

  @AfterEach
  void outOfTheRequest() {
    AuthorizationServerContextHolder.resetContext();
  }

  @Test
  void issuesAnAccessAndARefreshTokenAndStoresTheLoginWithTheAuthorization() {
    OAuth2AccessTokenAuthenticationToken result = (OAuth2AccessTokenAuthenticationToken) provider.authenticate(
        request(cli(true), "ana", "right-password", Set.of("openid")));

    assertThat(result.getAccessToken().getTokenValue()).isEqualTo("access_token-for-ana");
    assertThat(result.getAccessToken().getScopes()).containsExactly("openid");
    assertThat(result.getRefreshToken()).isNotNull();
    OAuth2Authorization stored = authorizations.findByToken("access_token-for-ana", OAuth2TokenType.ACCESS_TOKEN);
    assertThat(stored).isNotNull();
    assertThat(stored.getPrincipalName()).isEqualTo("ana");
    assertThat(stored.getAuthorizationGrantType()).isEqualTo(PasswordGrant.TYPE);
    assertThat(stored.<Authentication>getAttribute(Principal.class.getName()).getAuthorities())
        .extracting(Object::toString).containsExactly("ROLE_agent");
  }

  @Test
  void wrongPasswordUnknownUserAndDisabledUserGetTheSameError() {
    List<OAuth2AuthenticationException> errors = List.of(
        refused(request(cli(true), "ana", "wrong-password", Set.of())),
        refused(request(cli(true), "nobody", "right-password", Set.of())),
        refused(request(cli(true), "dora", "right-password", Set.of())));

    assertThat(errors).extracting(e -> e.getError().getErrorCode()).containsOnly("invalid_grant");
    assertThat(errors).extracting(e -> e.getError().getDescription()).containsOnly("Invalid username or password");
    assertThat(authorizations.findByToken("access_token-for-ana", OAuth2TokenType.ACCESS_TOKEN)).isNull();
  }

  @Test
  void aClientNotAllowedTheGrantIsRefusedBeforeThePasswordIsChecked() {
    OAuth2AuthenticationException error = refused(request(cli(false), "ana", "right-password", Set.of()));

    assertThat(error.getError().getErrorCode()).isEqualTo("unauthorized_client");
  }

  @Test
  void scopesTheClientDoesNotHaveAreRefused() {
    OAuth2AuthenticationException error = refused(request(cli(true), "ana", "right-password", Set.of("admin:all")));

    assertThat(error.getError().getErrorCode()).isEqualTo("invalid_scope");
  }

  @Test
  void anUnauthenticatedClientIsRefused() {
    PasswordGrantToken request = new PasswordGrantToken(
        new UsernamePasswordAuthenticationToken("switchboard-cli", null), "ana", "right-password", Set.of(), Map.of());

    assertThat(refused(request).getError().getErrorCode()).isEqualTo("invalid_client");
  }

  private OAuth2AuthenticationException refused(PasswordGrantToken request) {
    return (OAuth2AuthenticationException) catchThrowable(
        () -> provider.authenticate(request));
  }

  private static PasswordGrantToken request(RegisteredClient client, String username, String password,
      Set<String> scopes) {
    OAuth2ClientAuthenticationToken clientPrincipal =
        new OAuth2ClientAuthenticationToken(client, ClientAuthenticationMethod.NONE, null);
    return new PasswordGrantToken(clientPrincipal, username, password, scopes, Map.of());
  }

  private static RegisteredClient cli(boolean passwordGrant) {
    RegisteredClient.Builder builder = RegisteredClient.withId("switchboard-cli").clientId("switchboard-cli")
        .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
        .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN).scope("openid");
    if (passwordGrant) {
      builder.authorizationGrantType(PasswordGrant.TYPE);
    }
    return builder.build();
  }

  private static OAuth2Token token(OAuth2TokenContext context) {
    String value = context.getTokenType().getValue() + "-for-" + context.getPrincipal().getName();
    if (OAuth2TokenType.REFRESH_TOKEN.equals(context.getTokenType())) {
      return new OAuth2RefreshToken(value, NOW, NOW.plusSeconds(3600));
    }
    return new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, value, NOW, NOW.plusSeconds(900));
  }

  private UserAccount user(String username, String password, boolean enabled) {
    return new UserAccount(UUID.randomUUID(), "acme", username, passwords.encode(password), EnumSet.of(Role.AGENT),
        "a-1", null, enabled, NOW, NOW);
  }
}
