package io.switchboard.gateway.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.web.ApiException;
import io.switchboard.gateway.web.TestWeb;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClientConfigurer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Which reads the gateway forwards to call-state, and with what: tenant, path, raw query, Accept. */
class HistoryForwardingTest {

  private final ForwardingCallState callState = new ForwardingCallState();

  /** Records each forwarded query and answers with a CSV line naming it, streamed in two chunks. */
  static final class ForwardingCallState implements CallStateClient {
    final List<String> forwarded = new ArrayList<>();

    @Override
    public Mono<ResponseEntity<String>> get(String tenantId, String callId) {
      return Mono.error(ApiException.unavailable("single calls are not part of these tests"));
    }

    @Override
    public Mono<CallView> find(String tenantId, String callId) {
      return Mono.error(ApiException.unavailable("single calls are not part of these tests"));
    }

    @Override
    public Mono<ResponseEntity<Flux<DataBuffer>>> query(String tenantId, String path, String rawQuery,
        List<MediaType> accept) {
      String line = tenantId + " " + path + "?" + rawQuery + " " + accept;
      forwarded.add(line);
      Flux<DataBuffer> body = Flux.just("queue,waiting\r\n", line + "\r\n")
          .map(chunk -> DefaultDataBufferFactory.sharedInstance.wrap(chunk.getBytes(StandardCharsets.UTF_8)));
      return Mono.just(ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv")).body(body));
    }
  }

  private void run(Consumer<WebTestClient> test) {
    run(TestWeb.as("acme", "supervisor"), test);
  }

  private void run(WebTestClientConfigurer caller, Consumer<WebTestClient> test) {
    TestWeb.runner()
        .withBean(CallStateClient.class, () -> callState)
        .withUserConfiguration(HistoryController.class)
        .run(context -> {
          assertThat(context).hasNotFailed();
          test.accept(TestWeb.client(context, caller));
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/v1/reports/queues/live", "/api/v1/reports/queues/intervals",
      "/api/v1/reports/queues", "/api/v1/reports/agents", "/api/v1/reports/calls/summary", "/api/v1/calls/active"})
  void forwardsTheReportWithTenantQueryAndAcceptAndStreamsTheAnswerBack(String path) {
    run(client -> {
      String body = client.get().uri(path + "?from=2026-11-22T00:00:00Z&queue=sales").header("X-Tenant-Id", "globex")
          .header("Accept", "text/csv")
          .exchange()
          .expectStatus().isOk()
          .expectHeader().contentTypeCompatibleWith("text/csv")
          .expectBody(String.class).returnResult().getResponseBody();

      String expected = "acme " + path + "?from=2026-11-22T00:00:00Z&queue=sales [text/csv]";
      assertThat(callState.forwarded).containsExactly(expected);
      assertThat(body).isEqualTo("queue,waiting\r\n" + expected + "\r\n");
    });
  }

  @Test
  void aPathNotListedIsNotForwarded() {
    run(client -> {
      client.get().uri("/api/v1/reports/queues/everything")
          .exchange()
          .expectStatus().isNotFound();
      assertThat(callState.forwarded).isEmpty();
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/v1/calls", "/api/v1/calls/active"})
  void anAgentsHistoryIsForcedToItself(String path) {
    run(TestWeb.agent("acme", "a1"), client -> {
      client.get().uri(URI.create(path + "?agent=a2&queue=sales&%61gent=a3&agent")).exchange().expectStatus().isOk();
      client.get().uri(path).exchange().expectStatus().isOk();
      assertThat(callState.forwarded).containsExactly(
          "acme " + path + "?queue=sales&agent=a1 []", "acme " + path + "?agent=a1 []");
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/v1/reports/queues/live", "/api/v1/reports/agents", "/api/v1/reports/calls/summary"})
  void reportsAreForSupervisorsAndAdmins(String path) {
    run(TestWeb.agent("acme", "a1"), client -> client.get().uri(path).exchange().expectStatus().isForbidden()
        .expectBody().jsonPath("$.message").isEqualTo("Not allowed to read " + path + ": needs role supervisor or admin"));
    run(TestWeb.customer("acme", "c-1"), client -> client.get().uri(path).exchange().expectStatus().isForbidden());
    run(TestWeb.as("acme", "admin"), client -> client.get().uri(path).exchange().expectStatus().isOk());
    assertThat(callState.forwarded).hasSize(1);
  }

  @Test
  void aCustomerHasNoHistory() {
    run(TestWeb.customer("acme", "c-1"), client -> client.get().uri("/api/v1/calls").exchange()
        .expectStatus().isForbidden());
    assertThat(callState.forwarded).isEmpty();
  }
}
