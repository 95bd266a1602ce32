package io.switchboard.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

class CustomerOriginsTest {

  @Test
  void theOriginHeaderIsTheOrigin() {
    assertThat(CustomerOrigins.origin(MockServerWebExchange.from(MockServerHttpRequest.get("http://gw.example:8080/api/v1/calls/x")
        .header("Origin", "https://shop.example").header("Sec-Fetch-Site", "same-origin")))).contains("https://shop.example");
  }

  @Test
  void aSameOriginGetWithoutOriginIsFromTheGatewaysOwnOrigin() {
    assertThat(CustomerOrigins.origin(MockServerWebExchange.from(MockServerHttpRequest.get("http://127.0.0.1:8080/api/v1/calls/x")
        .header("Sec-Fetch-Site", "same-origin")))).contains("http://127.0.0.1:8080");
  }

  @Test
  void withoutOriginOrSameOriginFetchMetadataThereIsNone() {
    assertThat(CustomerOrigins.origin(MockServerWebExchange.from(MockServerHttpRequest.get("http://127.0.0.1:8080/api/v1/calls/x")))).isEmpty();
    assertThat(CustomerOrigins.origin(MockServerWebExchange.from(MockServerHttpRequest.get("http://127.0.0.1:8080/api/v1/calls/x")
        .header("Sec-Fetch-Site", "cross-site")))).isEmpty();
  }
}
