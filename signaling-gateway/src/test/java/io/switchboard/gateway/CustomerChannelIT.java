package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.CallbackRequested;
import io.switchboard.schemas.avro.ParticipantUpdated;
import io.switchboard.schemas.avro.ReservationAccepted;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingQueued;
import io.switchboard.schemas.topics.Topics;
import io.switchboard.testsupport.EventLog;
import io.switchboard.testsupport.EventProducer;
import io.switchboard.testsupport.TestIssuer;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * The customer's own WebSocket: where its call waits, that an agent took it and that it ended; its
 * hang-up and callback request, judged by the call's state.
 */
class CustomerChannelIT {

  private final TestGateway gateway = TestGateway.shared();
  private final TestIssuer issuer = gateway.issuer;
  private final String tenant = "cust-" + UUID.randomUUID().toString().substring(0, 8);

  private String createCall(String token) {
    Map<?, ?> created = gateway.as(token).post().uri("/api/v1/calls").contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("queue", "sales")).exchange().expectStatus().isCreated()
        .expectBody(Map.class).returnResult().getResponseBody();
    return (String) created.get("callId");
  }

  private RoutingDecision decision(String callId, Object payload) {
    return new RoutingDecision(UUID.randomUUID(), tenant, Instant.now(), "routing-test", callId, "sales", null, payload);
  }

  private static boolean about(JsonNode data, String callId) {
    return data.path("callId").stringValue("").equals(callId);
  }

  @Test
  void theCustomerSeesItsCallQueuedMovingUpAcceptedAndEnded() {
    String token = issuer.token(tenant, "cust-1", "customer");
    try (AgentSocket customer = AgentSocket.connect(gateway.port, token);
         AgentSocket other = AgentSocket.connect(gateway.port, issuer.token(tenant, "cust-2", "customer"));
         EventProducer producer = new EventProducer()) {
      customer.awaitReady();
      other.awaitReady();
      String callId = createCall(token);
      JsonNode queued = customer.await("call:queued", data -> about(data, callId));
      assertThat(queued.path("queue").stringValue()).isEqualTo("sales");
      assertThat(queued.path("position").isNull()).isTrue();

      producer.send(Topics.ROUTING_DECISIONS, callId, decision(callId, new RoutingQueued(3, 100)));
      producer.send(Topics.ROUTING_DECISIONS, callId, decision(callId, new RoutingQueued(2, 150)));
      customer.await("call:queued", data -> about(data, callId) && data.path("position").asInt(0) == 3);
      JsonNode moved = customer.await("call:queued", data -> about(data, callId) && data.path("position").asInt(0) == 2);
      assertThat(moved.has("estimatedWaitSeconds")).isTrue();

      producer.send(Topics.ROUTING_DECISIONS, callId, decision(callId, new ReservationAccepted("a1", "r-1")));
      assertThat(customer.await("call:accepted", data -> about(data, callId)).path("agentId").stringValue())
          .isEqualTo("a1");

      producer.send(Topics.CALL_EVENTS, callId, new CallEvent(UUID.randomUUID(), tenant, Instant.now(), "test",
          callId, new CallEnded(CallOutcome.ENDED, "agent hung up", "a1")));
      JsonNode ended = customer.await("call:ended", data -> about(data, callId));
      assertThat(ended.path("outcome").stringValue()).isEqualTo("ENDED");
      assertThat(ended.path("reason").stringValue()).isEqualTo("agent hung up");

      // Another customer of the same tenant heard nothing of it.
      other.awaitReady();
      assertThat(other.received()).noneMatch(frame -> frame.toString().contains(callId));
    }
  }

  @Test
  void theCustomerHangsUpAndAsksForACallbackAsTheCallsStateAllows() {
    String token = issuer.token(tenant, "cust-3", "customer");
    String waiting = "call-" + UUID.randomUUID();
    String talking = "call-" + UUID.randomUUID();
    String someoneElses = "call-" + UUID.randomUUID();
    String over = "call-" + UUID.randomUUID();
    String video = "call-" + UUID.randomUUID();
    gateway.callState.put(tenant, waiting, "QUEUED", null, "cust-3");
    gateway.callState.put(tenant, video, "CONNECTED", "a1", "cust-3");
    gateway.callState.put(tenant, talking, "CONNECTED", "a1", "cust-3");
    gateway.callState.put(tenant, someoneElses, "QUEUED", null, "cust-4");
    gateway.callState.put(tenant, over, "ENDED", "a1", "cust-3");
    try (AgentSocket customer = AgentSocket.connect(gateway.port, token);
         EventLog<CallEvent> events = EventLog.of(Topics.CALL_EVENTS)) {
      customer.awaitReady();

      customer.send("{\"type\":\"call:callback\",\"data\":{\"callId\":\"" + talking + "\"}}");
      String refused = customer.await("call:error", data -> about(data, talking)).path("message").stringValue();
      assertThat(refused).contains("CONNECTED").contains("QUEUED").contains("may move to").contains("ON_HOLD");
      customer.send("{\"type\":\"call:end\",\"data\":{\"callId\":\"" + over + "\"}}");
      assertThat(customer.await("call:error", data -> about(data, over)).path("message").stringValue())
          .contains("already ENDED");
      customer.send("{\"type\":\"call:end\",\"data\":{\"callId\":\"" + someoneElses + "\"}}");
      assertThat(customer.await("call:error", data -> about(data, someoneElses)).path("message").stringValue())
          .contains("not found");
      customer.send("{\"type\":\"call:accept\",\"data\":{\"callId\":\"" + waiting + "\"}}");
      assertThat(customer.await("call:error", data -> about(data, waiting)).path("message").stringValue())
          .contains("agent's message");

      // Its own camera and screen, on its own call only; the event names it the call's customer.
      customer.send("{\"type\":\"call:toggle_video\",\"data\":{\"callId\":\"" + someoneElses + "\",\"enabled\":false}}");
      assertThat(customer.await("call:error", data -> about(data, someoneElses)).path("message").stringValue())
          .contains("not found");
      customer.send("{\"type\":\"call:toggle_video\",\"data\":{\"callId\":\"" + video + "\",\"enabled\":false}}");
      customer.send("{\"type\":\"call:toggle_screen_share\",\"data\":{\"callId\":\"" + video + "\",\"enabled\":true}}");
      assertThat(events.await(e -> e.getCallId().equals(video) && e.getPayload() instanceof ParticipantUpdated u
          && u.getVideo() != null, TestGateway.TIMEOUT).getPayload())
          .isEqualTo(new ParticipantUpdated("customer", null, false, null));
      assertThat(events.await(e -> e.getCallId().equals(video) && e.getPayload() instanceof ParticipantUpdated u
          && u.getScreenShare() != null, TestGateway.TIMEOUT).getPayload())
          .isEqualTo(new ParticipantUpdated("customer", null, null, true));

      customer.send("{\"type\":\"call:callback\",\"data\":{\"callId\":\"" + waiting + "\",\"number\":\"+4930123\"}}");
      CallEvent callback = events.await(e -> e.getCallId().equals(waiting)
          && e.getPayload() instanceof CallbackRequested, TestGateway.TIMEOUT);
      assertThat(((CallbackRequested) callback.getPayload()).getNumber()).isEqualTo("+4930123");
      customer.send("{\"type\":\"call:end\",\"data\":{\"callId\":\"" + waiting + "\",\"reason\":\"gave up\"}}");
      customer.send("{\"type\":\"call:end\",\"data\":{\"callId\":\"" + talking + "\"}}");
      CallEnded abandoned = (CallEnded) events.await(e -> e.getCallId().equals(waiting)
          && e.getPayload() instanceof CallEnded, TestGateway.TIMEOUT).getPayload();
      assertThat(abandoned.getOutcome()).isEqualTo(CallOutcome.ABANDONED);
      assertThat(abandoned.getReason()).isEqualTo("gave up");
      assertThat(abandoned.getEndedBy()).isEqualTo("cust-3");
      CallEvent hungUp = events.await(e -> e.getCallId().equals(talking) && e.getPayload() instanceof CallEnded,
          TestGateway.TIMEOUT);
      assertThat(hungUp.getTenantId()).isEqualTo(tenant);
      assertThat(((CallEnded) hungUp.getPayload()).getOutcome()).isEqualTo(CallOutcome.ENDED);
      assertThat(events.seen()).noneMatch(r -> r.key().equals(someoneElses) || r.key().equals(over));
    }
  }
}
