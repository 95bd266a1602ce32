package io.switchboard.gateway.security;

import io.switchboard.gateway.web.ErrorResponses;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A customer token works only from the pages of its own widget key: every request that carries one
 * must send an {@code Origin} among that key's allowed origins, else 403. (CORS admits the origins
 * of every active key, since a preflight carries no token; this narrows it to the token's key.)
 */
final class CustomerOrigins implements WebFilter {

  private final CustomerKeys keys;
  private final CallerClaims claims;
  private final ErrorResponses errors;

  CustomerOrigins(CustomerKeys keys, CallerClaims claims, ErrorResponses errors) {
    this.keys = keys;
    this.claims = claims;
    this.errors = errors;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    return exchange.getPrincipal()
        .filter(principal -> principal instanceof JwtAuthenticationToken jwt && CustomerTokens.isCustomerToken(jwt.getToken()))
        .map(principal -> claims.caller(((JwtAuthenticationToken) principal).getToken()))
        .map(Optional::of)
        .defaultIfEmpty(Optional.empty())
        .flatMap(customer -> {
          if (customer.isEmpty() || fromItsPages(customer.get(), exchange)) {
            return chain.filter(exchange);
          }
          return errors.write(exchange, HttpStatus.FORBIDDEN, "Not allowed: a customer token of widget key "
              + customer.get().widget().keyId() + " is accepted only from the key's allowed origins (Origin header)");
        });
  }

  private boolean fromItsPages(Caller customer, ServerWebExchange exchange) {
    Optional<String> origin = origin(exchange);
    return origin.isPresent() && keys.active(customer.tenant(), customer.widget().keyId())
        .map(key -> key.allowedOrigins().contains(origin.get())).orElse(false);
  }

  /**
   * The request's {@code Origin}; for a browser's same-origin GET, which carries none, the gateway's
   * own origin as the request names it, when the browser says the request is same-origin
   * ({@code Sec-Fetch-Site}): the gateway's own call page (docs/web-ui.md). Either header can be
   * forged by a client that is not a browser, so neither is more than a browser's word.
   */
  static Optional<String> origin(ServerWebExchange exchange) {
    HttpHeaders headers = exchange.getRequest().getHeaders();
    String origin = headers.getFirst(HttpHeaders.ORIGIN);
    if (origin == null && "same-origin".equals(headers.getFirst("Sec-Fetch-Site"))) {
      java.net.URI uri = exchange.getRequest().getURI();
      origin = uri.getScheme() + "://" + uri.getRawAuthority();
    }
    return Origins.normalise(origin);
  }
}
