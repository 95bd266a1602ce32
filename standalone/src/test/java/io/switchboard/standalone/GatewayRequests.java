package io.switchboard.standalone;

import io.switchboard.testsupport.Poll;
import java.net.URI;
import java.time.Duration;
import java.util.function.Predicate;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** REST requests to a running stack's gateway, as a test makes them: each answered with its status and JSON body. */
final class GatewayRequests {

  /** A status and the body read as JSON ({@code {}} when empty). */
  record Answer(int status, JsonNode body) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final WebClient http = WebClient.create();
  private final String base;
  private final Duration wait;

  GatewayRequests(StandaloneSettings settings, Duration wait) {
    this.base = "http://" + settings.host() + ":" + settings.gatewayPort();
    this.wait = wait;
  }

  Answer answer(String token, String method, String path, Object body) {
    WebClient.RequestBodySpec request = http.method(HttpMethod.valueOf(method)).uri(URI.create(base + path))
        .headers(headers -> headers.setBearerAuth(token));
    if (body != null) {
      request.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }
    return request.exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("{}")
            .map(text -> new Answer(response.statusCode().value(), JSON.readTree(text))))
        .onErrorResume(error -> Mono.error(new AssertionError(method + " " + path + " failed", error)))
        .block(wait);
  }

  /** The call as {@code token} reads it, once it matches {@code condition}. */
  JsonNode awaitCall(String token, String callId, Predicate<JsonNode> condition) {
    return Poll.until(wait, "call " + callId + " to match", () -> {
      Answer call = answer(token, "GET", "/api/v1/calls/" + callId, null);
      return call.status() == 200 && condition.test(call.body()) ? call.body() : null;
    });
  }
}
