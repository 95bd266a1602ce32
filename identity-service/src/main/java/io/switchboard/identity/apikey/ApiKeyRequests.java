package io.switchboard.identity.apikey;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.List;

/** The bodies of the API keys admin API. */
final class ApiKeyRequests {

  /** The roles a key may hold: {@code agent} needs an agent id and a desk, {@code service} is the issuer's own. */
  static final String ROLES = "supervisor|admin";
  static final String ROLES_MESSAGE = "must be supervisor or admin (an API key cannot be an agent, a customer or a"
      + " service)";
  static final String NAME = "[^\\p{Cntrl}]{1,100}";
  static final String NAME_MESSAGE = "must be 1 to 100 characters without control characters";

  private ApiKeyRequests() {}

  /** A new key of the caller's tenant; without {@code expiresAt} it works until revoked. */
  record NewApiKey(
      @NotBlank @Pattern(regexp = NAME, message = NAME_MESSAGE) String name,
      @NotEmpty List<@NotNull @Pattern(regexp = ROLES, message = ROLES_MESSAGE) String> roles,
      Instant expiresAt) {

    /** The roles once each, in alphabetical order. */
    List<String> distinctRoles() {
      return roles.stream().distinct().sorted().toList();
    }
  }

  /** A key as the API lists it: never its secret nor the hash. */
  record ApiKeyView(String clientId, String name, List<String> roles, Instant createdAt, String createdBy,
      String createdBySubject, Instant expiresAt, Instant lastUsedAt) {

    static ApiKeyView of(ApiKey key) {
      return new ApiKeyView(key.clientId(), key.name(), key.roles(), key.createdAt(),
          key.createdByUsername() == null ? key.createdBy() : key.createdByUsername(), key.createdBy(),
          key.expiresAt(), key.lastUsedAt());
    }
  }

  /** The answer to a create: the only time the secret is shown. */
  record CreatedApiKey(String clientId, String clientSecret, String name, List<String> roles, Instant createdAt,
      String createdBy, Instant expiresAt) {

    static CreatedApiKey of(ApiKey key, String secret) {
      return new CreatedApiKey(key.clientId(), secret, key.name(), key.roles(), key.createdAt(),
          key.createdByUsername() == null ? key.createdBy() : key.createdByUsername(), key.expiresAt());
    }

    @Override
    public String toString() {
      return "CreatedApiKey[clientId=" + clientId + ", clientSecret=(hidden)]";
    }
  }
}
