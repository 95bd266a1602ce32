package io.switchboard.gateway.security;

import io.switchboard.gateway.web.ErrorResponses;
import org.springframework.http.HttpStatus;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.CorsProcessor;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Spring's CORS processing at the head of the security chain, with a refusal answered 403 with the
 * gateway's JSON error body rather than an empty one. A preflight ends here, without a token.
 */
final class CorsCheck implements WebFilter {

  private final CorsConfigurationSource source;
  private final CorsProcessor processor = new DefaultCorsProcessor();
  private final ErrorResponses errors;

  CorsCheck(CorsConfigurationSource source, ErrorResponses errors) {
    this.source = source;
    this.errors = errors;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    CorsConfiguration configuration = source.getCorsConfiguration(exchange);
    if (!processor.process(configuration, exchange)) {
      return errors.write(exchange, HttpStatus.FORBIDDEN, "Cross-origin request refused: this origin may not call "
          + exchange.getRequest().getPath().value());
    }
    if (CorsUtils.isPreFlightRequest(exchange.getRequest())) {
      return Mono.empty();
    }
    return chain.filter(exchange);
  }
}
