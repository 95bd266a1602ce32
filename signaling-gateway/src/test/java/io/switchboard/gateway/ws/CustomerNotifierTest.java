package io.switchboard.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.security.Caller;
import io.switchboard.gateway.security.Role;
import io.switchboard.schemas.avro.CallChannel;
import io.switchboard.schemas.avro.CallCreated;
import io.switchboard.schemas.avro.CallDirection;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.CallQueued;
import io.switchboard.schemas.avro.CallbackScheduled;
import io.switchboard.schemas.avro.ReservationAccepted;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingQueued;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CustomerNotifierTest {

  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

  private final SessionRegistry sessions = new SessionRegistry();
  private final CustomerNotifier notifier = new CustomerNotifier(sessions, new Frames(FrameCollector.JSON),
      new CustomerCalls(2));

  CustomerNotifierTest() {
    sessions.start();
  }

  private FrameCollector connect(String tenant, String subject) {
    AgentSession session = new AgentSession(UUID.randomUUID().toString(),
        new Caller(tenant, subject, Set.of(Role.CUSTOMER), null), 64);
    sessions.add(session);
    return new FrameCollector(session);
  }

  private static CallEvent call(String callId, Object payload) {
    return new CallEvent(UUID.randomUUID(), "acme", NOW, "gw-1", callId, payload);
  }

  private static CallCreated created(String customer) {
    return new CallCreated(CallDirection.INBOUND, CallChannel.WEBRTC, customer, null, null, "sales", Map.of(), List.of());
  }

  private static RoutingDecision decision(String callId, Object payload) {
    return new RoutingDecision(UUID.randomUUID(), "acme", NOW, "routing-1", callId, "sales", null, payload);
  }

  private static List<String> types(FrameCollector client) {
    return client.frames().stream().map(f -> f.get("type").stringValue()).toList();
  }

  @Test
  void theCustomerFollowsItsCallFromQueuedToEnded() {
    FrameCollector customer = connect("acme", "c-1");
    FrameCollector other = connect("acme", "c-2");

    notifier.onCallEvent(call("k1", created("c-1")));
    notifier.onCallEvent(call("k1", new CallQueued("sales", null)));
    notifier.onRoutingDecision(decision("k1", new RoutingQueued(4, 100)));
    notifier.onRoutingDecision(decision("k1", new RoutingQueued(2, 180)));
    notifier.onRoutingDecision(decision("k1", new CallbackScheduled(2)));
    notifier.onRoutingDecision(decision("k1", new ReservationAccepted("a1", "r-1")));
    notifier.onCallEvent(call("k1", new CallEnded(CallOutcome.ENDED, "bye", "a1")));
    notifier.onRoutingDecision(decision("k1", new RoutingQueued(1, 100)));

    assertThat(types(customer)).containsExactly("call:queued", "call:queued", "call:queued", "call:queued",
        "call:accepted", "call:ended");
    List<JsonNode> frames = customer.frames();
    assertThat(frames.get(0).get("data").get("position").isNull()).isTrue();
    assertThat(frames.get(1).get("data").get("position").intValue()).isEqualTo(4);
    assertThat(frames.get(2).get("data").get("position").intValue()).isEqualTo(2);
    assertThat(frames.get(3).get("data").get("callback").booleanValue()).isTrue();
    assertThat(frames.get(4).get("data").get("agentId").stringValue()).isEqualTo("a1");
    assertThat(frames.get(5).get("data").get("outcome").stringValue()).isEqualTo("ENDED");
    assertThat(other.frames()).isEmpty();
  }

  @Test
  void callsItDidNotSeeCreatedOrForgotTellNobody() {
    FrameCollector customer = connect("acme", "c-1");
    notifier.onRoutingDecision(decision("unseen", new RoutingQueued(1, 100)));
    // Room for two calls: the oldest is forgotten first.
    notifier.onCallEvent(call("k1", created("c-1")));
    notifier.onCallEvent(call("k2", created("c-1")));
    notifier.onCallEvent(call("k3", created("c-1")));
    notifier.onRoutingDecision(decision("k1", new RoutingQueued(1, 100)));
    notifier.onRoutingDecision(decision("k3", new RoutingQueued(1, 100)));

    assertThat(customer.frames()).singleElement()
        .satisfies(frame -> assertThat(frame.get("data").get("callId").stringValue()).isEqualTo("k3"));
  }

  @Test
  void theEstimatedWaitComesFromTheQueuesStatisticsAndIsSentAgainWhenItMovesMaterially() {
    QueueStatsTable stats = new QueueStatsTable();
    CustomerNotifier estimating = new CustomerNotifier(sessions, new Frames(FrameCollector.JSON),
        new CustomerCalls(10), stats, Clock.fixed(NOW, ZoneOffset.UTC));
    FrameCollector customer = connect("acme", "c-1");
    estimating.onCallEvent(call("k1", created("c-1")));
    estimating.onRoutingDecision(decision("k1", new RoutingQueued(3, 100)));
    // Two agents on calls of 2 min on average: 3 × 120 s / 2.
    stats.apply("acme", "sales", QueueStatsFixtures.snapshot("acme", "sales", NOW)
        .setAgentsByStatus(Map.of("BUSY", 2)).setAhtMs(120_000L).build());
    // Half a minute more is not worth a frame; twice as long is.
    stats.apply("acme", "sales", QueueStatsFixtures.snapshot("acme", "sales", NOW.plusSeconds(1))
        .setAgentsByStatus(Map.of("BUSY", 2)).setAhtMs(140_000L).build());
    stats.apply("acme", "sales", QueueStatsFixtures.snapshot("acme", "sales", NOW.plusSeconds(2))
        .setAgentsByStatus(Map.of("BUSY", 1)).setAhtMs(120_000L).build());
    // Another tenant's queue of the same name changes nothing here.
    stats.apply("globex", "sales", QueueStatsFixtures.snapshot("globex", "sales", NOW)
        .setAgentsByStatus(Map.of("BUSY", 1)).setAhtMs(900_000L).build());
    estimating.onRoutingDecision(decision("k1", new RoutingQueued(1, 100)));
    estimating.onRoutingDecision(decision("k1", new ReservationAccepted("a1", "r-1")));
    stats.apply("acme", "sales", QueueStatsFixtures.snapshot("acme", "sales", NOW.plusSeconds(3))
        .setAgentsByStatus(Map.of("BUSY", 1)).setAhtMs(600_000L).build());

    assertThat(types(customer)).containsExactly("call:queued", "call:queued", "call:queued", "call:queued",
        "call:accepted");
    assertThat(customer.frames().subList(0, 4)).extracting(frame -> frame.get("data").get("position").asInt() + " "
        + frame.get("data").get("estimatedWaitSeconds"))
        .containsExactly("3 null", "3 180", "3 360", "1 120");
  }
}
