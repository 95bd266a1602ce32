package io.switchboard.gateway.ratelimit;

import io.switchboard.gateway.security.Caller;
import io.switchboard.gateway.security.CallerClaims;
import io.switchboard.gateway.web.ClientAddress;
import io.switchboard.gateway.web.ErrorResponses;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * 429 with {@code Retry-After} for the REST routes that a client could flood: call creation and
 * agent sign-in, each limited per client address and per principal, and the widget token exchange,
 * open without a token, per client address. It runs after authentication (a request without a
 * valid token is a 401 first, except on the exchange), so the principal is the token's.
 */
final class RateLimitFilter implements WebFilter {

  private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

  /** One limited route: its method and path, and a bucket table per client address and per principal (or none). */
  record Route(String name, HttpMethod method, PathPattern path, TokenBuckets<String> perIp,
      TokenBuckets<String> perPrincipal) {

    static Route of(String name, HttpMethod method, String path, RateLimitProperties.PerClient limits, Clock clock,
        int maxKeys) {
      return new Route(name, method, PathPatternParser.defaultInstance.parse(path),
          new TokenBuckets<>(limits.perIp(), clock, maxKeys), new TokenBuckets<>(limits.perPrincipal(), clock, maxKeys));
    }

    static Route byAddress(String name, HttpMethod method, String path, Limit perIp, Clock clock, int maxKeys) {
      return new Route(name, method, PathPatternParser.defaultInstance.parse(path),
          new TokenBuckets<>(perIp, clock, maxKeys), null);
    }

    boolean matches(ServerWebExchange exchange) {
      return method.equals(exchange.getRequest().getMethod()) && path.matches(exchange.getRequest().getPath().pathWithinApplication());
    }
  }

  private final List<Route> routes;
  private final CallerClaims claims;
  private final ErrorResponses errors;

  RateLimitFilter(List<Route> routes, CallerClaims claims, ErrorResponses errors) {
    this.routes = List.copyOf(routes);
    this.claims = claims;
    this.errors = errors;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    Optional<Route> route = routes.stream().filter(r -> r.matches(exchange)).findFirst();
    if (route.isEmpty()) {
      return chain.filter(exchange);
    }
    return exchange.getPrincipal()
        .filter(JwtAuthenticationToken.class::isInstance)
        .map(principal -> principalKey(claims.caller(((JwtAuthenticationToken) principal).getToken())))
        .defaultIfEmpty("")
        .flatMap(principal -> {
          Route limited = route.get();
          TokenBucket.Decision byIp = limited.perIp().tryTake(Objects.requireNonNullElse(ClientAddress.of(exchange), "unknown"));
          TokenBucket.Decision byPrincipal = principal.isEmpty() || limited.perPrincipal() == null ? byIp
              : limited.perPrincipal().tryTake(principal);
          if (byIp.allowed() && byPrincipal.allowed()) {
            return chain.filter(exchange);
          }
          // Of two refusals, the longer wait is the one that tells the truth.
          boolean ipDecides = !byIp.allowed()
              && (byPrincipal.allowed() || byIp.retryAfter().compareTo(byPrincipal.retryAfter()) >= 0);
          TokenBucket.Decision refused = ipDecides ? byIp : byPrincipal;
          Limit limit = ipDecides ? limited.perIp().limit() : limited.perPrincipal().limit();
          String scope = ipDecides ? "client address" : "caller";
          long retryAfter = refused.retryAfterSeconds();
          log.info("Rate limit of {} per {} reached ({}): {} {}", limited.name(), scope, limit,
              exchange.getRequest().getMethod(), exchange.getRequest().getPath());
          exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
          return errors.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "Too many requests: " + limited.name()
              + " is limited to " + limit + " per " + scope + "; retry after " + retryAfter + " s");
        });
  }

  private static String principalKey(Caller caller) {
    return caller.tenant() + "/" + caller.subject();
  }
}
