package io.switchboard.gateway.ui;

import java.net.URI;

/**
 * How the pages sign in: the issuer (resolved from {@link UiProperties} or the gateway's own issuer),
 * the client id, the scopes, and the callback path registered for that client.
 *
 * @param issuerUrl the issuer, without a trailing slash; empty when none is known
 */
public record UiClient(String issuerUrl, String clientId, String scope, String redirectPath) {

  public static final String CALLBACK = "/login/callback";

  static UiClient of(UiProperties properties, String gatewayIssuer) {
    String issuer = properties.issuerUrl().isBlank() ? (gatewayIssuer == null ? "" : gatewayIssuer) : properties.issuerUrl();
    while (issuer.endsWith("/")) {
      issuer = issuer.substring(0, issuer.length() - 1);
    }
    return new UiClient(issuer, properties.clientId(), properties.scope(), CALLBACK);
  }

  /** The issuer's origin ({@code scheme://host[:port]}), which the pages call: empty when unknown. */
  public String issuerOrigin() {
    if (issuerUrl.isBlank()) {
      return "";
    }
    URI uri = URI.create(issuerUrl);
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }
}
