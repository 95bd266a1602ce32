package io.switchboard.gateway.web;

import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Writes the {@link ErrorBody} from a web filter, where no controller advice applies. */
public final class ErrorResponses {

  private final JsonMapper json;

  public ErrorResponses(JsonMapper json) {
    this.json = json;
  }

  /** Answers {@code status} with the error body; headers set before the call are kept. */
  public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String message) {
    ServerHttpResponse response = exchange.getResponse();
    if (response.isCommitted()) {
      return Mono.empty();
    }
    response.setStatusCode(status);
    response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
    byte[] body = json.writeValueAsString(ErrorBody.of(status, message, exchange.getRequest().getPath().value()))
        .getBytes(StandardCharsets.UTF_8);
    return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
  }
}
