package io.switchboard.callstate.query;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * {@code format=csv} is a link-friendly {@code Accept: text/csv}: rewriting the header here lets
 * the controllers choose JSON or CSV by {@code produces} alone.
 */
@Component
class CsvFormatFilter implements WebFilter {

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String format = exchange.getRequest().getQueryParams().getFirst("format");
    if (format == null || !format.trim().equalsIgnoreCase("csv")
        || !exchange.getRequest().getPath().value().startsWith("/api/v1/")) {
      return chain.filter(exchange);
    }
    return chain.filter(exchange.mutate()
        .request(request -> request.headers(headers -> headers.set(HttpHeaders.ACCEPT, Csv.TEXT_CSV.toString())))
        .build());
  }
}
