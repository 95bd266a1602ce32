package io.switchboard.callstate.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.callstate.ProjectedService;
import io.switchboard.schemas.avro.CallChannel;
import io.switchboard.schemas.avro.CallCreated;
import io.switchboard.schemas.avro.CallDirection;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallQueued;
import io.switchboard.schemas.avro.MediaType;
import io.switchboard.schemas.avro.QualityEvent;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingOffered;
import io.switchboard.schemas.avro.RoutingQueued;
import io.switchboard.schemas.topics.Topics;
import io.switchboard.testsupport.Poll;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The housekeeping against the real broker and database: a call left RINGING long ago is closed as
 * MISSED through {@code call.events}, once, while one that just started ringing is left alone.
 */
class HousekeepingIT {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @RegisterExtension
  static final ProjectedService service = new ProjectedService("housekeeping",
      "--switchboard.housekeeping.interval=200ms",
      "--switchboard.housekeeping.ringing-timeout=60s");

  private final String tenant = "hk-" + UUID.randomUUID().toString().substring(0, 8);

  @Test
  void aCallRingingLongAgoIsClosedAsMissedOnceAndAFreshOneIsLeft() {
    // given one call whose offer was made ten minutes ago and one offered just now
    String stale = "stale-" + UUID.randomUUID();
    String fresh = "fresh-" + UUID.randomUUID();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    offered(stale, now.minus(Duration.ofMinutes(10)));
    offered(fresh, now);

    // when the sweeps run, then the stale call ends as MISSED, by an event on call.events
    Map<String, Object> row = Poll.until(PATIENCE, "call " + stale + " closed", () -> {
      List<Map<String, Object>> rows = service.database().query("SELECT state, end_reason FROM calls WHERE call_id = ?", stale);
      return !rows.isEmpty() && "MISSED".equals(rows.get(0).get("state")) ? rows.get(0) : null;
    });
    assertThat((String) row.get("end_reason")).contains("housekeeping").contains("ringing for more than 60 s");

    // and however many sweeps saw it before the projection caught up, one CallEnded was applied
    Poll.until(PATIENCE, "several sweeps after the close", () ->
        count("SELECT count(*) AS n FROM call_events WHERE call_id = ? AND type = 'CallEnded'", stale) == 1
            && sweepsSince(now) ? Boolean.TRUE : null);
    assertThat(count("SELECT count(*) AS n FROM call_events WHERE call_id = ? AND type = 'CallEnded'", stale))
        .isEqualTo(1);
    assertThat(service.database().query("SELECT state FROM calls WHERE call_id = ?", fresh).get(0).get("state"))
        .isEqualTo("RINGING");
  }

  @Test
  void qualitySamplesPastTheRetentionAreDeletedAndRecentOnesKept() {
    // given a sample eight days old and one from now (retention 7 days)
    String callId = "q-" + UUID.randomUUID();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    UUID old = UUID.randomUUID();
    UUID recent = UUID.randomUUID();
    service.producer().send(Topics.QUALITY_EVENTS, callId, sample(old, callId, now.minus(Duration.ofDays(8))));
    service.producer().send(Topics.QUALITY_EVENTS, callId, sample(recent, callId, now));

    // when the sweeps run, then only the recent one is left
    Poll.until(PATIENCE, "the recent sample projected and the old one deleted", () ->
        count("SELECT count(*) AS n FROM quality_samples WHERE call_id = ? AND event_id = ?::uuid", callId,
            recent.toString()) == 1
            && count("SELECT count(*) AS n FROM quality_samples WHERE call_id = ?", callId) == 1 ? Boolean.TRUE : null);
    assertThat(count("SELECT count(*) AS n FROM call_events WHERE call_id = ?", callId)).isZero();
  }

  private QualityEvent sample(UUID eventId, String callId, Instant at) {
    return new QualityEvent(eventId, tenant, at, "it", callId, "p-1", MediaType.AUDIO, 10.0, 0.5, 40.0, 4.2, 64.0,
        "opus", null, null, null);
  }

  /** Sweeps run every 200 ms: a second has seen several, each of which could have published again. */
  private static boolean sweepsSince(Instant start) {
    return Instant.now().isAfter(start.plusSeconds(2));
  }

  private void offered(String callId, Instant at) {
    service.producer().send(Topics.CALL_EVENTS, callId, new CallEvent(UUID.randomUUID(), tenant, at, "it", callId,
        new CallCreated(CallDirection.INBOUND, CallChannel.WEBRTC, "c-1", null, null, "sales", Map.of(), List.of())));
    service.producer().send(Topics.CALL_EVENTS, callId, new CallEvent(UUID.randomUUID(), tenant, at.plusMillis(10), "it",
        callId, new CallQueued("sales", null)));
    service.producer().send(Topics.ROUTING_DECISIONS, callId, new RoutingDecision(UUID.randomUUID(), tenant, at.plusMillis(20),
        "it", callId, "sales", "queued", new RoutingQueued(1, 100)));
    service.producer().send(Topics.ROUTING_DECISIONS, callId, new RoutingDecision(UUID.randomUUID(), tenant, at.plusMillis(30),
        "it", callId, "sales", "offered", new RoutingOffered("a1", UUID.randomUUID().toString(),
            at.plusSeconds(15), false)));
  }

  private long count(String sql, Object... params) {
    return ((Number) service.database().query(sql, params).get(0).get("n")).longValue();
  }
}
