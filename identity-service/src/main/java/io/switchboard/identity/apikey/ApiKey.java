package io.switchboard.identity.apikey;

import java.time.Instant;
import java.util.List;

/**
 * An API key as stored: a client-credentials client of the issuer that acts for one tenant with the
 * roles it was given. Its secret is kept only as its hash.
 *
 * @param createdBy the subject of the admin who made it
 * @param createdByUsername that admin's username when they made it
 * @param expiresAt when the secret stops working; null for never
 * @param lastUsedAt when it last got a token (to the minute); null for never
 */
record ApiKey(
    String clientId,
    String tenant,
    String name,
    String secretHash,
    List<String> roles,
    Instant createdAt,
    String createdBy,
    String createdByUsername,
    Instant expiresAt,
    Instant lastUsedAt) {

  ApiKey {
    roles = List.copyOf(roles);
  }

  @Override
  public String toString() {
    return "ApiKey[clientId=" + clientId + ", tenant=" + tenant + ", roles=" + roles + "]";
  }
}
