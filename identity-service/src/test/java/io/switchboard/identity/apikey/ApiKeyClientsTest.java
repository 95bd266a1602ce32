package io.switchboard.identity.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.identity.token.TokenClaims;
import io.switchboard.identity.token.TokenProperties;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

class ApiKeyClientsTest {

  private static final TokenProperties TOKENS = new TokenProperties(URI.create("http://issuer"), "switchboard",
      Duration.ofMinutes(15), Duration.ofHours(8));
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private final ApiKey key = new ApiKey("apikey-0123456789abcdef01234567", "acme", "CRM", "{bcrypt}hash",
      List.of("admin", "supervisor"), NOW, "6f1c-admin", "ana", NOW.plusSeconds(86_400), null);
  private final StoredKeys stored = new StoredKeys(key);
  private final RegisteredClient gateway = RegisteredClient.withId("signaling-gateway").clientId("signaling-gateway")
      .clientSecret("{bcrypt}gateway").authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS).build();
  private final ApiKeyClients clients = new ApiKeyClients(new InMemoryRegisteredClientRepository(gateway), stored,
      TOKENS);

  @Test
  void aKeyIsAClientCredentialsClientAuthenticatedByItsSecretOnly() {
    RegisteredClient client = ApiKeyClients.client(key, TOKENS);

    assertThat(client.getId()).isEqualTo(key.clientId());
    assertThat(client.getClientId()).isEqualTo(key.clientId());
    assertThat(client.getAuthorizationGrantTypes()).containsExactly(AuthorizationGrantType.CLIENT_CREDENTIALS);
    assertThat(client.getClientAuthenticationMethods()).containsExactlyInAnyOrder(
        ClientAuthenticationMethod.CLIENT_SECRET_BASIC, ClientAuthenticationMethod.CLIENT_SECRET_POST);
    assertThat(client.getClientSecret()).isEqualTo("{bcrypt}hash");
    assertThat(client.getClientSecretExpiresAt()).isEqualTo(NOW.plusSeconds(86_400));
    assertThat(client.getScopes()).isEmpty();
    assertThat(client.getRedirectUris()).isEmpty();
    assertThat(client.getTokenSettings().getAccessTokenTimeToLive()).isEqualTo(Duration.ofMinutes(15));
    assertThat((String) client.getClientSettings().getSetting(TokenClaims.CLIENT_TENANT)).isEqualTo("acme");
    assertThat((List<String>) client.getClientSettings().getSetting(TokenClaims.CLIENT_ROLES))
        .containsExactly("admin", "supervisor");
  }

  @Test
  void configuredClientsComeFirstAndKeysAreReadAtEachLookUp() {
    assertThat(clients.findByClientId("signaling-gateway")).isSameAs(gateway);
    assertThat(clients.findById(key.clientId()).getClientId()).isEqualTo(key.clientId());
    assertThat(clients.findByClientId(key.clientId()).getClientId()).isEqualTo(key.clientId());

    stored.keys.clear();

    assertThat(clients.findByClientId(key.clientId())).as("revoked").isNull();
    assertThat(clients.findById(key.clientId())).isNull();
  }

  @Test
  void anIdWithoutTheKeyPrefixIsNeverLookedUpAsAKey() {
    assertThat(clients.findByClientId("nobody")).isNull();
    assertThat(stored.lookUps).isEmpty();
  }

  @Test
  void anUpgradedHashOfAKeysSecretIsStored() {
    clients.save(RegisteredClient.from(ApiKeyClients.client(key, TOKENS)).clientSecret("{bcrypt}stronger").build());

    assertThat(stored.hashes).containsEntry(key.clientId(), "{bcrypt}stronger");
  }

  /** The store with its rows in a map. */
  private static final class StoredKeys extends ApiKeyStore {

    final Map<String, ApiKey> keys = new HashMap<>();
    final Map<String, String> hashes = new HashMap<>();
    final List<String> lookUps = new java.util.ArrayList<>();

    StoredKeys(ApiKey key) {
      super(null);
      keys.put(key.clientId(), key);
    }

    @Override
    Optional<ApiKey> find(String clientId) {
      lookUps.add(clientId);
      return Optional.ofNullable(keys.get(clientId));
    }

    @Override
    void updateSecretHash(String clientId, String secretHash) {
      hashes.put(clientId, secretHash);
    }
  }
}
