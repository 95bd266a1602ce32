package io.switchboard.gateway.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.events.EventFactory;
import io.switchboard.gateway.events.RecordingPublisher;
import io.switchboard.gateway.web.TestWeb;
import io.switchboard.schemas.avro.CallChannel;
import io.switchboard.schemas.avro.CallCreated;
import io.switchboard.schemas.avro.CallDirection;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.QueueLimit;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingRejected;
import io.switchboard.schemas.call.CallState;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RejectedCallsTest {

  private final RecordingPublisher publisher = new RecordingPublisher();
  private final CallApiTest.FakeCallState callState = new CallApiTest.FakeCallState();
  private final RejectedCalls rejected = rejectedCallsOf("gw-1");

  private RejectedCalls rejectedCallsOf(String instance) {
    return new RejectedCalls(new EventFactory(TestWeb.CLOCK, instance), publisher, callState);
  }

  private static CallEvent created(String callId, CallChannel channel) {
    return new CallEvent(UUID.randomUUID(), "acme", TestWeb.NOW, "gw-2", callId, CallCreated.newBuilder()
        .setDirection(CallDirection.INBOUND).setChannel(channel).setQueue("sales")
        .setAttributes(Map.of()).setTags(List.of()).build());
  }

  private static RoutingDecision rejection(String callId, QueueLimit limit) {
    return new RoutingDecision(UUID.randomUUID(), "acme", TestWeb.NOW, "routing-1", callId, "sales",
        "queue sales is full (50 waiting)", new RoutingRejected(limit));
  }

  private List<CallEvent> published() {
    return publisher.sent().stream().map(sent -> (CallEvent) sent.value()).toList();
  }

  @Test
  void aRejectedWebRtcCallIsEndedAsFailed() {
    rejected.onCallEvent(created("k1", CallChannel.WEBRTC));
    RoutingDecision decision = rejection("k1", QueueLimit.CAPACITY);

    rejected.onRoutingDecision(decision);

    assertThat(published()).singleElement().satisfies(event -> {
      assertThat(event.getCallId()).isEqualTo("k1");
      assertThat(event.getTenantId()).isEqualTo("acme");
      assertThat(event.getPayload()).isEqualTo(new CallEnded(CallOutcome.FAILED, "queue full", null));
      assertThat(event.getEventId()).isEqualTo(RejectedCalls.endedEventId(decision.getEventId()));
    });
  }

  @Test
  void everyInstanceDerivesTheSameEventIdSoDuplicatesAreDropped() {
    RejectedCalls other = rejectedCallsOf("gw-2");
    rejected.onCallEvent(created("k1", CallChannel.WEBRTC));
    other.onCallEvent(created("k1", CallChannel.WEBRTC));
    RoutingDecision decision = rejection("k1", QueueLimit.MAX_WAIT);

    rejected.onRoutingDecision(decision);
    other.onRoutingDecision(decision);

    assertThat(published()).hasSize(2);
    assertThat(published().get(0).getEventId()).isEqualTo(published().get(1).getEventId())
        .isNotEqualTo(decision.getEventId());
    assertThat(RejectedCalls.endedEventId(UUID.randomUUID())).isNotEqualTo(published().get(0).getEventId());
  }

  @Test
  void aSipCallIsLeftToTheMediaBridge() {
    rejected.onCallEvent(created("k1", CallChannel.SIP));
    rejected.onRoutingDecision(rejection("k1", QueueLimit.CAPACITY));
    assertThat(publisher.sent()).isEmpty();
  }

  @Test
  void aCallCreatedBeforeThisInstanceStartedIsLookedUpInCallState() {
    callState.calls.put("acme/k2", new CallView("k2", CallState.QUEUED, null, "WEBRTC"));
    callState.calls.put("acme/k3", new CallView("k3", CallState.QUEUED, null, "SIP"));

    rejected.onRoutingDecision(rejection("k2", QueueLimit.NO_AGENT));
    rejected.onRoutingDecision(rejection("k3", QueueLimit.NO_AGENT));
    rejected.onRoutingDecision(rejection("unknown", QueueLimit.NO_AGENT));

    assertThat(published()).singleElement().satisfies(event -> {
      assertThat(event.getCallId()).isEqualTo("k2");
      assertThat(((CallEnded) event.getPayload()).getReason()).isEqualTo("no agent available");
    });
  }

  @Test
  void anUnreachableCallStateOrBrokerIsLoggedNotThrown() {
    callState.down = true;
    rejected.onRoutingDecision(rejection("k9", QueueLimit.CAPACITY));
    publisher.failing(true);
    rejected.onCallEvent(created("k1", CallChannel.WEBRTC));
    rejected.onRoutingDecision(rejection("k1", QueueLimit.CAPACITY));
    assertThat(publisher.sent()).isEmpty();
  }

  @Test
  void otherDecisionsAndEndedCallsAreIgnored() {
    rejected.onCallEvent(created("k1", CallChannel.WEBRTC));
    rejected.onCallEvent(new CallEvent(UUID.randomUUID(), "acme", TestWeb.NOW, "gw-2", "k1",
        new CallEnded(CallOutcome.ABANDONED, null, null)));
    // Forgotten once ended: call-state (which knows it ended) is asked instead, and has nothing.
    rejected.onRoutingDecision(rejection("k1", QueueLimit.CAPACITY));
    assertThat(publisher.sent()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"CAPACITY, queue full", "MAX_WAIT, maximum wait reached", "NO_AGENT, no agent available",
      "UNKNOWN_QUEUE, unknown queue"})
  void theReasonSaysWhichLimitWasReached(QueueLimit limit, String reason) {
    assertThat(RejectedCalls.reason(limit)).isEqualTo(reason);
  }
}
