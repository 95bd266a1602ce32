package io.switchboard.gateway.security;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The customer tokens the gateway signs itself, in exchange for a widget key (docs/security.md,
 * *Widget keys and customer tokens*).
 *
 * @param secret the HS256 key, at least 32 bytes; without it the exchange is off (503) and no
 *     customer token is accepted
 * @param ttl how long a customer token is valid
 */
@Validated
@ConfigurationProperties("switchboard.gateway.customer-tokens")
public record CustomerTokenProperties(
    String secret,
    @NotNull @DurationMin(seconds = 15) @DurationMax(hours = 1) @DefaultValue("15m") Duration ttl) {

  /** HS256 needs a key as long as its hash: 256 bits. */
  static final int MIN_SECRET_BYTES = 32;

  /** True when a secret is set: the gateway mints and accepts customer tokens. */
  public boolean enabled() {
    return secret != null && !secret.isEmpty();
  }

  @AssertTrue(message = "switchboard.gateway.customer-tokens.secret must be at least 32 bytes (UTF-8) to sign HS256 "
      + "tokens; leave it empty to turn the widget token exchange off")
  boolean isSecretLongEnough() {
    return !enabled() || secret.getBytes(StandardCharsets.UTF_8).length >= MIN_SECRET_BYTES;
  }
}
