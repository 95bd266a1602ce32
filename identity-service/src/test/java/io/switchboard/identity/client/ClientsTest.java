package io.switchboard.identity.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.identity.password.PasswordGrant;
import io.switchboard.identity.token.TokenProperties;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

class ClientsTest {

  private static final TokenProperties TOKENS = new TokenProperties(URI.create("http://issuer"), "switchboard",
      Duration.ofMinutes(15), Duration.ofHours(8));
  private static final java.util.Set<AuthorizationGrantType> GRANTS =
      java.util.Set.of(PasswordGrant.TYPE, AuthorizationGrantType.REFRESH_TOKEN);
  private final PasswordEncoder encoder = new PasswordEncoder() {
    @Override
    public String encode(CharSequence raw) {
      return "{test}" + new StringBuilder(raw).reverse();
    }

    @Override
    public boolean matches(CharSequence raw, String encoded) {
      return encoded.equals(encode(raw));
    }
  };

  @Test
  void theWebClientIsPublicAndMustUsePkce() {
    RegisteredClient web = repository(true).findByClientId(Clients.WEB);

    assertThat(web.getClientAuthenticationMethods()).containsExactly(ClientAuthenticationMethod.NONE);
    assertThat(web.getAuthorizationGrantTypes()).containsExactlyInAnyOrder(
        AuthorizationGrantType.AUTHORIZATION_CODE, AuthorizationGrantType.REFRESH_TOKEN);
    assertThat(web.getClientSettings().isRequireProofKey()).isTrue();
    assertThat(web.getRedirectUris()).containsExactly("http://localhost:8080/cb");
    assertThat(web.getTokenSettings().isReuseRefreshTokens()).isFalse();
    assertThat(web.getTokenSettings().getAccessTokenTimeToLive()).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void aServiceSecretIsKeptOnlyAsItsHash() {
    RegisteredClient gateway = repository(true).findByClientId("gateway");

    assertThat(gateway.getClientSecret()).isEqualTo(encoder.encode("a-secret-of-sixteen")).doesNotContain("a-secret");
    assertThat(gateway.getAuthorizationGrantTypes()).containsExactly(AuthorizationGrantType.CLIENT_CREDENTIALS);
  }

  @Test
  void theCliGetsThePasswordGrantUnlessSwitchedOff() {
    assertThat(repository(true).findByClientId(Clients.CLI).getAuthorizationGrantTypes())
        .containsExactlyInAnyOrder(PasswordGrant.TYPE, AuthorizationGrantType.REFRESH_TOKEN);
    assertThat(repository(false).findByClientId(Clients.CLI).getAuthorizationGrantTypes())
        .containsExactly(AuthorizationGrantType.REFRESH_TOKEN);
  }

  @Test
  void aPublicClientIsAuthenticatedByItsIdOnThePasswordAndRefreshGrants() {
    Authentication request = new OAuth2ClientAuthenticationToken(Clients.CLI, ClientAuthenticationMethod.NONE, null,
        Map.of("grant_type", "password"));

    Authentication client = PublicClientAuthentication.provider(repository(true), GRANTS).authenticate(request);

    assertThat(client.isAuthenticated()).isTrue();
    assertThat(((OAuth2ClientAuthenticationToken) client).getRegisteredClient().getClientId()).isEqualTo(Clients.CLI);
  }

  @Test
  void aConfidentialClientCannotPassAsAPublicOne() {
    Authentication request = new OAuth2ClientAuthenticationToken("gateway", ClientAuthenticationMethod.NONE, null,
        Map.of("grant_type", "refresh_token"));

    assertThatThrownBy(() -> PublicClientAuthentication.provider(repository(true), GRANTS).authenticate(request))
        .isInstanceOfSatisfying(OAuth2AuthenticationException.class,
            e -> assertThat(e.getError().getErrorCode()).isEqualTo("invalid_client"));
  }

  @Test
  void aServiceClientIdGivenTwiceFails() {
    ClientProperties properties = new ClientProperties(web(), new ClientProperties.Cli(true), List.of(
        new ClientProperties.Service("gateway", "a-secret-of-sixteen"),
        new ClientProperties.Service("switchboard-web", "a-secret-of-sixteen")));

    assertThatThrownBy(() -> Clients.repository(properties, TOKENS, encoder))
        .hasMessageContaining("client id 'switchboard-web' is given twice or is a built-in client's");
  }

  @Test
  void aServiceClientIdCannotTakeTheApiKeysPrefix() {
    ClientProperties properties = new ClientProperties(web(), new ClientProperties.Cli(true), List.of(
        new ClientProperties.Service("apikey-crm", "a-secret-of-sixteen")));

    assertThatThrownBy(() -> Clients.repository(properties, TOKENS, encoder))
        .hasMessageContaining("client id 'apikey-crm' begins with 'apikey-', which is kept for API keys");
  }

  @Test
  void anApiKeyIdIsThePrefixAndRandomHex() {
    String id = Clients.newApiKeyId();

    assertThat(id).matches("apikey-[0-9a-f]{24}").isNotEqualTo(Clients.newApiKeyId());
    assertThat(Clients.isApiKey(id)).isTrue();
    assertThat(Clients.isApiKey("signaling-gateway")).isFalse();
    assertThat(Clients.isApiKey(null)).isFalse();
  }

  private RegisteredClientRepository repository(boolean passwordGrant) {
    return Clients.repository(new ClientProperties(web(), new ClientProperties.Cli(passwordGrant),
        List.of(new ClientProperties.Service("gateway", "a-secret-of-sixteen"))), TOKENS, encoder);
  }

  private static ClientProperties.Web web() {
    return new ClientProperties.Web(List.of(URI.create("http://localhost:8080/cb")), List.of(), List.of());
  }
}
