package io.switchboard.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.gateway.call.CallParties;
import io.switchboard.gateway.events.EventFactory;
import io.switchboard.gateway.events.RecordingPublisher;
import io.switchboard.schemas.quality.EModel;
import io.switchboard.gateway.security.Caller;
import io.switchboard.gateway.security.Role;
import io.switchboard.schemas.avro.MediaType;
import io.switchboard.schemas.avro.QualityEvent;
import io.switchboard.schemas.call.CallState;
import io.switchboard.testsupport.FakeClock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

class QualityCommandsTest {

  private final RecordingPublisher publisher = new RecordingPublisher();
  private final FakeClock clock = new FakeClock();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final Map<String, CallState> calls = Map.of("talking", CallState.CONNECTED, "over", CallState.ENDED);
  /** Agent a1 and customer c-1 are the parties of every call in {@code calls}. */
  private final CallParties parties = (caller, callId) -> Mono.justOrEmpty(calls.containsKey(callId)
      ? CallParties.side(caller, "a1", "c-1").map(side -> new CallParties.PartyCall(callId, calls.get(callId), side,
          "a1", "c-1"))
      : Optional.empty());
  private final Frames frames = new Frames(FrameCollector.JSON);
  private final ClientCommands commands = new ClientCommands(frames, new OfferBook(), null, publisher, null, clock,
      null, null, new QualityCommands(frames, parties, new EventFactory(clock, "gw-1"), publisher, clock, meters));
  private final AgentSession agent = new AgentSession("s1", FrameCollector.agent("acme", "a1"), 64);
  private final AgentSession customer = new AgentSession("s2", new Caller("acme", "c-1", Set.of(Role.CUSTOMER), null), 64);
  private final AgentSession stranger = new AgentSession("s3", FrameCollector.agent("acme", "a2"), 64);

  private void send(AgentSession session, String data) {
    commands.handle(session, "{\"type\":\"call:quality_update\",\"data\":" + data + "}").as(StepVerifier::create)
        .verifyComplete();
  }

  private QualityEvent lastPublished() {
    var sent = publisher.sent().get(publisher.sent().size() - 1);
    assertThat(sent.topic()).isEqualTo("quality.events");
    assertThat(sent.key()).isEqualTo("talking");
    return (QualityEvent) sent.value();
  }

  private double count(String outcome) {
    return meters.counter(QualityCommands.SAMPLES, "outcome", outcome).count();
  }

  private static String lastError(FrameCollector client) {
    JsonNode frame = client.last();
    assertThat(frame.get("type").stringValue()).isEqualTo("call:error");
    return frame.get("data").get("message").stringValue();
  }

  @Test
  void theAgentsVoiceSamplePublishesAQualityEventWithItsMos() {
    send(agent, "{\"callId\":\"talking\",\"mediaType\":\"AUDIO\",\"jitterMs\":12.5,\"packetLossPercent\":0.4,"
        + "\"rttMs\":80,\"bitrateKbps\":32.1,\"codec\":\"opus\",\"framesPerSecond\":null,\"width\":null,\"height\":null}");

    QualityEvent event = lastPublished();
    assertThat(event.getTenantId()).isEqualTo("acme");
    assertThat(event.getSource()).isEqualTo("gw-1");
    assertThat(event.getEventId()).isNotNull();
    assertThat(event.getOccurredAt()).isEqualTo(clock.instant());
    assertThat(event.getParticipantId()).isEqualTo("a1");
    assertThat(event.getMediaType()).isEqualTo(MediaType.AUDIO);
    assertThat(event.getJitterMs()).isEqualTo(12.5);
    assertThat(event.getPacketLossPercent()).isEqualTo(0.4);
    assertThat(event.getRttMs()).isEqualTo(80.0);
    assertThat(event.getBitrateKbps()).isEqualTo(32.1);
    assertThat(event.getCodec()).isEqualTo("opus");
    assertThat(event.getFramesPerSecond()).isNull();
    assertThat(event.getMos()).isCloseTo(EModel.mos("opus", 80.0, 12.5, 0.4), within(1e-9)).isBetween(4.0, 4.41);
    assertThat(count("published")).isEqualTo(1);
  }

  @Test
  void theCustomersSampleIsTheCustomersAndAVideoSampleHasNoMos() {
    send(customer, "{\"callId\":\"talking\",\"mediaType\":\"VIDEO\",\"jitterMs\":3,\"packetLossPercent\":0,"
        + "\"rttMs\":40,\"bitrateKbps\":900,\"codec\":\"VP8\",\"framesPerSecond\":29.97,\"width\":1280,\"height\":720}");

    QualityEvent event = lastPublished();
    assertThat(event.getParticipantId()).isEqualTo("customer");
    assertThat(event.getMediaType()).isEqualTo(MediaType.VIDEO);
    assertThat(event.getMos()).isNull();
    assertThat(event.getFramesPerSecond()).isEqualTo(29.97);
    assertThat(event.getWidth()).isEqualTo(1280);
    assertThat(event.getHeight()).isEqualTo(720);
  }

  @Test
  void onlyTheCallIdIsNeededAndTheMediaTypeDefaultsToAudio() {
    send(agent, "{\"callId\":\"talking\"}");

    QualityEvent event = lastPublished();
    assertThat(event.getMediaType()).isEqualTo(MediaType.AUDIO);
    assertThat(event.getMos()).isNull();
    assertThat(event.getJitterMs()).isNull();
  }

  @Test
  void aBadSampleIsACallErrorNamingEachFaultAndPublishesNothing() {
    FrameCollector client = new FrameCollector(agent);
    send(agent, "{\"callId\":\"talking\",\"mediaType\":\"FAX\",\"jitterMs\":-1,\"packetLossPercent\":150,"
        + "\"rttMs\":\"fast\",\"bitrateKbps\":1e400,\"codec\":\"op us\",\"width\":12.5,\"height\":-2}");

    String message = lastError(client);
    assertThat(message).startsWith("Invalid quality sample: ").contains("mediaType must be AUDIO, VIDEO or SCREEN")
        .contains("jitterMs must be a number from 0 to below 60000").contains("packetLossPercent must be a number from 0 to 100")
        .contains("rttMs").contains("bitrateKbps").contains("codec").contains("width").contains("height");
    assertThat(client.last().get("data").get("callId").stringValue()).isEqualTo("talking");
    send(agent, "{\"callId\":\"talking\",\"rttMs\":60000}");
    assertThat(lastError(client)).contains("rttMs must be a number from 0 to below 60000");
    send(agent, "{\"callId\":\"no spaces allowed\"}");
    assertThat(lastError(client)).contains("needs a callId");
    assertThat(publisher.sent()).isEmpty();
    assertThat(count("invalid")).isEqualTo(3);
  }

  @Test
  void aSecondSampleOfTheSameStreamWithinASecondIsDroppedAndCounted() {
    FrameCollector client = new FrameCollector(agent);
    send(agent, "{\"callId\":\"talking\",\"mediaType\":\"AUDIO\",\"jitterMs\":1}");
    clock.advance(Duration.ofMillis(999));
    send(agent, "{\"callId\":\"talking\",\"mediaType\":\"AUDIO\",\"jitterMs\":2}");
    send(agent, "{\"callId\":\"talking\",\"mediaType\":\"VIDEO\",\"jitterMs\":3}");
    clock.advance(Duration.ofMillis(1));
    send(agent, "{\"callId\":\"talking\",\"mediaType\":\"AUDIO\",\"jitterMs\":4}");

    assertThat(publisher.sent()).extracting(sent -> ((QualityEvent) sent.value()).getJitterMs())
        .containsExactly(1.0, 3.0, 4.0);
    assertThat(count("throttled")).isEqualTo(1);
    assertThat(client.frames()).isEmpty();
  }

  @Test
  void aCallTheSenderIsNoPartyToOrThatHasNoMediaIsRefused() {
    FrameCollector client = new FrameCollector(stranger);
    send(stranger, "{\"callId\":\"talking\",\"jitterMs\":1}");
    assertThat(lastError(client)).isEqualTo("Call talking not found");
    FrameCollector own = new FrameCollector(agent);
    send(agent, "{\"callId\":\"over\",\"jitterMs\":1}");
    assertThat(lastError(own)).contains("is ENDED").contains("CONNECTED");
    assertThat(publisher.sent()).isEmpty();
    assertThat(count("refused")).isEqualTo(2);
  }

  @Test
  void aBrokerThatDoesNotTakeTheSampleIsACallError() {
    FrameCollector client = new FrameCollector(agent);
    publisher.failing(true);
    send(agent, "{\"callId\":\"talking\",\"jitterMs\":1}");
    assertThat(lastError(client)).startsWith("Could not record the quality of call talking");
    assertThat(count("failed")).isEqualTo(1);
  }
}
