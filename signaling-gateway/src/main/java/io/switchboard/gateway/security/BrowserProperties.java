package io.switchboard.gateway.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What the gateway tells browsers: which other origins may call it (CORS) and the security headers
 * of every response (docs/security.md, *CORS* and *Security headers*).
 *
 * @param cors cross-origin requests
 * @param headers the response headers
 */
@Validated
@ConfigurationProperties("switchboard.gateway.browser")
public record BrowserProperties(@NotNull @Valid @DefaultValue Cors cors, @NotNull @Valid @DefaultValue Headers headers) {

  /** The placeholder in {@link Headers#contentSecurityPolicy} for the WebSocket origin of the request. */
  public static final String WS_ORIGIN = "{ws-origin}";
  /** The placeholder for the token issuer's origin, which the web UI's pages call to sign in. */
  public static final String ISSUER_ORIGIN = "{issuer-origin}";

  /**
   * Cross-origin requests. With no allowed origin (the default) only same-origin pages may call
   * the gateway: a preflight from any other origin is refused with 403.
   *
   * @param allowedOrigins origins such as {@code https://desk.example.com} (scheme, host, port; no path)
   * @param allowedMethods methods another origin may use
   * @param allowedHeaders request headers another origin may send
   * @param exposedHeaders response headers another origin's scripts may read
   * @param maxAge how long a browser may cache a preflight's answer
   */
  public record Cors(
      @NotNull @DefaultValue({}) List<@Pattern(regexp = ORIGIN, message = "must be an origin like https://host[:port]")
          String> allowedOrigins,
      @NotNull @DefaultValue({"GET", "POST", "PUT", "PATCH", "DELETE"}) List<@NotBlank String> allowedMethods,
      @NotNull @DefaultValue({"Authorization", "Content-Type"}) List<@NotBlank String> allowedHeaders,
      @NotNull @DefaultValue({"Location", "Retry-After"}) List<@NotBlank String> exposedHeaders,
      @NotNull @DurationMin(seconds = 0) @DurationMax(hours = 24) @DefaultValue("30m") Duration maxAge) {}

  /**
   * Response headers besides Spring Security's defaults ({@code X-Content-Type-Options: nosniff},
   * {@code X-Frame-Options: DENY}, {@code Cache-Control: no-store}, HSTS over HTTPS).
   *
   * @param contentSecurityPolicy the {@code Content-Security-Policy}; {@code {ws-origin}} becomes the
   *     request's own origin as {@code ws://} or {@code wss://} (the agent desk's socket), and
   *     {@code {issuer-origin}} the origin of the issuer the web UI signs in with (docs/web-ui.md)
   * @param referrerPolicy the {@code Referrer-Policy}
   */
  public record Headers(
      @NotBlank @DefaultValue(DEFAULT_CSP) String contentSecurityPolicy,
      @NotBlank @Pattern(regexp = REFERRER_POLICIES, message = "must be a Referrer-Policy value such as same-origin")
      @DefaultValue("same-origin") String referrerPolicy) {}

  static final String ORIGIN = "https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?";
  static final String DEFAULT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self' " + WS_ORIGIN + " " + ISSUER_ORIGIN + "; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; "
      + "form-action 'self'";
  static final String REFERRER_POLICIES = "no-referrer|no-referrer-when-downgrade|same-origin|origin"
      + "|strict-origin|origin-when-cross-origin|strict-origin-when-cross-origin|unsafe-url";
}
