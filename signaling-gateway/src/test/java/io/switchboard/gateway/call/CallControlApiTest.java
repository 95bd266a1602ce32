package io.switchboard.gateway.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.events.EventPublisher;
import io.switchboard.gateway.events.RecordingPublisher;
import io.switchboard.gateway.web.TestWeb;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallHeld;
import io.switchboard.schemas.avro.CallResumed;
import io.switchboard.schemas.avro.CallTransferred;
import io.switchboard.schemas.avro.NumberTransferRequested;
import io.switchboard.schemas.avro.CallWrappedUp;
import io.switchboard.schemas.avro.ParticipantUpdated;
import io.switchboard.schemas.avro.TransferTargetType;
import io.switchboard.schemas.call.CallState;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClientConfigurer;

/** Hold, resume, media, transfer and wrap-up through REST: who may, in which states, and the event published. */
class CallControlApiTest {

  private final RecordingPublisher publisher = new RecordingPublisher();
  private final CallApiTest.FakeCallState callState = new CallApiTest.FakeCallState();

  private void run(WebTestClientConfigurer caller, Consumer<WebTestClient> test) {
    TestWeb.runner()
        .withBean(EventPublisher.class, () -> publisher)
        .withBean(CallStateClient.class, () -> callState)
        .withUserConfiguration(CallControl.class, CallControlController.class)
        .run(context -> {
          assertThat(context).hasNotFailed();
          test.accept(TestWeb.client(context, caller));
        });
  }

  private static WebTestClient.ResponseSpec post(WebTestClient client, String path, String body) {
    var request = client.post().uri("/api/v1/calls/" + path);
    return body == null ? request.exchange()
        : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
  }

  private Object published() {
    assertThat(publisher.sent()).hasSize(1);
    assertThat(publisher.sent().get(0).topic()).isEqualTo("call.events");
    assertThat(publisher.sent().get(0).key()).isEqualTo("k1");
    return ((CallEvent) publisher.sent().get(0).value()).getPayload();
  }

  private void call(CallState state) {
    callState.calls.put("acme/k1", new CallView("k1", state, "a1", "WEBRTC", "cust-1"));
  }

  @Test
  void theCallsAgentHoldsAConnectedCall() {
    call(CallState.CONNECTED);

    run(TestWeb.agent("acme", "a1"), client -> post(client, "k1/hold", null)
        .expectStatus().isAccepted().expectBody().jsonPath("$.callId").isEqualTo("k1")
        .jsonPath("$.eventId").isNotEmpty());

    assertThat(published()).isEqualTo(new CallHeld("a1"));
  }

  @Test
  void aSupervisorResumesAHeldCallAsItsSubject() {
    call(CallState.ON_HOLD);

    run(TestWeb.as("acme", "supervisor"), client -> post(client, "k1/resume", null).expectStatus().isAccepted());

    assertThat(published()).isEqualTo(new CallResumed("supervisor-user"));
  }

  @ParameterizedTest
  @EnumSource(value = CallState.class, names = {"QUEUED", "RINGING", "ENDED", "ABANDONED"})
  void holdingACallNotAnsweredIsAConflictNamingTheAllowedTransitions(CallState state) {
    call(state);

    run(TestWeb.agent("acme", "a1"), client -> post(client, "k1/hold", null)
        .expectStatus().isEqualTo(409)
        .expectBody().jsonPath("$.message").value(m -> assertThat((String) m)
            .startsWith("Call k1 is " + state + "; only CONNECTED, RECONNECTING calls can be held (from " + state
                + " a call can move to: ")));

    assertThat(publisher.sent()).isEmpty();
  }

  @Test
  void holdingAHeldCallOrResumingAConnectedOneIsAConflict() {
    call(CallState.ON_HOLD);
    run(TestWeb.agent("acme", "a1"), client -> post(client, "k1/hold", null)
        .expectStatus().isEqualTo(409).expectBody().jsonPath("$.message").value(m -> assertThat((String) m)
            .startsWith("Call k1 is ON_HOLD; only CONNECTED, RECONNECTING calls can be held")));
    call(CallState.CONNECTED);
    run(TestWeb.agent("acme", "a1"), client -> post(client, "k1/resume", null)
        .expectStatus().isEqualTo(409).expectBody().jsonPath("$.message").value(m -> assertThat((String) m)
            .startsWith("Call k1 is CONNECTED; only ON_HOLD calls can be resumed")));
    call(CallState.ENDED);
    run(TestWeb.agent("acme", "a1"), client -> post(client, "k1/resume", null)
        .expectStatus().isEqualTo(409).expectBody().jsonPath("$.message")
        .isEqualTo("Call k1 is ENDED; only ON_HOLD calls can be resumed (from ENDED a call can move to: nothing, it has"
            + " ended)"));

    assertThat(publisher.sent()).isEmpty();
  }

  @Test
  void theAgentMutesItselfAndSharesItsScreen() {
    call(CallState.CONNECTED);

    run(TestWeb.agent("acme", "a1"), client -> client.patch().uri("/api/v1/calls/k1/participants/me")
        .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"audio\":false,\"screenShare\":true}").exchange()
        .expectStatus().isAccepted());

    assertThat(published()).isEqualTo(new ParticipantUpdated("a1", false, null, true));
  }

  @Test
  void mediaOfACallWithoutMediaIsAConflictAndAnEmptyChangeABadRequest() {
    call(CallState.QUEUED);
    run(TestWeb.agent("acme", "a1"), client -> client.patch().uri("/api/v1/calls/k1/participants/me")
        .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"video\":true}").exchange()
        .expectStatus().isEqualTo(409).expectBody().jsonPath("$.message")
        .isEqualTo("Call k1 is QUEUED; only CONNECTED, ON_HOLD, RECONNECTING calls can change media (from QUEUED a call"
            + " can move to: ABANDONED, CANCELLED, FAILED, RINGING)"));
    call(CallState.CONNECTED);
    run(TestWeb.agent("acme", "a1"), client -> client.patch().uri("/api/v1/calls/k1/participants/me")
        .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
        .expectStatus().isBadRequest());

    assertThat(publisher.sent()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"{\"queue\":\"billing\"},QUEUE,billing", "{\"agentId\":\"b1\"},AGENT,b1"})
  void theAgentTransfersAConnectedOrHeldCall(String body, TransferTargetType type, String target) {
    call(CallState.ON_HOLD);

    run(TestWeb.agent("acme", "a1"), client -> post(client, "k1/transfer", body)
        .expectStatus().isAccepted().expectBody().jsonPath("$.targetType").isEqualTo(type.name())
        .jsonPath("$.target").isEqualTo(target));

    assertThat(published()).isEqualTo(new CallTransferred(type, target, "a1"));
  }

  @Test
  void theAgentTransfersAConnectedSipCallToANumber() {
    callState.calls.put("acme/k1", new CallView("k1", CallState.CONNECTED, "a1", "SIP", null));

    run(TestWeb.agent("acme", "a1"), client -> post(client, "k1/transfer", "{\"number\":\"+1 (555) 010-0123\"}")
        .expectStatus().isAccepted().expectBody().jsonPath("$.targetType").isEqualTo("EXTERNAL")
        .jsonPath("$.target").isEqualTo("+1 (555) 010-0123"));

    assertThat(published()).isEqualTo(new NumberTransferRequested("15550100123", "a1"));
  }

  @Test
  void aTransferToANumberOfABrowserCallOrOfACallNotAnsweredIsAConflict() {
    call(CallState.CONNECTED);
    run(TestWeb.agent("acme", "a1"), client -> post(client, "k1/transfer", "{\"number\":\"15550100\"}")
        .expectStatus().isEqualTo(409).expectBody().jsonPath("$.message")
        .isEqualTo("Call k1 is a WEBRTC call; only SIP calls are transferred to a number (the media bridge dials it)"));
    callState.calls.put("acme/k1", new CallView("k1", CallState.RINGING, "a1", "SIP", null));
    run(TestWeb.agent("acme", "a1"), client -> post(client, "k1/transfer", "{\"number\":\"15550100\"}")
        .expectStatus().isEqualTo(409));

    assertThat(publisher.sent()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"{}", "{\"queue\":\"q\",\"agentId\":\"b1\"}", "{\"queue\":\"a b\"}",
      "{\"agentId\":\"\"}", "{\"number\":\"1\"}", "{\"number\":\"555-CALL-NOW\"}",
      "{\"number\":\"15550100\",\"queue\":\"q\"}"})
  void aTransferNeedsExactlyOneValidTarget(String body) {
    call(CallState.CONNECTED);

    run(TestWeb.agent("acme", "a1"), client -> post(client, "k1/transfer", body).expectStatus().isBadRequest());

    assertThat(publisher.sent()).isEmpty();
  }

  @Test
  void aTransferOfACallNotAnsweredOrToItsOwnAgentIsAConflict() {
    call(CallState.RINGING);
    run(TestWeb.as("acme", "supervisor"), client -> post(client, "k1/transfer", "{\"queue\":\"billing\"}")
        .expectStatus().isEqualTo(409).expectBody().jsonPath("$.message").value(m -> assertThat((String) m)
            .startsWith("Call k1 is RINGING; only CONNECTED, ON_HOLD calls can be transferred (from RINGING a call can"
                + " move to: ")));
    call(CallState.CONNECTED);
    run(TestWeb.agent("acme", "a1"), client -> post(client, "k1/transfer", "{\"agentId\":\"a1\"}")
        .expectStatus().isEqualTo(409).expectBody().jsonPath("$.message")
        .isEqualTo("Call k1 is already agent a1's call"));

    assertThat(publisher.sent()).isEmpty();
  }

  @Test
  void theAgentWrapsUpAnEndedCallWithADisposition() {
    call(CallState.ENDED);

    run(TestWeb.agent("acme", "a1"), client -> post(client, "k1/wrap-up",
        "{\"disposition\":\"resolved\",\"notes\":\"refund sent\"}")
        .expectStatus().isAccepted().expectBody().jsonPath("$.disposition").isEqualTo("resolved"));

    assertThat(published()).isEqualTo(new CallWrappedUp("a1", "resolved", "refund sent"));
  }

  @ParameterizedTest
  @EnumSource(value = CallState.class, names = {"QUEUED", "CONNECTED", "ON_HOLD", "ABANDONED"})
  void onlyAnEndedCallIsWrappedUp(CallState state) {
    call(state);

    run(TestWeb.agent("acme", "a1"), client -> post(client, "k1/wrap-up", "{\"disposition\":\"resolved\"}")
        .expectStatus().isEqualTo(409).expectBody().jsonPath("$.message")
        .value(m -> assertThat((String) m).startsWith("Call k1 is " + state + "; only ENDED calls can be wrapped up")));

    assertThat(publisher.sent()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"{}", "{\"disposition\":\"\"}", "{\"disposition\":\"no good\"}"})
  void aBadDispositionIsABadRequest(String body) {
    call(CallState.ENDED);

    run(TestWeb.agent("acme", "a1"), client -> post(client, "k1/wrap-up", body).expectStatus().isBadRequest());

    assertThat(publisher.sent()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"k1/hold", "k1/resume", "k1/transfer", "k1/wrap-up"})
  void anotherAgentsCallOrAnotherTenantsIsNotFound(String path) {
    call(CallState.CONNECTED);
    String body = path.endsWith("transfer") ? "{\"queue\":\"q\"}" : path.endsWith("wrap-up")
        ? "{\"disposition\":\"x\"}" : null;

    run(TestWeb.agent("acme", "a2"), client -> post(client, path, body).expectStatus().isNotFound());
    run(TestWeb.agent("other", "a1"), client -> post(client, path, body).expectStatus().isNotFound());

    assertThat(publisher.sent()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"customer,k1/hold,hold or resume calls: needs role agent or supervisor",
      "admin,k1/transfer,transfer calls: needs role agent or supervisor",
      "customer,k1/wrap-up,wrap up calls: needs role agent or supervisor"})
  void customersAndAdminsMayNot(String role, String path, String message) {
    call(CallState.CONNECTED);
    String body = path.endsWith("transfer") ? "{\"queue\":\"q\"}" : path.endsWith("wrap-up")
        ? "{\"disposition\":\"x\"}" : null;

    run(TestWeb.caller("acme", "cust-1", null, role), client -> post(client, path, body)
        .expectStatus().isForbidden().expectBody().jsonPath("$.message").isEqualTo("Not allowed to " + message));

    assertThat(publisher.sent()).isEmpty();
  }

  @Test
  void onlyTheCallsAgentAndCustomerChangeTheirMedia() {
    call(CallState.CONNECTED);

    run(TestWeb.as("acme", "supervisor"), client -> client.patch().uri("/api/v1/calls/k1/participants/me")
        .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"audio\":false}").exchange()
        .expectStatus().isForbidden());
    run(TestWeb.customer("acme", "cust-2"), client -> client.patch().uri("/api/v1/calls/k1/participants/me")
        .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"video\":false}").exchange()
        .expectStatus().isNotFound());

    assertThat(publisher.sent()).isEmpty();
  }

  @Test
  void theCallsCustomerTurnsItsCameraOffAsTheCustomerParticipant() {
    call(CallState.CONNECTED);

    run(TestWeb.customer("acme", "cust-1"), client -> client.patch().uri("/api/v1/calls/k1/participants/me")
        .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"video\":false}").exchange()
        .expectStatus().isAccepted());

    assertThat(published()).isEqualTo(new ParticipantUpdated("customer", null, false, null));
  }
}
