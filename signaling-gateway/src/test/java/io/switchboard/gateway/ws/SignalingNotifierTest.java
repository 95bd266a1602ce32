package io.switchboard.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.security.Caller;
import io.switchboard.gateway.security.Role;
import io.switchboard.schemas.avro.IceCandidate;
import io.switchboard.schemas.avro.SdpOffer;
import io.switchboard.schemas.avro.SignalingBye;
import io.switchboard.schemas.avro.SignalingMessage;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SignalingNotifierTest {

  private final SessionRegistry sessions = new SessionRegistry();
  private final SignalingNotifier notifier = new SignalingNotifier(sessions, new Frames(FrameCollector.JSON));

  SignalingNotifierTest() {
    sessions.start();
  }

  private FrameCollector connect(Caller caller) {
    AgentSession session = new AgentSession(UUID.randomUUID().toString(), caller, 64);
    sessions.add(session);
    return new FrameCollector(session);
  }

  private static SignalingMessage message(String tenant, String from, String to, Object payload) {
    return new SignalingMessage(UUID.randomUUID(), tenant, Instant.now(), "gw-2", "k1", from, to, payload);
  }

  @Test
  void aMessageReachesTheSessionsOfItsReceiverOnly() {
    FrameCollector agent = connect(FrameCollector.agent("acme", "a1"));
    FrameCollector customer = connect(new Caller("acme", "c-1", Set.of(Role.CUSTOMER), null));
    FrameCollector sameNameOtherTenant = connect(FrameCollector.agent("globex", "a1"));
    // A customer whose subject is an agent id is not that agent.
    FrameCollector customerNamedA1 = connect(new Caller("acme", "a1", Set.of(Role.CUSTOMER), null));
    SignalingMessage offer = message("acme", "customer:c-1", "agent:a1", new SdpOffer("v=0\r\n"));

    notifier.onSignaling(offer);
    notifier.onSignaling(message("acme", "agent:a1", "customer:c-1", new IceCandidate("candidate:1", "0", 0)));

    JsonNode toAgent = agent.last();
    assertThat(toAgent.get("type").stringValue()).isEqualTo("webrtc:offer");
    assertThat(toAgent.get("data").get("callId").stringValue()).isEqualTo("k1");
    assertThat(toAgent.get("data").get("from").stringValue()).isEqualTo("customer:c-1");
    assertThat(toAgent.get("data").get("eventId").stringValue()).isEqualTo(offer.getEventId().toString());
    assertThat(toAgent.get("data").get("sdp").stringValue()).isEqualTo("v=0\r\n");
    JsonNode toCustomer = customer.last();
    assertThat(toCustomer.get("type").stringValue()).isEqualTo("webrtc:ice_candidate");
    assertThat(toCustomer.get("data").get("candidate").stringValue()).isEqualTo("candidate:1");
    assertThat(toCustomer.get("data").get("sdpMLineIndex").intValue()).isZero();
    assertThat(agent.frames()).hasSize(1);
    assertThat(sameNameOtherTenant.frames()).isEmpty();
    assertThat(customerNamedA1.frames()).isEmpty();
  }

  @Test
  void byesAndEndpointsThatAreNoSessionAreNotDelivered() {
    FrameCollector agent = connect(FrameCollector.agent("acme", "a1"));

    notifier.onSignaling(message("acme", "customer:c-1", "agent:a1", new SignalingBye("done")));
    notifier.onSignaling(message("acme", "customer:c-1", "bridge:leg-1", new SdpOffer("v=0\r\n")));

    assertThat(agent.frames()).isEmpty();
  }
}
