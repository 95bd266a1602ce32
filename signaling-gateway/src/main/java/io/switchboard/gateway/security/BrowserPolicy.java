package io.switchboard.gateway.security;

import java.util.Arrays;
import java.util.regex.Pattern;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.ServerHttpHeadersWriter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import reactor.core.publisher.Mono;

/** CORS and the security headers, from {@link BrowserProperties}, for the security filter chain. */
final class BrowserPolicy {

  static final String CSP_HEADER = "Content-Security-Policy";
  /** A host fit to be echoed into a policy: no spaces, quotes or semicolons, no user info. */
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?");

  private BrowserPolicy() {}

  /** One configuration for every path; with no allowed origin, every cross-origin request is refused. */
  static CorsConfigurationSource cors(BrowserProperties.Cors properties) {
    CorsConfiguration cors = new CorsConfiguration();
    cors.setAllowedOrigins(properties.allowedOrigins());
    cors.setAllowedMethods(properties.allowedMethods());
    cors.setAllowedHeaders(properties.allowedHeaders());
    cors.setExposedHeaders(properties.exposedHeaders());
    cors.setMaxAge(properties.maxAge());
    // Tokens travel in Authorization, never in cookies: no credentials mode needed.
    cors.setAllowCredentials(false);
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration("/**", cors);
    return source;
  }

  /** Spring Security's default headers, plus Referrer-Policy and the Content-Security-Policy. */
  static void headers(ServerHttpSecurity.HeaderSpec headers, BrowserProperties.Headers properties) {
    headers.referrerPolicy(referrer -> referrer.policy(referrerPolicy(properties.referrerPolicy())))
        .writer(contentSecurityPolicy(properties.contentSecurityPolicy()));
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
