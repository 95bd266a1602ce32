package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.DtmfMethod;
import io.switchboard.schemas.avro.DtmfReceived;
import io.switchboard.schemas.avro.ReservationAccepted;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.topics.Topics;
import io.switchboard.testsupport.EventProducer;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Key presses the media bridge publishes ({@code DtmfReceived} on call.events) reach the agent who has
 * the call as {@code call:dtmf}, over real Kafka: not another agent of the tenant, not the agent of the
 * same id in another tenant.
 */
class KeyPressIT {

  private static final TestGateway gateway = TestGateway.shared();
  private final String tenant = "dtmf-" + UUID.randomUUID().toString().substring(0, 8);
  private final String otherTenant = "dtmf-" + UUID.randomUUID().toString().substring(0, 8);

  private static boolean about(JsonNode data, String callId) {
    return data.path("callId").stringValue("").equals(callId);
  }

  @Test
  void theAgentOfTheCallIsToldOfEachKeyPressedAndNoOneElse() {
    // The same call id in both tenants: one partition, so the other tenant's events come after ours.
    String callId = "sip-" + UUID.randomUUID();
    try (AgentSocket a1 = AgentSocket.connect(gateway.port, gateway.issuer.agentToken(tenant, "a1"));
         AgentSocket a2 = AgentSocket.connect(gateway.port, gateway.issuer.agentToken(tenant, "a2"));
         AgentSocket otherA1 = AgentSocket.connect(gateway.port, gateway.issuer.agentToken(otherTenant, "a1"));
         EventProducer bridge = new EventProducer()) {
      a1.awaitReady();
      a2.awaitReady();
      otherA1.awaitReady();
      // given a1 has the call in its tenant, and the other tenant's a1 the call of the same id there
      accepted(bridge, tenant, callId, "a1");
      accepted(bridge, otherTenant, callId, "a1");
      a1.await("call:participant_joined", data -> about(data, callId));
      otherA1.await("call:participant_joined", data -> about(data, callId));

      // when the caller presses 5 and the agent #, then the other tenant's caller presses 9
      keyPressed(bridge, tenant, callId, "customer", "5", DtmfMethod.RFC4733);
      keyPressed(bridge, tenant, callId, "a1", "#", DtmfMethod.SIP_INFO);
      keyPressed(bridge, otherTenant, callId, "customer", "9", DtmfMethod.RFC4733);

      // then a1 gets both, in order, with who pressed and how
      JsonNode five = a1.await("call:dtmf", data -> about(data, callId) && data.path("digit").stringValue("").equals("5"));
      assertThat(five.toString()).isEqualTo(
          "{\"callId\":\"" + callId + "\",\"participantId\":\"customer\",\"digit\":\"5\",\"method\":\"RFC4733\"}");
      JsonNode hash = a1.await("call:dtmf", data -> about(data, callId) && data.path("digit").stringValue("").equals("#"));
      assertThat(hash.path("participantId").stringValue()).isEqualTo("a1");
      assertThat(hash.path("method").stringValue()).isEqualTo("SIP_INFO");
      // and the other tenant's a1 only its own tenant's, which came after ours
      otherA1.await("call:dtmf", data -> about(data, callId) && data.path("digit").stringValue("").equals("9"));
      assertThat(dtmfDigits(otherA1)).containsExactly("9");
      assertThat(dtmfDigits(a1)).containsExactly("5", "#");
      // and a2, asked after everything was sent, got none
      a2.awaitReady();
      assertThat(dtmfDigits(a2)).isEmpty();
    }
  }

  private static List<String> dtmfDigits(AgentSocket socket) {
    return socket.received().stream().filter(frame -> "call:dtmf".equals(frame.path("type").stringValue(null)))
        .map(frame -> frame.path("data").path("digit").stringValue()).toList();
  }

  private static void accepted(EventProducer routing, String tenant, String callId, String agentId) {
    routing.send(Topics.ROUTING_DECISIONS, callId, new RoutingDecision(UUID.randomUUID(), tenant, Instant.now(),
        "routing-test", callId, "sales", "agent " + agentId + " answered", new ReservationAccepted(agentId, "r-1")));
  }

  private static void keyPressed(EventProducer bridge, String tenant, String callId, String participantId,
      String digit, DtmfMethod method) {
    bridge.send(Topics.CALL_EVENTS, callId, new CallEvent(UUID.randomUUID(), tenant, Instant.now(), "media-bridge-test",
        callId, new DtmfReceived(participantId, digit, 100, method)));
  }
}
