package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallHeld;
import io.switchboard.schemas.avro.ParticipantUpdated;
import io.switchboard.schemas.avro.CallTransferred;
import io.switchboard.schemas.topics.Topics;
import io.switchboard.testsupport.EventLog;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Call control over the agent's WebSocket: the same rules as the REST routes (CallControlApiTest),
 * events on call.events, refusals as call:error with the REST answer's message.
 */
class CallCommandsIT {

  private static final TestGateway gateway = TestGateway.shared();
  private final String tenant = "cc-" + UUID.randomUUID().toString().substring(0, 8);

  @Test
  void anAgentHoldsMutesAndTransfersItsCallOverTheWebSocket() {
    gateway.callState.put(tenant, "talk", "CONNECTED", "a1", "c-1");
    try (EventLog<CallEvent> calls = EventLog.of(Topics.CALL_EVENTS);
         AgentSocket agent = AgentSocket.connect(gateway.port, gateway.issuer.agentToken(tenant, "a1"))) {
      agent.awaitReady();

      agent.send("{\"type\":\"call:hold\",\"data\":{\"callId\":\"talk\"}}");
      CallEvent held = calls.await(event -> event.getTenantId().equals(tenant) && event.getPayload() instanceof CallHeld,
          TestGateway.TIMEOUT);
      assertThat(held.getCallId()).isEqualTo("talk");

      agent.send("{\"type\":\"call:toggle_audio\",\"data\":{\"callId\":\"talk\",\"enabled\":false}}");
      CallEvent muted = calls.await(event -> event.getTenantId().equals(tenant)
          && event.getPayload() instanceof ParticipantUpdated, TestGateway.TIMEOUT);
      assertThat(muted.getPayload().toString()).contains("a1");

      agent.send("{\"type\":\"call:transfer\",\"data\":{\"callId\":\"talk\",\"queue\":\"billing\"}}");
      CallEvent transferred = calls.await(event -> event.getTenantId().equals(tenant)
          && event.getPayload() instanceof CallTransferred, TestGateway.TIMEOUT);
      assertThat(((CallTransferred) transferred.getPayload()).getTarget()).isEqualTo("billing");
    }
  }

  @Test
  void aControlTheCallStateDoesNotAllowOrABadMessageIsACallError() {
    gateway.callState.put(tenant, "talking", "CONNECTED", "a1", "c-1");
    gateway.callState.put(tenant, "not-mine", "CONNECTED", "a2", "c-2");
    try (AgentSocket agent = AgentSocket.connect(gateway.port, gateway.issuer.agentToken(tenant, "a1"))) {
      agent.awaitReady();

      agent.send("{\"type\":\"call:resume\",\"data\":{\"callId\":\"talking\"}}");
      agent.await("call:error", data -> data.path("callId").stringValue("").equals("talking")
          && data.path("message").stringValue("").contains("CONNECTED"));
      agent.send("{\"type\":\"call:toggle_video\",\"data\":{\"callId\":\"talking\"}}");
      agent.await("call:error", data -> data.path("message").stringValue("").contains("needs enabled"));
      agent.send("{\"type\":\"call:transfer\",\"data\":{\"callId\":\"talking\"}}");
      agent.await("call:error", data -> data.path("message").stringValue("").contains("exactly one of agentId, queue or number"));
      agent.send("{\"type\":\"call:wrap_up\",\"data\":{\"callId\":\"talking\",\"disposition\":\"no spaces\"}}");
      agent.await("call:error", data -> data.path("message").stringValue("").contains("disposition must match"));
      // Another agent's call does not exist for this one, as over REST.
      agent.send("{\"type\":\"call:hold\",\"data\":{\"callId\":\"not-mine\"}}");
      agent.await("call:error", data -> data.path("callId").stringValue("").equals("not-mine"));
    }
  }
}
