package io.switchboard.gateway.security;

import io.switchboard.gateway.web.ApiException;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Gives a controller method its {@link Caller} argument, from the request's authenticated token. */
final class CallerArgumentResolver implements HandlerMethodArgumentResolver {

  private final CallerClaims claims;

  CallerArgumentResolver(CallerClaims claims) {
    this.claims = claims;
  }

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == Caller.class;
  }

  @Override
  public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext context, ServerWebExchange exchange) {
    return exchange.getPrincipal()
        .filter(JwtAuthenticationToken.class::isInstance)
        .map(principal -> (Object) claims.caller(((JwtAuthenticationToken) principal).getToken()))
        // Only reachable if a route were left open by mistake: never guess a tenant.
        .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.UNAUTHORIZED, "Authentication required")));
  }
}
