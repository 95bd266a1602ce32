package io.switchboard.gateway.web;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses request bodies over {@code switchboard.gateway.limits.max-body-size} with 413 and the error
 * body: at once when {@code Content-Length} says so (before authentication, nothing is read), and
 * while reading when a body without a length grows past it.
 */
public final class BodyLimitFilter implements WebFilter, Ordered {

  /** Before the security filters (order -100): an oversized body is not worth checking a token for. */
  static final int ORDER = -200;

  private final long maxBytes;
  private final ErrorResponses errors;

  public BodyLimitFilter(long maxBytes, ErrorResponses errors) {
    this.maxBytes = maxBytes;
    this.errors = errors;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    long declared = exchange.getRequest().getHeaders().getContentLength();
    if (declared > maxBytes) {
      return errors.write(exchange, HttpStatus.CONTENT_TOO_LARGE, message());
    }
    if (declared >= 0) {
      return chain.filter(exchange);
    }
    ServerHttpRequest counted = new ServerHttpRequestDecorator(exchange.getRequest()) {
      @Override
      public Flux<DataBuffer> getBody() {
        AtomicLong read = new AtomicLong();
        return super.getBody().handle((buffer, sink) -> {
          if (read.addAndGet(buffer.readableByteCount()) > maxBytes) {
            DataBufferUtils.release(buffer);
            sink.error(new ApiException(HttpStatus.CONTENT_TOO_LARGE, message()));
          } else {
            sink.next(buffer);
          }
        });
      }
    };
    return chain.filter(exchange.mutate().request(counted).build());
  }

  private String message() {
    return "Request body too large: at most " + maxBytes + " bytes";
  }

  @Override
  public int getOrder() {
    return ORDER;
  }
}
