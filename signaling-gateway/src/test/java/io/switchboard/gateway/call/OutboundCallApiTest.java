package io.switchboard.gateway.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.events.RecordingPublisher;
import io.switchboard.gateway.events.EventPublisher;
import io.switchboard.gateway.web.TestWeb;
import io.switchboard.schemas.avro.CallAssignmentRequested;
import io.switchboard.schemas.avro.CallChannel;
import io.switchboard.schemas.avro.CallCreated;
import io.switchboard.schemas.avro.CallDirection;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallQueued;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClientConfigurer;

/** {@code POST /api/v1/calls/outbound}: an agent's call out from its SIP phone. */
class OutboundCallApiTest {

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

  @Test
  void anAgentsCallOutIsCreatedQueuedAndAssignedToThatAgent() {
    run(TestWeb.agent("acme", "a1"), client -> client.post().uri("/api/v1/calls/outbound")
        .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"number\":\"+4930123456\",\"queue\":\"sales\"}")
        .exchange()
        .expectStatus().isCreated()
        .expectBody().jsonPath("$.callId").isNotEmpty());

    List<CallEvent> sent = publisher.sent().stream().map(record -> (CallEvent) record.value()).toList();
    assertThat(sent).hasSize(3);
    assertThat(sent).extracting(CallEvent::getCallId).containsOnly(sent.get(0).getCallId());
    assertThat(sent).extracting(CallEvent::getTenantId).containsOnly("acme");
    CallCreated created = (CallCreated) sent.get(0).getPayload();
    assertThat(created.getDirection()).isEqualTo(CallDirection.OUTBOUND);
    assertThat(created.getChannel()).isEqualTo(CallChannel.SIP);
    assertThat(created.getToAddress()).isEqualTo("+4930123456");
    assertThat(created.getCustomerId()).isEqualTo("+4930123456");
    assertThat(created.getAttributes()).containsEntry("placedBy", "a1");
    assertThat(sent.get(1).getPayload()).isEqualTo(new CallQueued("sales", null));
    assertThat(sent.get(2).getPayload()).isEqualTo(new CallAssignmentRequested("a1", "a1"));
  }

  @Test
  void withoutAQueueTheCallCountsInOutbound() {
    run(TestWeb.agent("acme", "a1"), client -> client.post().uri("/api/v1/calls/outbound")
        .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"number\":\"4930123456\"}")
        .exchange().expectStatus().isCreated());
    assertThat(((CallEvent) publisher.sent().get(1).value()).getPayload()).isEqualTo(new CallQueued("outbound", null));
  }

  @Test
  void aNumberThatIsNoNumberIs400() {
    for (String body : List.of("{}", "{\"number\":\"sip:evil@x\"}", "{\"number\":\"12 34\"}",
        "{\"number\":\"123\",\"queue\":\"bad queue\"}")) {
      run(TestWeb.agent("acme", "a1"), client -> client.post().uri("/api/v1/calls/outbound")
          .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange().expectStatus().isBadRequest());
    }
    assertThat(publisher.sent()).isEmpty();
  }

  @Test
  void onlyAnAgentPlacesCalls() {
    for (String role : List.of("customer", "supervisor", "admin")) {
      run(TestWeb.as("acme", role), client -> client.post().uri("/api/v1/calls/outbound")
          .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"number\":\"4930123456\"}")
          .exchange().expectStatus().isForbidden());
    }
    assertThat(publisher.sent()).isEmpty();
  }
}
