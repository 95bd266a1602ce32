package io.switchboard.gateway.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.events.EventPublisher;
import io.switchboard.gateway.events.RecordingPublisher;
import io.switchboard.gateway.web.ApiException;
import io.switchboard.gateway.web.TestWeb;
import io.switchboard.schemas.avro.CallChannel;
import io.switchboard.schemas.avro.CallCreated;
import io.switchboard.schemas.avro.CallDirection;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallQueued;
import io.switchboard.schemas.call.CallState;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClientConfigurer;
import reactor.core.publisher.Mono;

class CallApiTest {

  private final RecordingPublisher publisher = new RecordingPublisher();
  private final FakeCallState callState = new FakeCallState();

  /** Calls by "tenant/callId"; {@code down} makes every query fail as if call-state were unreachable. */
  static final class FakeCallState implements CallStateClient {
    final Map<String, CallView> calls = new HashMap<>();
    final Map<String, String> tenantsAsked = new HashMap<>();
    boolean down;

    @Override
    public Mono<ResponseEntity<String>> get(String tenantId, String callId) {
      tenantsAsked.put(callId, tenantId);
      if (down) {
        return Mono.error(ApiException.unavailable("The call-state service is unreachable"));
      }
      CallView call = calls.get(tenantId + "/" + callId);
      return Mono.just(call == null
          ? ResponseEntity.status(404).contentType(MediaType.APPLICATION_JSON).body("{\"status\":404}")
          : ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
              .body("{\"callId\":\"" + callId + "\",\"state\":\"" + call.state() + "\",\"agentId\":"
                  + quoted(call.agentId()) + ",\"customerId\":" + quoted(call.customerId()) + "}"));
    }

    private static String quoted(String value) {
      return value == null ? "null" : "\"" + value + "\"";
    }

    @Override
    public Mono<CallView> find(String tenantId, String callId) {
      return get(tenantId, callId).flatMap(r -> Mono.justOrEmpty(calls.get(tenantId + "/" + callId)));
    }

    @Override
    public Mono<ResponseEntity<reactor.core.publisher.Flux<org.springframework.core.io.buffer.DataBuffer>>> query(
        String tenantId, String path, String rawQuery, java.util.List<MediaType> accept) {
      return Mono.error(ApiException.unavailable("history and reports are not part of these tests"));
    }
  }

  private void run(Consumer<WebTestClient> test) {
    run(TestWeb.as("default", "supervisor"), test);
  }

  private void run(WebTestClientConfigurer caller, Consumer<WebTestClient> test) {
    TestWeb.runner()
        .withBean(EventPublisher.class, () -> publisher)
        .withBean(CallStateClient.class, () -> callState)
        .withUserConfiguration(CallController.class)
        .run(context -> {
          assertThat(context).hasNotFailed();
          test.accept(TestWeb.client(context, caller));
        });
  }

  @Test
  void createPublishesCreatedThenQueuedUnderTheNewCallIdWithTheCallerAsCustomer() {
    run(TestWeb.customer("acme", "c-42"), client -> {
      var result = client.post().uri("/api/v1/calls").header("X-Tenant-Id", "globex")
          .contentType(MediaType.APPLICATION_JSON)
          .bodyValue("{\"queue\":\"sales\",\"customerId\":\"someone-else\",\"attributes\":{\"vip\":\"true\",\"media\":\"video\"},\"tags\":[\"urgent\"]}")
          .exchange()
          .expectStatus().isCreated()
          .expectBody(Map.class).returnResult();
      String callId = (String) result.getResponseBody().get("callId");
      assertThat(result.getResponseHeaders().getLocation()).hasToString("/api/v1/calls/" + callId);

      assertThat(publisher.sent()).hasSize(2).allSatisfy(sent -> {
        assertThat(sent.topic()).isEqualTo("call.events");
        assertThat(sent.key()).isEqualTo(callId);
        assertThat(((CallEvent) sent.value()).getTenantId()).isEqualTo("acme");
      });
      CallCreated created = (CallCreated) ((CallEvent) publisher.sent().get(0).value()).getPayload();
      assertThat(created.getQueue()).isEqualTo("sales");
      assertThat(created.getDirection()).isEqualTo(CallDirection.INBOUND);
      assertThat(created.getChannel()).isEqualTo(CallChannel.WEBRTC);
      assertThat(created.getCustomerId()).isEqualTo("c-42");
      assertThat(created.getAttributes()).containsEntry("vip", "true").containsEntry("media", "video");
      assertThat(created.getTags()).containsExactly("urgent");
      CallQueued queued = (CallQueued) ((CallEvent) publisher.sent().get(1).value()).getPayload();
      assertThat(queued.getQueue()).isEqualTo("sales");
    });
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{}|queue",
      "{\"queue\":\"  \"}|queue",
      "{\"queue\":\"sales/emea\"}|queue",
      "{\"queue\":\"sales\",\"direction\":\"SIDEWAYS\"}|direction",
      "{\"queue\":\"sales\",\"channel\":\"PIGEON\"}|channel",
      "{\"queue\":\"sales\",\"tags\":[\"\"]}|tags[0]",
      "{\"queue\":\"sales\",\"attributes\":{\"media\":\"hologram\"}}|attributes.media must be audio or video"})
  void createRefusesInvalidInput(String body, String field) {
    run(TestWeb.customer("default", "c-1"), client -> {
      client.post().uri("/api/v1/calls").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
          .exchange()
          .expectStatus().isBadRequest()
          .expectBody()
          .jsonPath("$.status").isEqualTo(400)
          .jsonPath("$.path").isEqualTo("/api/v1/calls")
          .jsonPath("$.message").value(m -> assertThat((String) m).contains(field));
      assertThat(publisher.sent()).isEmpty();
    });
  }

  @Test
  void getPassesCallStatesAnswerThroughWithTheTokensTenant() {
    callState.calls.put("acme/k1", new CallView("k1", CallState.QUEUED, null));
    run(TestWeb.as("acme", "supervisor"), client -> {
      client.get().uri("/api/v1/calls/k1").header("X-Tenant-Id", "globex")
          .exchange()
          .expectStatus().isOk()
          .expectBody().jsonPath("$.state").isEqualTo("QUEUED");
      assertThat(callState.tenantsAsked).containsEntry("k1", "acme");
      client.get().uri("/api/v1/calls/k2").exchange().expectStatus().isNotFound();
    });
  }

  @Test
  void getAnswers503WhenCallStateIsUnreachable() {
    callState.down = true;
    run(client -> client.get().uri("/api/v1/calls/k1")
        .exchange()
        .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
        .expectBody()
        .jsonPath("$.status").isEqualTo(503)
        .jsonPath("$.path").isEqualTo("/api/v1/calls/k1"));
  }

  @ParameterizedTest
  @CsvSource({"CONNECTED, ENDED", "ON_HOLD, ENDED", "QUEUED, ABANDONED", "RINGING, CANCELLED", "INITIATING, CANCELLED"})
  void endPublishesTheOutcomeThatFitsTheState(CallState state, String outcome) {
    callState.calls.put("default/k1", new CallView("k1", state, "a1"));
    run(client -> {
      client.post().uri("/api/v1/calls/k1/end").contentType(MediaType.APPLICATION_JSON)
          .bodyValue("{\"reason\":\"customer hung up\"}")
          .exchange()
          .expectStatus().isAccepted()
          .expectBody().jsonPath("$.outcome").isEqualTo(outcome);
      assertThat(publisher.sent()).singleElement().satisfies(sent -> {
        assertThat(sent.key()).isEqualTo("k1");
        CallEnded ended = (CallEnded) ((CallEvent) sent.value()).getPayload();
        assertThat(ended.getOutcome().name()).isEqualTo(outcome);
        assertThat(ended.getReason()).isEqualTo("customer hung up");
      });
    });
  }

  @Test
  void endWithoutABodyIsAccepted() {
    callState.calls.put("default/k1", new CallView("k1", CallState.CONNECTED, "a1"));
    run(client -> client.post().uri("/api/v1/calls/k1/end").exchange().expectStatus().isAccepted());
    assertThat(publisher.sent()).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(value = CallState.class, names = {"ENDED", "ABANDONED", "CANCELLED", "TRANSFERRED"})
  void endOfAFinishedCallIsAConflict(CallState state) {
    callState.calls.put("default/k1", new CallView("k1", state, null));
    run(client -> client.post().uri("/api/v1/calls/k1/end")
        .exchange()
        .expectStatus().isEqualTo(HttpStatus.CONFLICT)
        .expectBody()
        .jsonPath("$.error").isEqualTo("Conflict")
        .jsonPath("$.message").isEqualTo("Call k1 is already " + state));
    assertThat(publisher.sent()).isEmpty();
  }

  @Test
  void endOfAnUnknownCallIsNotFound() {
    callState.calls.put("other/k1", new CallView("k1", CallState.CONNECTED, null));
    run(client -> client.post().uri("/api/v1/calls/k1/end")
        .exchange()
        .expectStatus().isNotFound()
        .expectBody().jsonPath("$.message").isEqualTo("Call k1 not found"));
    assertThat(publisher.sent()).isEmpty();
  }

  @Test
  void invalidCallIdIsABadRequest() {
    run(client -> client.post().uri("/api/v1/calls/{id}/end", "bad id!")
        .exchange()
        .expectStatus().isBadRequest()
        .expectBody().jsonPath("$.message").value(m -> assertThat((String) m).contains("callId")));
  }

  @ParameterizedTest
  @CsvSource({"agent", "supervisor", "admin", "service"})
  void onlyCustomersCreateCalls(String role) {
    run(TestWeb.caller("acme", "u1", role.equals("agent") ? "a1" : null, role), client -> client.post()
        .uri("/api/v1/calls").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"queue\":\"sales\"}")
        .exchange()
        .expectStatus().isForbidden()
        .expectBody().jsonPath("$.message").isEqualTo("Not allowed to create calls: needs role customer"));
    assertThat(publisher.sent()).isEmpty();
  }

  @Test
  void aCustomerReadsAndEndsItsOwnCallsOnly() {
    callState.calls.put("acme/mine", new CallView("mine", CallState.QUEUED, null, "WEBRTC", "c-1"));
    callState.calls.put("acme/theirs", new CallView("theirs", CallState.QUEUED, null, "WEBRTC", "c-2"));
    run(TestWeb.customer("acme", "c-1"), client -> {
      client.get().uri("/api/v1/calls/mine").exchange().expectStatus().isOk();
      client.get().uri("/api/v1/calls/theirs").exchange().expectStatus().isNotFound()
          .expectBody().jsonPath("$.message").isEqualTo("Call theirs not found");
      client.post().uri("/api/v1/calls/theirs/end").exchange().expectStatus().isNotFound();
      client.post().uri("/api/v1/calls/mine/end").exchange().expectStatus().isAccepted();
    });
    assertThat(publisher.sent()).singleElement()
        .satisfies(sent -> assertThat(((CallEnded) ((CallEvent) sent.value()).getPayload()).getEndedBy()).isEqualTo("c-1"));
  }

  @Test
  void anAgentReadsAndEndsTheCallsRoutedToItOnly() {
    callState.calls.put("acme/mine", new CallView("mine", CallState.CONNECTED, "a1"));
    callState.calls.put("acme/theirs", new CallView("theirs", CallState.CONNECTED, "a2"));
    run(TestWeb.agent("acme", "a1"), client -> {
      client.get().uri("/api/v1/calls/mine").exchange().expectStatus().isOk();
      client.get().uri("/api/v1/calls/theirs").exchange().expectStatus().isNotFound();
      client.post().uri("/api/v1/calls/theirs/end").exchange().expectStatus().isNotFound();
      client.post().uri("/api/v1/calls/mine/end").exchange().expectStatus().isAccepted();
    });
    assertThat(publisher.sent()).singleElement()
        .satisfies(sent -> assertThat(((CallEnded) ((CallEvent) sent.value()).getPayload()).getEndedBy()).isEqualTo("a1"));
  }

  @Test
  void anAdminReadsCallsButDoesNotEndThem() {
    callState.calls.put("acme/k1", new CallView("k1", CallState.CONNECTED, "a1"));
    run(TestWeb.as("acme", "admin"), client -> {
      client.get().uri("/api/v1/calls/k1").exchange().expectStatus().isOk();
      client.post().uri("/api/v1/calls/k1/end").exchange().expectStatus().isForbidden()
          .expectBody().jsonPath("$.message").isEqualTo("Not allowed to end calls: needs role customer, agent or supervisor");
    });
    assertThat(publisher.sent()).isEmpty();
  }
}
