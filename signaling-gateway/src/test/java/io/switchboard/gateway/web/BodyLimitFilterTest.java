package io.switchboard.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

class BodyLimitFilterTest {

  private final BodyLimitFilter filter = new BodyLimitFilter(1024, new ErrorResponses(JsonMapper.builder().build()));

  @Test
  void aDeclaredLengthOverTheLimitIsA413WithTheErrorBodyAndNothingRead() {
    MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.put("/api/v1/queues/q")
        .contentLength(1025).body("x".repeat(1025)));
    boolean[] reached = {false};

    filter.filter(exchange, next -> Mono.fromRunnable(() -> reached[0] = true)).as(StepVerifier::create)
        .verifyComplete();

    assertThat(reached[0]).isFalse();
    assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
    assertThat(exchange.getResponse().getBodyAsString().block())
        .isEqualTo("{\"status\":413,\"error\":\"Content Too Large\",\"message\":\"Request body too large: at most 1024 "
            + "bytes\",\"path\":\"/api/v1/queues/q\"}");
  }

  @Test
  void aBodyAtTheLimitPasses() {
    MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/v1/calls")
        .contentLength(1024).body("x".repeat(1024)));

    filter.filter(exchange, next -> DataBufferUtils.join(next.getRequest().getBody()).then())
        .as(StepVerifier::create).verifyComplete();

    assertThat(exchange.getResponse().getStatusCode()).isNull();
  }

  @Test
  void aBodyWithoutALengthFailsWith413OnceItGrowsPastTheLimit() {
    Flux<DataBuffer> chunks = Flux.range(0, 3).map(i -> DefaultDataBufferFactory.sharedInstance
        .wrap("y".repeat(500).getBytes(StandardCharsets.UTF_8)));
    MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/v1/calls").body(chunks));

    filter.filter(exchange, next -> DataBufferUtils.join(next.getRequest().getBody()).then())
        .as(StepVerifier::create)
        .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(ApiException.class)
            .hasMessage("Request body too large: at most 1024 bytes")
            .extracting(e -> ((ApiException) e).status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE))
        .verify();
  }
}
