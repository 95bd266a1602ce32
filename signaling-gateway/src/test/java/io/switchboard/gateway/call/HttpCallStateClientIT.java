package io.switchboard.gateway.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.web.ApiException;
import io.switchboard.schemas.call.CallState;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

/** The client against a real HTTP server on loopback, and against nothing at all. */
class HttpCallStateClientIT {

  private final DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
      .route(routes -> routes
          .get("/api/v1/calls/live", (request, response) -> response.header("Content-Type", "application/json")
              .sendString(Mono.just("{\"callId\":\"live\",\"state\":\"RINGING\",\"agentId\":\""
                  + request.requestHeaders().get("X-Tenant-Id") + "-agent\",\"queue\":\"sales\"}")))
          .get("/api/v1/calls/broken", (request, response) -> response.status(500).sendString(Mono.just("oops")))
          .get("/api/v1/calls/{id}", (request, response) -> response.status(404)
              .header("Content-Type", "application/json").sendString(Mono.just("{\"status\":404}"))))
      .bindNow();

  @AfterEach
  void stop() {
    server.disposeNow();
  }

  private HttpCallStateClient client(String url) {
    return new HttpCallStateClient(new CallStateProperties(url, Duration.ofSeconds(2)));
  }

  @Test
  void readsTheCallOfTheTenant() {
    HttpCallStateClient client = client("http://127.0.0.1:" + server.port());
    try {
      client.find("acme", "live").as(StepVerifier::create)
          .expectNext(new CallView("live", CallState.RINGING, "acme-agent"))
          .verifyComplete();
      client.find("acme", "unknown").as(StepVerifier::create).verifyComplete();
      client.get("acme", "unknown").as(StepVerifier::create)
          .assertNext(response -> {
            assertThat(response.getStatusCode().value()).isEqualTo(404);
            assertThat(response.getBody()).isEqualTo("{\"status\":404}");
          })
          .verifyComplete();
    } finally {
      client.destroy();
    }
  }

  @Test
  void aServerErrorOfCallStateIsUnavailable() {
    HttpCallStateClient client = client("http://127.0.0.1:" + server.port());
    try {
      client.find("acme", "broken").as(StepVerifier::create)
          .expectErrorSatisfies(error -> assertThat(((ApiException) error).status())
              .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE))
          .verify();
    } finally {
      client.destroy();
    }
  }

  @Test
  void anUnreachableCallStateIsUnavailable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    HttpCallStateClient client = client("http://127.0.0.1:" + closedPort);
    try {
      client.get("acme", "live").as(StepVerifier::create)
          .expectErrorSatisfies(error -> {
            assertThat(((ApiException) error).status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(error.getMessage()).contains("unreachable");
          })
          .verify(Duration.ofSeconds(10));
      client.query("acme", "/api/v1/calls", "limit=5", java.util.List.of()).as(StepVerifier::create)
          .expectErrorSatisfies(error -> assertThat(((ApiException) error).status())
              .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE))
          .verify(Duration.ofSeconds(10));
    } finally {
      client.destroy();
    }
  }
}
