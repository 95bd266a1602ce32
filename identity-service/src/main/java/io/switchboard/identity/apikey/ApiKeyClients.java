package io.switchboard.identity.apikey;

import io.switchboard.identity.client.Clients;
import io.switchboard.identity.token.TokenClaims;
import io.switchboard.identity.token.TokenProperties;
import java.util.ArrayList;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The issuer's clients: the configured ones, then the API keys, read from the database at each look-up
 * so that a revoked key is refused at once. A key is registered for the client credentials grant only,
 * authenticated by its secret, with its tenant and roles as settings that {@link TokenClaims} puts in
 * its tokens.
 */
public final class ApiKeyClients implements RegisteredClientRepository {

  private final RegisteredClientRepository configured;
  private final ApiKeyStore keys;
  private final TokenProperties tokens;

  /** The configured clients (from {@link Clients#repository}) first, then the API keys. */
  public ApiKeyClients(RegisteredClientRepository configured, ApiKeyStore keys, TokenProperties tokens) {
    this.configured = configured;
    this.keys = keys;
    this.tokens = tokens;
  }

  /** Only a new hash of a known client's secret is ever saved (the encoder's upgrade on authentication). */
  @Override
  public void save(RegisteredClient client) {
    if (Clients.isApiKey(client.getClientId())) {
      keys.updateSecretHash(client.getClientId(), client.getClientSecret());
    } else {
      configured.save(client);
    }
  }

  /** A key's registration id is its client id, as the configured clients' are. */
  @Override
  public RegisteredClient findById(String id) {
    RegisteredClient client = configured.findById(id);
    return client != null ? client : key(id);
  }

  @Override
  public RegisteredClient findByClientId(String clientId) {
    RegisteredClient client = configured.findByClientId(clientId);
    return client != null ? client : key(clientId);
  }

  private RegisteredClient key(String clientId) {
    if (!Clients.isApiKey(clientId)) {
      return null;
    }
    return keys.find(clientId).map(key -> client(key, tokens)).orElse(null);
  }

  static RegisteredClient client(ApiKey key, TokenProperties tokens) {
    return RegisteredClient.withId(key.clientId()).clientId(key.clientId()).clientName(key.name())
        .clientIdIssuedAt(key.createdAt())
        .clientSecret(key.secretHash())
        .clientSecretExpiresAt(key.expiresAt())
        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
        .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false)
            .setting(TokenClaims.CLIENT_TENANT, key.tenant())
            .setting(TokenClaims.CLIENT_ROLES, new ArrayList<>(key.roles()))
            .build())
        .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(tokens.accessTokenTtl()).build())
        .build();
  }
}
