package io.switchboard.gateway.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who issues the access tokens the gateway accepts, and where their claims are (docs/security.md).
 *
 * @param issuerUri the OIDC issuer: tokens must carry it as {@code iss}, and unless
 *     {@code jwkSetUri} is given its keys are found through
 *     {@code <issuerUri>/.well-known/openid-configuration} (read on the first token, not at start-up)
 * @param jwkSetUri where the issuer publishes its signing keys; with it no discovery is done, and
 *     without {@code issuerUri} the {@code iss} claim is not checked
 * @param audience the value that must be one of a token's {@code aud}
 * @param clockSkew how far {@code exp} and {@code nbf} may be off the gateway's clock
 * @param claims where the tenant, roles and agent id are in a token
 */
@Validated
@ConfigurationProperties("switchboard.gateway.security")
public record SecurityProperties(
    @Pattern(regexp = URL, message = "must be an http(s) URL") String issuerUri,
    @Pattern(regexp = URL, message = "must be an http(s) URL") String jwkSetUri,
    @NotBlank @DefaultValue("switchboard") String audience,
    @NotNull @DurationMin(seconds = 0) @DurationMax(minutes = 5) @DefaultValue("60s") Duration clockSkew,
    @NotNull @Valid @DefaultValue Claims claims) {

  /** An http(s) URL, or nothing (a property set empty, as an environment variable may). */
  static final String URL = "(https?://[^\\s/?#]+(/[^\\s?#]*)?)?";
  /** A claim name, or a dotted path into nested objects such as Keycloak's {@code realm_access.roles}. */
  static final String CLAIM_PATH = "[^.\\s]+(\\.[^.\\s]+)*";

  /**
   * Claim names; each may be a dotted path into nested objects.
   *
   * @param tenant the tenant every request is scoped by; a token without it is refused
   * @param roles the roles: a list of strings, or one string of names separated by spaces or commas
   * @param agentId the agent id of an agent's token
   */
  public record Claims(
      @NotBlank @Pattern(regexp = CLAIM_PATH, message = "must be a claim name or a dotted path") @DefaultValue("tenant")
      String tenant,
      @NotBlank @Pattern(regexp = CLAIM_PATH, message = "must be a claim name or a dotted path") @DefaultValue("roles")
      String roles,
      @NotBlank @Pattern(regexp = CLAIM_PATH, message = "must be a claim name or a dotted path") @DefaultValue("agent_id")
      String agentId) {}

  @AssertTrue(message = "set issuer-uri or jwk-set-uri (switchboard.gateway.security): the gateway accepts no request without "
      + "a token from a known issuer")
  boolean isIssuerKnown() {
    return issuerUri != null && !issuerUri.isBlank() || jwkSetUri != null && !jwkSetUri.isBlank();
  }
}
