package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.switchboard.schemas.quality.EModel;
import io.switchboard.schemas.avro.MediaType;
import io.switchboard.schemas.avro.QualityEvent;
import io.switchboard.schemas.topics.Topics;
import io.switchboard.testsupport.EventLog;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code call:quality_update} over a real WebSocket: a party's samples reach quality.events with the
 * E-model's MOS for voice; a bad sample and a stranger's are refused with call:error and publish nothing.
 */
class QualityIT {

  private final TestGateway gateway = TestGateway.shared();
  private final String tenant = "q-" + UUID.randomUUID().toString().substring(0, 8);

  private static String update(String callId, String fields) {
    return "{\"type\":\"call:quality_update\",\"data\":{\"callId\":\"" + callId + "\"" + fields + "}}";
  }

  @Test
  void thePartiesSamplesArePublishedWithAMosAndBadOrForeignOnesAreRefused() {
    String callId = "call-" + UUID.randomUUID();
    gateway.callState.put(tenant, callId, "CONNECTED", "a1", "cust-1");
    try (EventLog<QualityEvent> quality = EventLog.of(Topics.QUALITY_EVENTS);
         AgentSocket agent = AgentSocket.connect(gateway.port, gateway.issuer.agentToken(tenant, "a1"));
         AgentSocket customer = AgentSocket.connect(gateway.port, gateway.issuer.token(tenant, "cust-1", "customer"));
         AgentSocket stranger = AgentSocket.connect(gateway.port, gateway.issuer.agentToken(tenant, "a2"))) {
      agent.awaitReady();
      customer.awaitReady();
      stranger.awaitReady();

      // Another agent of the tenant is no party to the call: refused before anything is published.
      stranger.send(update(callId, ",\"jitterMs\":1"));
      stranger.await("call:error", data -> data.path("callId").stringValue("").equals(callId)
          && data.path("message").stringValue("").equals("Call " + callId + " not found"));

      agent.send(update(callId, ",\"mediaType\":\"AUDIO\",\"jitterMs\":12.5,\"packetLossPercent\":0.4,\"rttMs\":80,"
          + "\"bitrateKbps\":32.1,\"codec\":\"opus\",\"framesPerSecond\":null,\"width\":null,\"height\":null"));
      QualityEvent voice = quality.await(e -> e.getCallId().equals(callId), TestGateway.TIMEOUT);
      assertThat(voice.getTenantId()).isEqualTo(tenant);
      assertThat(voice.getParticipantId()).isEqualTo("a1");
      assertThat(voice.getMediaType()).isEqualTo(MediaType.AUDIO);
      assertThat(voice.getMos()).isCloseTo(EModel.mos("opus", 80.0, 12.5, 0.4), within(1e-9)).isBetween(4.0, 4.41);
      assertThat(voice.getSource()).startsWith("gateway-it-");

      agent.send(update(callId, ",\"mediaType\":\"AUDIO\",\"packetLossPercent\":101,\"rttMs\":-5"));
      String refused = agent.await("call:error", data -> data.path("callId").stringValue("").equals(callId))
          .path("message").stringValue();
      assertThat(refused).contains("packetLossPercent must be a number from 0 to 100").contains("rttMs");

      // The same key, so the same partition: once this one is read, a published bad sample would have been too.
      customer.send(update(callId, ",\"mediaType\":\"VIDEO\",\"bitrateKbps\":800,\"codec\":\"VP8\","
          + "\"framesPerSecond\":30,\"width\":640,\"height\":480"));
      QualityEvent video = quality.await(e -> e.getCallId().equals(callId) && e.getMediaType() == MediaType.VIDEO,
          TestGateway.TIMEOUT);
      assertThat(video.getParticipantId()).isEqualTo("customer");
      assertThat(video.getMos()).isNull();
      assertThat(video.getWidth()).isEqualTo(640);

      List<QualityEvent> ofCall = quality.seen().stream().map(r -> r.value())
          .filter(e -> e.getTenantId().equals(tenant)).toList();
      assertThat(ofCall).extracting(QualityEvent::getParticipantId).containsExactly("a1", "customer");
      assertThat(quality.seen()).filteredOn(r -> r.value().getTenantId().equals(tenant))
          .allSatisfy(r -> assertThat(r.key()).isEqualTo(callId));
    }
  }
}
