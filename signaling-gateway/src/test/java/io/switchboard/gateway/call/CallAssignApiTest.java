package io.switchboard.gateway.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.events.EventPublisher;
import io.switchboard.gateway.events.RecordingPublisher;
import io.switchboard.gateway.web.TestWeb;
import io.switchboard.schemas.avro.CallAssignmentRequested;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.call.CallState;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClientConfigurer;

/** {@code POST /api/v1/calls/{callId}/assign}: a supervisor force-assigns a waiting call to an agent. */
class CallAssignApiTest {

  private final RecordingPublisher publisher = new RecordingPublisher();
  private final CallApiTest.FakeCallState callState = new CallApiTest.FakeCallState();

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

  private static WebTestClient.ResponseSpec assign(WebTestClient client, String callId, String body) {
    return client.post().uri("/api/v1/calls/" + callId + "/assign").contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body).exchange();
  }

  @Test
  void aSupervisorsRequestIsPublishedOnCallEventsKeyedByTheCall() {
    callState.calls.put("acme/k1", new CallView("k1", CallState.QUEUED, null));

    run(TestWeb.caller("acme", "sup-1", null, "supervisor"), client -> assign(client, "k1", "{\"agentId\":\"a1\"}")
        .expectStatus().isAccepted()
        .expectBody().jsonPath("$.callId").isEqualTo("k1").jsonPath("$.agentId").isEqualTo("a1")
        .jsonPath("$.eventId").isNotEmpty());

    assertThat(publisher.sent()).singleElement().satisfies(sent -> {
      assertThat(sent.topic()).isEqualTo("call.events");
      assertThat(sent.key()).isEqualTo("k1");
      CallEvent event = (CallEvent) sent.value();
      assertThat(event.getTenantId()).isEqualTo("acme");
      assertThat(event.getCallId()).isEqualTo("k1");
      assertThat(event.getPayload()).isEqualTo(new CallAssignmentRequested("a1", "sup-1"));
    });
  }

  @ParameterizedTest
  @EnumSource(value = CallState.class, names = {"INITIATING", "RINGING", "CONNECTING", "CONNECTED", "ON_HOLD", "ENDED"})
  void aCallNotWaitingIsAConflictNamingItsState(CallState state) {
    callState.calls.put("default/k1", new CallView("k1", state, "a2"));

    run(TestWeb.as("default", "supervisor"), client -> assign(client, "k1", "{\"agentId\":\"a1\"}")
        .expectStatus().isEqualTo(409)
        .expectBody().jsonPath("$.message")
        .isEqualTo("Call k1 is " + state + "; only QUEUED calls can be assigned to an agent"));

    assertThat(publisher.sent()).isEmpty();
  }

  @Test
  void anUnknownCallOrOneOfAnotherTenantIsNotFound() {
    callState.calls.put("other/k1", new CallView("k1", CallState.QUEUED, null));

    run(TestWeb.as("default", "supervisor"), client -> assign(client, "k1", "{\"agentId\":\"a1\"}")
        .expectStatus().isNotFound());

    assertThat(publisher.sent()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{}|agentId",
      "{\"agentId\":\"\"}|agentId",
      "{\"agentId\":\"a b\"}|agentId",
      "{\"agentId\":\"a/1\"}|agentId",
      "{\"agentId\":null}|agentId"})
  void aBadAgentIdIsABadRequest(String body, String message) {
    callState.calls.put("default/k1", new CallView("k1", CallState.QUEUED, null));

    run(TestWeb.as("default", "supervisor"), client -> assign(client, "k1", body)
        .expectStatus().isBadRequest()
        .expectBody().jsonPath("$.message").value(m -> assertThat((String) m).contains(message)));

    assertThat(publisher.sent()).isEmpty();
  }

  @Test
  void aTooLongAgentIdIsABadRequest() {
    callState.calls.put("default/k1", new CallView("k1", CallState.QUEUED, null));

    run(TestWeb.as("default", "supervisor"), client -> assign(client, "k1", "{\"agentId\":\"" + "a".repeat(129) + "\"}")
        .expectStatus().isBadRequest());

    assertThat(publisher.sent()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"customer", "agent", "admin"})
  void onlyASupervisorForceAssigns(String role) {
    callState.calls.put("default/k1", new CallView("k1", CallState.QUEUED, "a1", "WEBRTC", "customer-user"));

    run(TestWeb.caller("default", role + "-user", role.equals("agent") ? "a1" : null, role),
        client -> assign(client, "k1", "{\"agentId\":\"a1\"}")
            .expectStatus().isForbidden()
            .expectBody().jsonPath("$.message").isEqualTo("Not allowed to force-assign calls: needs role supervisor"));

    assertThat(publisher.sent()).isEmpty();
  }
}
