package io.switchboard.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the service checks the credential of every request but health: an OAuth2 access token (a
 * JWT) from the deployment's issuer, carrying the role {@code service}. At least one of
 * {@code issuer-uri} and {@code jwk-set-uri} must be set.
 *
 * @param issuerUri the issuer of the tokens: every token's {@code iss} must equal it, and when
 *     {@code jwk-set-uri} is empty its keys are found through its OIDC discovery document
 *     ({@code <issuer-uri>/.well-known/openid-configuration}, read at the first request, not at start)
 * @param jwkSetUri where the issuer publishes its signing keys (JWKS); with it alone, tokens of any
 *     {@code iss} signed by those keys are accepted
 * @param audience the audience a token must name in {@code aud}
 * @param rolesClaim the claim that lists the caller's roles: a top-level claim of that name, or else
 *     a dotted path into nested claims ({@code realm_access.roles} for Keycloak)
 */
@Validated
@ConfigurationProperties("switchboard.security")
public record ServiceSecurityProperties(
    @Pattern(regexp = HTTP_URL, message = "must be an http(s) URL") String issuerUri,
    @Pattern(regexp = HTTP_URL, message = "must be an http(s) URL") String jwkSetUri,
    @NotBlank String audience,
    @NotBlank String rolesClaim) {

  /** Empty, or an absolute http(s) URL. */
  static final String HTTP_URL = "|https?://[^\\s/?#]+(/[^\\s?#]*)?";

  public ServiceSecurityProperties {
    if (isEmpty(issuerUri) && isEmpty(jwkSetUri)) {
      throw new IllegalArgumentException("switchboard.security.issuer-uri or switchboard.security.jwk-set-uri "
          + "must be set: every request but health needs a service token from the deployment's issuer");
    }
  }

  boolean hasIssuer() {
    return !isEmpty(issuerUri);
  }

  boolean hasJwkSet() {
    return !isEmpty(jwkSetUri);
  }

  private static boolean isEmpty(String value) {
    return value == null || value.isBlank();
  }
}
