package io.switchboard.identity.client;

import io.switchboard.identity.password.PasswordGrant;
import io.switchboard.identity.token.TokenProperties;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The registered clients, built from {@link ClientProperties}. Each client's registration id is its
 * client id, so that authorizations stored before a restart still name a known client after it.
 */
public final class Clients {

  public static final String WEB = "switchboard-web";
  public static final String CLI = "switchboard-cli";
  /** The client ids of API keys begin with this; configured clients may not, so that neither shadows the other. */
  public static final String API_KEY_PREFIX = "apikey-";

  private static final SecureRandom RANDOM = new SecureRandom();

  private Clients() {}

  public static RegisteredClientRepository repository(ClientProperties clients, TokenProperties tokens,
      PasswordEncoder encoder) {
    List<RegisteredClient> registered = new ArrayList<>();
    registered.add(web(clients.web(), tokens));
    registered.add(cli(clients.cli(), tokens));
    Set<String> ids = new HashSet<>(Set.of(WEB, CLI));
    for (ClientProperties.Service service : clients.services()) {
      if (isApiKey(service.clientId())) {
        throw new IllegalArgumentException("switchboard.identity.clients.services: client id '"
            + service.clientId() + "' begins with '" + API_KEY_PREFIX + "', which is kept for API keys");
      }
      if (!ids.add(service.clientId())) {
        throw new IllegalArgumentException("switchboard.identity.clients.services: client id '"
            + service.clientId() + "' is given twice or is a built-in client's");
      }
      registered.add(service(service, tokens, encoder));
    }
    return new InMemoryRegisteredClientRepository(registered);
  }

  /** Whether a client id (a token's subject for client credentials) is an API key's. */
  public static boolean isApiKey(String clientId) {
    return clientId != null && clientId.startsWith(API_KEY_PREFIX);
  }

  /** A new API key's client id: the prefix and 96 random bits in hex. */
  public static String newApiKeyId() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return API_KEY_PREFIX + HexFormat.of().formatHex(bytes);
  }

  static RegisteredClient web(ClientProperties.Web web, TokenProperties tokens) {
    return RegisteredClient.withId(WEB).clientId(WEB).clientName("Switchboard web UI")
        .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
        .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
        .redirectUris(uris -> web.redirectUris().stream().map(URI::toString).forEach(uris::add))
        .postLogoutRedirectUris(uris -> web.postLogoutRedirectUris().stream().map(URI::toString).forEach(uris::add))
        .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE)
        .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
        .tokenSettings(publicClientTokens(tokens))
        .build();
  }

  static RegisteredClient cli(ClientProperties.Cli cli, TokenProperties tokens) {
    RegisteredClient.Builder builder = RegisteredClient.withId(CLI).clientId(CLI).clientName("Switchboard CLI")
        .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
        .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
        .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE)
        .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
        .tokenSettings(publicClientTokens(tokens));
    if (cli.passwordGrant()) {
      builder.authorizationGrantType(PasswordGrant.TYPE);
    }
    return builder.build();
  }

  static RegisteredClient service(ClientProperties.Service service, TokenProperties tokens, PasswordEncoder encoder) {
    String secret = service.secret().startsWith("{bcrypt}") ? service.secret() : encoder.encode(service.secret());
    return RegisteredClient.withId(service.clientId()).clientId(service.clientId())
        .clientSecret(secret)
        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
        .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(tokens.accessTokenTtl()).build())
        .build();
  }

  /** Public clients hold no secret: a refresh token is good for one use, and each use gives a new one. */
  private static TokenSettings publicClientTokens(TokenProperties tokens) {
    return TokenSettings.builder()
        .accessTokenTimeToLive(tokens.accessTokenTtl())
        .refreshTokenTimeToLive(tokens.refreshTokenTtl())
        .reuseRefreshTokens(false)
        .build();
  }
}
