package io.switchboard.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.web.TestWeb;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;

/** The CORS source: the configured origins everywhere, the active widget keys' origins on the widget's paths only. */
class WidgetCorsTest {

  private static final BrowserProperties.Cors CONFIGURED = new BrowserProperties.Cors(List.of("https://desk.example"),
      List.of("GET", "POST"), List.of("Authorization", "Content-Type"), List.of("Retry-After"), Duration.ofMinutes(30));

  private static final CustomerKeys SHOP = new CustomerKeys() {
    @Override
    public Optional<CustomerKey> active(String tenant, String keyId) {
      return Optional.empty();
    }

    @Override
    public Set<String> allOrigins() {
      return Set.of("https://shop.example", "http://localhost:3000");
    }
  };

  private final CorsConfigurationSource source = BrowserPolicy.cors(CONFIGURED, SHOP);

  private CorsConfiguration at(String path) {
    return source.getCorsConfiguration(MockServerWebExchange.from(MockServerHttpRequest.options(path)
        .header("Origin", "https://shop.example").header("Access-Control-Request-Method", "POST").build()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/v1/widget/token", "/api/v1/calls", "/api/v1/calls/c-1", "/api/v1/calls/c-1/end"})
  void theWidgetsPathsAdmitEveryActiveKeysOriginsBesideTheConfiguredOnes(String path) {
    CorsConfiguration cors = at(path);

    assertThat(cors.checkOrigin("https://shop.example")).isEqualTo("https://shop.example");
    assertThat(cors.checkOrigin("http://localhost:3000")).isEqualTo("http://localhost:3000");
    assertThat(cors.checkOrigin("https://desk.example")).isEqualTo("https://desk.example");
    assertThat(cors.checkOrigin("https://evil.example")).isNull();
    assertThat(cors.getAllowedHeaders()).contains("Authorization", "Content-Type");
    assertThat(cors.getAllowCredentials()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/v1/queues/sales", "/api/v1/widget-keys", "/api/v1/agents/a1/sign-in", "/ws",
      "/api/v1/callsx", "/actuator/health"})
  void everyOtherPathKeepsTheConfiguredOriginsOnly(String path) {
    CorsConfiguration cors = at(path);

    assertThat(cors.checkOrigin("https://shop.example")).isNull();
    assertThat(cors.checkOrigin("https://desk.example")).isEqualTo("https://desk.example");
  }

  @Test
  void anActualRequestFromAKeysOriginPasses() {
    MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("http://localhost/api/v1/calls")
        .header("Origin", "https://shop.example").build());
    CorsConfiguration cors = source.getCorsConfiguration(exchange);

    assertThat(new DefaultCorsProcessor().process(cors, exchange)).isTrue();
    assertThat(exchange.getResponse().getHeaders().getAccessControlAllowOrigin()).isEqualTo("https://shop.example");
  }

  @Test
  void withoutKeysTheWidgetsPathsKeepTheConfiguredOrigins() {
    CorsConfiguration cors = BrowserPolicy.cors(CONFIGURED, CustomerKeys.NONE).getCorsConfiguration(
        MockServerWebExchange.from(MockServerHttpRequest.post("/api/v1/widget/token").build()));

    assertThat(cors.getAllowedOrigins()).containsExactly("https://desk.example");
  }

  @Test
  void aRefusedPreflightIsA403WithTheErrorBody() {
    TestWeb.runner().run(context -> TestWeb.anonymous(context).method(HttpMethod.OPTIONS).uri("/api/v1/widget/token")
        .header("Origin", "https://evil.example")
        .header("Access-Control-Request-Method", "POST")
        .exchange()
        .expectStatus().isForbidden()
        .expectHeader().doesNotExist("Access-Control-Allow-Origin")
        .expectBody()
        .jsonPath("$.status").isEqualTo(403)
        .jsonPath("$.message").isEqualTo("Cross-origin request refused: this origin may not call /api/v1/widget/token"));
  }
}
