package io.switchboard.gateway.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.events.EventPublisher;
import io.switchboard.gateway.events.RecordingPublisher;
import io.switchboard.gateway.web.TestWeb;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallPriorityChanged;
import io.switchboard.schemas.avro.CallbackRequested;
import io.switchboard.schemas.call.CallState;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClientConfigurer;

/** PATCH of a waiting call's priority, and callback requests. */
class CallChangesApiTest {

  private final RecordingPublisher publisher = new RecordingPublisher();
  private final CallApiTest.FakeCallState callState = new CallApiTest.FakeCallState();

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

  private Object onlyPayload() {
    assertThat(publisher.sent()).hasSize(1);
    assertThat(publisher.sent().get(0).topic()).isEqualTo("call.events");
    assertThat(publisher.sent().get(0).key()).isEqualTo("k1");
    return ((CallEvent) publisher.sent().get(0).value()).getPayload();
  }

  @ParameterizedTest
  @EnumSource(value = CallState.class, names = {"QUEUED", "RINGING"})
  void patchPublishesAPriorityChangeForAWaitingOrRingingCall(CallState state) {
    callState.calls.put("acme/k1", new CallView("k1", state, null));
    run(TestWeb.as("acme", "supervisor"), client -> client.patch().uri("/api/v1/calls/k1")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"priority\":500,\"attributes\":{\"vip\":\"true\"},\"tags\":[\"escalation\"]}")
        .exchange()
        .expectStatus().isAccepted()
        .expectBody().jsonPath("$.callId").isEqualTo("k1").jsonPath("$.eventId").isNotEmpty());

    assertThat(onlyPayload()).isEqualTo(new CallPriorityChanged(500, Map.of("vip", "true"), List.of("escalation")));
    assertThat(((CallEvent) publisher.sent().get(0).value()).getTenantId()).isEqualTo("acme");
  }

  @Test
  void patchWithoutAPriorityAsksTheEngineToRecomputeIt() {
    callState.calls.put("default/k1", new CallView("k1", CallState.QUEUED, null));
    run(client -> client.patch().uri("/api/v1/calls/k1").contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"tags\":[\"urgent\"]}")
        .exchange()
        .expectStatus().isAccepted());
    assertThat(onlyPayload()).isEqualTo(new CallPriorityChanged(null, Map.of(), List.of("urgent")));
  }

  @ParameterizedTest
  @EnumSource(value = CallState.class, names = {"CONNECTED", "ON_HOLD", "ENDED", "INITIATING", "CONNECTING"})
  void patchOfACallNoLongerWaitingIsAConflict(CallState state) {
    callState.calls.put("default/k1", new CallView("k1", state, "a1"));
    run(client -> client.patch().uri("/api/v1/calls/k1").contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"priority\":10}")
        .exchange()
        .expectStatus().isEqualTo(409)
        .expectBody().jsonPath("$.message")
        .isEqualTo("Call k1 is " + state + "; only QUEUED or RINGING calls can change its priority"));
    assertThat(publisher.sent()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{}|at least one of priority, attributes or tags",
      "{\"priority\":-1}|priority",
      "{\"priority\":1000001}|priority",
      "{\"tags\":[\" \"]}|tags[0]"})
  void patchRefusesInvalidInput(String body, String message) {
    callState.calls.put("default/k1", new CallView("k1", CallState.QUEUED, null));
    run(client -> client.patch().uri("/api/v1/calls/k1").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
        .exchange()
        .expectStatus().isBadRequest()
        .expectBody().jsonPath("$.message").value(m -> assertThat((String) m).contains(message)));
    assertThat(publisher.sent()).isEmpty();
  }

  @Test
  void patchAndCallbackOfAnUnknownCallAreNotFound() {
    run(client -> {
      client.patch().uri("/api/v1/calls/k1").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"priority\":1}")
          .exchange().expectStatus().isNotFound();
      client.post().uri("/api/v1/calls/k1/callback").exchange().expectStatus().isNotFound();
    });
    assertThat(publisher.sent()).isEmpty();
  }

  @Test
  void callbackPublishesTheRequestForAQueuedCall() {
    callState.calls.put("default/k1", new CallView("k1", CallState.QUEUED, null));
    run(client -> client.post().uri("/api/v1/calls/k1/callback").contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"number\":\"+4930123456\"}")
        .exchange()
        .expectStatus().isAccepted()
        .expectBody().jsonPath("$.number").isEqualTo("+4930123456"));
    assertThat(onlyPayload()).isEqualTo(new CallbackRequested("+4930123456"));
  }

  @Test
  void callbackWithoutANumberUsesTheCallersAddress() {
    callState.calls.put("default/k1", new CallView("k1", CallState.QUEUED, null));
    run(client -> client.post().uri("/api/v1/calls/k1/callback").exchange().expectStatus().isAccepted());
    assertThat(onlyPayload()).isEqualTo(new CallbackRequested(null));
  }

  @ParameterizedTest
  @EnumSource(value = CallState.class, names = {"RINGING", "CONNECTED", "ENDED"})
  void callbackIsOnlyForQueuedCalls(CallState state) {
    callState.calls.put("default/k1", new CallView("k1", state, null));
    run(client -> client.post().uri("/api/v1/calls/k1/callback")
        .exchange()
        .expectStatus().isEqualTo(409)
        .expectBody().jsonPath("$.message")
        .isEqualTo("Call k1 is " + state + "; only QUEUED calls can be called back"));
    assertThat(publisher.sent()).isEmpty();
  }

  @Test
  void callbackRefusesABlankNumber() {
    callState.calls.put("default/k1", new CallView("k1", CallState.QUEUED, null));
    run(client -> client.post().uri("/api/v1/calls/k1/callback").contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"number\":\"  \"}")
        .exchange()
        .expectStatus().isBadRequest()
        .expectBody().jsonPath("$.message").value(m -> assertThat((String) m).contains("number")));
  }

  @ParameterizedTest
  @CsvSource({"customer", "agent", "admin"})
  void onlyASupervisorChangesAPriority(String role) {
    callState.calls.put("default/k1", new CallView("k1", CallState.QUEUED, "a1", "WEBRTC", "customer-user"));
    run(TestWeb.caller("default", role + "-user", role.equals("agent") ? "a1" : null, role), client -> client.patch()
        .uri("/api/v1/calls/k1").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"priority\":1}")
        .exchange()
        .expectStatus().isForbidden()
        .expectBody().jsonPath("$.message").isEqualTo("Not allowed to change a call's priority: needs role supervisor"));
    assertThat(publisher.sent()).isEmpty();
  }

  @Test
  void aCustomerAsksForACallbackOnItsOwnCallOnly() {
    callState.calls.put("default/mine", new CallView("mine", CallState.QUEUED, null, "WEBRTC", "c-1"));
    callState.calls.put("default/theirs", new CallView("theirs", CallState.QUEUED, null, "WEBRTC", "c-2"));
    run(TestWeb.customer("default", "c-1"), client -> {
      client.post().uri("/api/v1/calls/theirs/callback").exchange().expectStatus().isNotFound();
      client.post().uri("/api/v1/calls/mine/callback").exchange().expectStatus().isAccepted();
    });
    assertThat(publisher.sent()).hasSize(1);
  }

  @Test
  void anAgentDoesNotAskForCallbacks() {
    callState.calls.put("default/k1", new CallView("k1", CallState.QUEUED, "a1"));
    run(TestWeb.agent("default", "a1"), client -> client.post().uri("/api/v1/calls/k1/callback")
        .exchange().expectStatus().isForbidden());
    assertThat(publisher.sent()).isEmpty();
  }
}
