package io.switchboard.gateway.security;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.ServerHttpHeadersWriter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/** CORS and the security headers, from {@link BrowserProperties}, for the security filter chain. */
final class BrowserPolicy {

  static final String CSP_HEADER = "Content-Security-Policy";
  /** A host fit to be echoed into a policy: no spaces, quotes or semicolons, no user info. */
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?");

  private BrowserPolicy() {}

  /** Where a widget's page calls the gateway from its own origin: the token exchange and renewal, and its calls. */
  static final List<PathPattern> WIDGET_PATHS =
      Stream.of(SecurityConfiguration.WIDGET_TOKEN_PATH, SecurityConfiguration.WIDGET_TOKEN_RENEW_PATH,
              "/api/v1/calls", "/api/v1/calls/**")
          .map(PathPatternParser.defaultInstance::parse).toList();

  /**
   * The configured origins for every path; on {@link #WIDGET_PATHS} also the origins of every active
   * widget key (a preflight carries no key or token to narrow them down: the exchange and the
   * customer token's requests are checked against their own key's origins afterwards). With no
   * allowed origin, every cross-origin request is refused.
   */
  static CorsConfigurationSource cors(BrowserProperties.Cors properties, CustomerKeys keys) {
    CorsConfiguration global = configuration(properties);
    return exchange -> {
      PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
      if (WIDGET_PATHS.stream().noneMatch(pattern -> pattern.matches(path))) {
        return global;
      }
      Set<String> widgetOrigins = keys.allOrigins();
      if (widgetOrigins.isEmpty()) {
        return global;
      }
      CorsConfiguration widget = new CorsConfiguration(global);
      Set<String> origins = new LinkedHashSet<>(properties.allowedOrigins());
      origins.addAll(widgetOrigins);
      widget.setAllowedOrigins(List.copyOf(origins));
      return widget;
    };
  }

  private static CorsConfiguration configuration(BrowserProperties.Cors properties) {
    CorsConfiguration cors = new CorsConfiguration();
    cors.setAllowedOrigins(properties.allowedOrigins());
    cors.setAllowedMethods(properties.allowedMethods());
    cors.setAllowedHeaders(properties.allowedHeaders());
    cors.setExposedHeaders(properties.exposedHeaders());
    cors.setMaxAge(properties.maxAge());
    // Tokens travel in Authorization, never in cookies: no credentials mode needed.
    cors.setAllowCredentials(false);
    return cors;
  }

  /** Spring Security's default headers, plus Referrer-Policy and the Content-Security-Policy. */
  static void headers(ServerHttpSecurity.HeaderSpec headers, BrowserProperties.Headers properties,
      String issuerOrigin) {
    headers.referrerPolicy(referrer -> referrer.policy(referrerPolicy(properties.referrerPolicy())))
        .writer(contentSecurityPolicy(properties.contentSecurityPolicy().replace(" " + BrowserProperties.ISSUER_ORIGIN,
            issuerOrigin.isEmpty() ? "" : " " + issuerOrigin).replace(BrowserProperties.ISSUER_ORIGIN, issuerOrigin)));
  }

  private static ReferrerPolicy referrerPolicy(String value) {
    return Arrays.stream(ReferrerPolicy.values()).filter(policy -> policy.getPolicy().equals(value)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Unknown Referrer-Policy " + value));
  }

  static ServerHttpHeadersWriter contentSecurityPolicy(String template) {
    return exchange -> {
      if (!exchange.getResponse().getHeaders().containsHeader(CSP_HEADER)) {
        exchange.getResponse().getHeaders().set(CSP_HEADER, policy(template, exchange.getRequest()));
      }
      return Mono.empty();
    };
  }

  /** The policy with {@code {ws-origin}} replaced by the request's origin as ws(s), or removed when unknown. */
  static String policy(String template, ServerHttpRequest request) {
    if (!template.contains(BrowserProperties.WS_ORIGIN)) {
      return template;
    }
    // The URI's authority is the request's Host header, as the server parsed it.
    String host = request.getURI().getRawAuthority();
    String origin = "";
    if (host != null && HOST.matcher(host).matches()) {
      origin = ("https".equalsIgnoreCase(request.getURI().getScheme()) ? "wss://" : "ws://") + host;
    }
    return template.replace(" " + BrowserProperties.WS_ORIGIN, origin.isEmpty() ? "" : " " + origin)
        .replace(BrowserProperties.WS_ORIGIN, origin);
  }
}
