package io.switchboard.identity.apikey;

import io.switchboard.identity.apikey.ApiKeyRequests.CreatedApiKey;
import io.switchboard.identity.apikey.ApiKeyRequests.NewApiKey;
import io.switchboard.identity.user.Caller;
import io.switchboard.identity.web.ApiException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * The rules of API key management, always within the caller's tenant: another tenant's key is not
 * found (404). Keys are managed by people: an API key's own token may not make or revoke keys, so
 * that a key cannot outlive its revocation through a successor it made.
 */
@Service
class ApiKeyAdmin {

  private static final int SECRET_BYTES = 32;

  private final ApiKeyStore keys;
  private final PasswordEncoder encoder;
  private final ApiKeyProperties properties;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  ApiKeyAdmin(ApiKeyStore keys, PasswordEncoder encoder, ApiKeyProperties properties, Clock clock) {
    this.keys = keys;
    this.encoder = encoder;
    this.properties = properties;
    this.clock = clock;
  }

  List<ApiKey> list(Caller caller) {
    requireLogin(caller);
    return keys.list(caller.tenant());
  }

  /** Makes the key {@code clientId}; the answer holds its secret, which is stored only as its hash. */
  CreatedApiKey create(Caller caller, String clientId, NewApiKey request) {
    requireLogin(caller);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    requireFuture(request.expiresAt(), now);
    int held = keys.countLocked(caller.tenant());
    if (held >= properties.maxPerTenant()) {
      throw ApiException.conflict("The tenant holds " + held + " API keys, the most it may (switchboard.identity"
          + ".api-keys.max-per-tenant): revoke one first");
    }
    String secret = newSecret();
    ApiKey key = new ApiKey(clientId, caller.tenant(), request.name(), encoder.encode(secret),
        request.distinctRoles(), now, caller.subject(), caller.username(), request.expiresAt(), null);
    keys.insert(key);
    return CreatedApiKey.of(key, secret);
  }

  void revoke(Caller caller, String clientId) {
    requireLogin(caller);
    if (!keys.delete(caller.tenant(), clientId)) {
      throw ApiException.notFound("No API key '" + clientId + "'");
    }
  }

  static void requireFuture(Instant expiresAt, Instant now) {
    if (expiresAt != null && !expiresAt.isAfter(now)) {
      throw ApiException.badRequest("Invalid request: expiresAt must be in the future, not " + expiresAt);
    }
  }

  private static void requireLogin(Caller caller) {
    if (caller.apiKey()) {
      throw ApiException.forbidden("API keys are managed by an admin's login, not by an API key");
    }
  }

  /** 256 random bits, URL-safe Base64 without padding: 43 characters, well under BCrypt's 72 bytes. */
  private String newSecret() {
    byte[] bytes = new byte[SECRET_BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
