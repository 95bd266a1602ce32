package io.switchboard.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.web.TestWeb;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class BrowserPolicyTest {

  private static final String CSP = "Content-Security-Policy";

  @Test
  void everyAnswerCarriesTheSecurityHeadersAndTheDefaultPolicy() {
    TestWeb.runner().run(context -> TestWeb.anonymous(context).get().uri("http://desk.example:8080/api/v1/calls")
        .exchange()
        .expectStatus().isUnauthorized()
        .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
        .expectHeader().valueEquals("X-Frame-Options", "DENY")
        .expectHeader().valueEquals("Referrer-Policy", "same-origin")
        .expectHeader().value("Cache-Control", value -> assertThat(value).contains("no-store"))
        .expectHeader().valueEquals(CSP, "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self' ws://desk.example:8080; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; "
            + "form-action 'self'"));
  }

  @Test
  void thePolicyAndTheReferrerPolicyAreConfigurable() {
    TestWeb.runner()
        .withPropertyValues("switchboard.gateway.browser.headers.content-security-policy=default-src 'none'",
            "switchboard.gateway.browser.headers.referrer-policy=no-referrer")
        .run(context -> TestWeb.client(context, TestWeb.customer("t1", "c1")).get().uri("/nowhere").exchange()
            .expectHeader().valueEquals(CSP, "default-src 'none'")
            .expectHeader().valueEquals("Referrer-Policy", "no-referrer"));
  }

  @Test
  void theWebSocketOriginFollowsTheSchemeAndAnOddAuthorityIsLeftOut() {
    String template = "connect-src 'self' {ws-origin}; default-src 'self'";

    assertThat(BrowserPolicy.policy(template, MockServerHttpRequest.get("https://gw.example/").build()))
        .isEqualTo("connect-src 'self' wss://gw.example; default-src 'self'");
    assertThat(BrowserPolicy.policy(template, MockServerHttpRequest.get("http://10.0.0.5:8080/").build()))
        .isEqualTo("connect-src 'self' ws://10.0.0.5:8080; default-src 'self'");
    assertThat(BrowserPolicy.policy(template, MockServerHttpRequest.get("http://user@gw.example/").build()))
        .isEqualTo("connect-src 'self'; default-src 'self'");
  }

  @Test
  void anotherOriginIsRefusedAndByDefaultEveryOtherOriginIs() {
    TestWeb.runner().withPropertyValues("switchboard.gateway.browser.cors.allowed-origins=https://desk.example")
        .run(context -> TestWeb.anonymous(context).method(HttpMethod.OPTIONS).uri("/api/v1/calls")
            .header("Origin", "https://evil.example")
            .header("Access-Control-Request-Method", "POST")
            .exchange()
            .expectStatus().isForbidden()
            .expectHeader().doesNotExist("Access-Control-Allow-Origin"));
    TestWeb.runner().run(context -> TestWeb.client(context, TestWeb.customer("t1", "c1")).get().uri("/api/v1/calls")
        .header("Origin", "https://desk.example")
        .exchange()
        .expectStatus().isForbidden()
        .expectHeader().doesNotExist("Access-Control-Allow-Origin"));
  }
}
