package io.switchboard.gateway.webrtc;

import io.switchboard.gateway.security.Caller;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-limited TURN credentials in the shared-secret scheme of coturn's {@code use-auth-secret}
 * (the "TURN REST API" draft): the username is {@code <expiry as Unix seconds>:<user>}, the
 * password base64(HMAC-SHA1(secret, username)). The TURN server recomputes the password from the
 * username with the same secret and refuses a username whose expiry has passed, so the gateway
 * keeps no state and a credential cannot be stretched without the secret.
 */
final class TurnCredentials {

  /** A credential, and when the TURN server stops accepting it. */
  record Credential(String username, String password, Instant expiresAt) {}

  private static final String HMAC = "HmacSHA1";
  private static final int MAX_USER = 96;

  private final SecretKeySpec secret;
  private final Duration ttl;
  private final Clock clock;

  TurnCredentials(String secret, Duration ttl, Clock clock) {
    this.secret = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC);
    this.ttl = ttl;
    this.clock = clock;
  }

  /** When a credential issued now expires. */
  Instant expiry() {
    return clock.instant().plus(ttl);
  }

  Credential issue(Caller caller) {
    Instant expiresAt = expiry();
    String username = expiresAt.getEpochSecond() + ":" + user(caller);
    return new Credential(username, password(username), expiresAt);
  }

  String password(String username) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(secret);
      return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA1 is not available", e);
    }
  }

  /**
   * {@code tenant/subject}, for the TURN server's logs: characters outside a safe set become
   * {@code _} (a {@code :} would move the expiry), cut to a length TURN servers accept.
   */
  static String user(Caller caller) {
    String user = (caller.tenant() + "/" + caller.subject()).replaceAll("[^A-Za-z0-9._@/-]", "_");
    return user.length() <= MAX_USER ? user : user.substring(0, MAX_USER);
  }
}
