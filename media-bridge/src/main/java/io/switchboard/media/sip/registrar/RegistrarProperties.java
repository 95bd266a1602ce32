package io.switchboard.media.sip.registrar;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The SIP registrar. Defaults live in {@code media-bridge.yml}.
 *
 * @param minExpires the shortest registration accepted, in seconds; shorter ones get 423 with
 *     {@code Min-Expires}
 * @param maxExpires the longest registration granted, in seconds; longer ones are cut to it
 * @param defaultExpires the registration granted when the request names none, in seconds
 * @param maxContacts how many contacts one agent may have bound at once
 * @param nonceLifetime how long a nonce is accepted; after that a right answer gets {@code stale=true}
 * @param nonceKey the HMAC key of the nonces, at least 32 characters; empty for a random key per
 *     process. Instances behind one address must share it, so that any of them accepts a nonce
 *     another issued
 * @param maxTrackedNonces how many nonces' counts are remembered against replay at most
 * @param failedAttemptsWarning after how many failed answers in a row (per user and source) a warning is logged
 * @param expirySweep how often expired bindings are looked for
 * @param algorithms the digest algorithms challenged with, one {@code WWW-Authenticate} each in this
 *     order, and the only ones accepted; {@code SHA-256, MD5} by default. Clients that answer only the
 *     first challenge and know only MD5 (SIPp 3.6, older phones) need {@code MD5} first or alone
 * @param availableOnRegister when an agent with no phone registered registers one, publish the agent
 *     AVAILABLE too (a phone-only agent: its registration is its sign-in); off, the agent becomes
 *     available from the desk page or the API
 */
@Validated
@ConfigurationProperties("switchboard.media.sip.registrar")
public record RegistrarProperties(
    @NotNull @Min(1) @Max(86_400) Integer minExpires,
    @NotNull @Min(1) @Max(86_400) Integer maxExpires,
    @NotNull @Min(1) @Max(86_400) Integer defaultExpires,
    @NotNull @Min(1) @Max(1000) Integer maxContacts,
    @NotNull Duration nonceLifetime,
    @Size(min = 32, message = "must be at least 32 characters") String nonceKey,
    @NotNull @Min(1) Integer maxTrackedNonces,
    @NotNull @Min(1) Integer failedAttemptsWarning,
    @NotNull Duration expirySweep,
    @NotEmpty List<@NotNull DigestAlgorithm> algorithms,
    boolean availableOnRegister) {

  public RegistrarProperties {
    if (minExpires != null && maxExpires != null && defaultExpires != null
        && (minExpires > defaultExpires || defaultExpires > maxExpires)) {
      throw new IllegalArgumentException(
          "switchboard.media.sip.registrar needs min-expires <= default-expires <= max-expires, not "
              + minExpires + ", " + defaultExpires + ", " + maxExpires);
    }
    algorithms = algorithms == null ? null : List.copyOf(new java.util.LinkedHashSet<>(algorithms));
    if (nonceKey != null && nonceKey.isEmpty()) {
      nonceKey = null;
    }
  }
}
