package io.switchboard.callstate.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.callstate.ProjectedService;
import io.switchboard.schemas.avro.CallChannel;
import io.switchboard.schemas.avro.CallCreated;
import io.switchboard.schemas.avro.CallDirection;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.ParticipantJoined;
import io.switchboard.schemas.avro.ParticipantLeft;
import io.switchboard.schemas.avro.ParticipantRole;
import io.switchboard.schemas.avro.ParticipantUpdated;
import io.switchboard.schemas.avro.QueueStats;
import io.switchboard.schemas.topics.Topics;
import io.switchboard.testsupport.Poll;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Group call participants and queue interval statistics, through the real broker into PostgreSQL. */
class ParticipantsAndQueueStatsIT {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @RegisterExtension
  static final ProjectedService service = new ProjectedService("callstate");

  private final String tenant = "it-" + UUID.randomUUID().toString().substring(0, 8);

  @Test
  void aGroupCallOfThreeLandsWithJoinLeaveTimesAndMediaStates() {
    // given a call the customer, an agent and a supervisor join; the supervisor leaves; media change
    String callId = "call-" + UUID.randomUUID();
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Instant customerJoins = t0.plusMillis(100);
    Instant agentJoins = t0.plusMillis(2_050);
    Instant supervisorJoins = t0.plusMillis(30_000);
    Instant agentShares = t0.plusMillis(31_500);
    Instant supervisorLeaves = t0.plusMillis(45_250);
    Instant customerVideo = t0.plusMillis(50_000);
    List<CallEvent> events = List.of(
        callEvent(callId, t0, new CallCreated(CallDirection.INBOUND, CallChannel.WEBRTC, "c-1", null, null, "sales",
            Map.of(), List.of())),
        callEvent(callId, customerJoins, new ParticipantJoined("cust", ParticipantRole.CUSTOMER, "Carol", true,
            false)),
        callEvent(callId, agentJoins, new ParticipantJoined("agent", ParticipantRole.AGENT, "Ada", true, true)),
        // published before the join it follows: the fold orders by occurredAt
        callEvent(callId, supervisorLeaves, new ParticipantLeft("sup", "coaching done")),
        callEvent(callId, supervisorJoins, new ParticipantJoined("sup", ParticipantRole.SUPERVISOR, "Sam", true,
            false)),
        callEvent(callId, agentShares, new ParticipantUpdated("agent", null, null, true)),
        callEvent(callId, customerVideo, new ParticipantUpdated("cust", null, true, null)));

    // when
    events.forEach(event -> service.producer().send(Topics.CALL_EVENTS, callId, event));

    // then
    Poll.until(PATIENCE, "all events of " + callId + " folded", () -> {
      List<Map<String, Object>> rows = service.database().query(
          "SELECT event_count FROM calls WHERE tenant_id = ? AND call_id = ?", tenant, callId);
      return !rows.isEmpty() && ((Number) rows.get(0).get("event_count")).intValue() == events.size()
          ? rows : null;
    });
    Map<Object, Map<String, Object>> byId = service.database().query("SELECT participant_id, role, display_name, join_count, "
            + "(extract(epoch FROM joined_at) * 1000)::bigint AS joined, (extract(epoch FROM left_at) * 1000)::bigint "
            + "AS gone, left_reason, audio, video, screen_share, (extract(epoch FROM updated_at) * 1000)::bigint "
            + "AS updated FROM call_participants WHERE tenant_id = ? AND call_id = ?", tenant, callId)
        .stream().collect(Collectors.toMap(row -> row.get("participant_id"), row -> row));
    assertThat(byId).containsOnlyKeys("cust", "agent", "sup");
    assertThat(byId.get("cust")).containsEntry("role", "CUSTOMER").containsEntry("display_name", "Carol")
        .containsEntry("joined", customerJoins.toEpochMilli()).containsEntry("gone", null)
        .containsEntry("audio", true).containsEntry("video", true).containsEntry("screen_share", false)
        .containsEntry("updated", customerVideo.toEpochMilli());
    assertThat(byId.get("agent")).containsEntry("role", "AGENT").containsEntry("joined", agentJoins.toEpochMilli())
        .containsEntry("gone", null).containsEntry("audio", true).containsEntry("video", true)
        .containsEntry("screen_share", true);
    assertThat(byId.get("sup")).containsEntry("role", "SUPERVISOR")
        .containsEntry("joined", supervisorJoins.toEpochMilli()).containsEntry("gone", supervisorLeaves.toEpochMilli())
        .containsEntry("left_reason", "coaching done").containsEntry("join_count", 1)
        .containsEntry("audio", true).containsEntry("video", false);
  }

  @Test
  void theNewerSnapshotOfAnIntervalStaysWhenAnOlderOneIsReadAgain() {
    // given
    Instant interval = Instant.now().truncatedTo(ChronoUnit.HOURS);
    QueueStats older = QueueStatsRowsTest.snapshot("sales", interval, interval.plusSeconds(100), 5);
    QueueStats newer = QueueStatsRowsTest.snapshot("sales", interval, interval.plusSeconds(300), 9);
    newer.setAnswered(8);
    newer.setAsaMs(4_321L);
    older.setTenantId(tenant);
    newer.setTenantId(tenant);
    QueueStats nextInterval = QueueStatsRowsTest.snapshot("sales", interval.plusSeconds(900),
        interval.plusSeconds(901), 1);
    nextInterval.setTenantId(tenant);

    // when the older snapshot lands, then the newer, then the older again (a re-read)
    send(older);
    awaitOffered(interval, 5);
    send(newer);
    awaitOffered(interval, 9);
    send(older);
    send(nextInterval); // same key, after the re-read: once it is live, the re-read was applied too
    Poll.until(PATIENCE, "the next interval's snapshot live", () -> {
      List<Map<String, Object>> rows = service.database().query("SELECT event_id::text AS id FROM queue_live_stats "
          + "WHERE tenant_id = ? AND queue = 'sales'", tenant);
      return !rows.isEmpty() && nextInterval.getEventId().toString().equals(rows.get(0).get("id")) ? rows : null;
    });

    // then
    Map<String, Object> row = service.database().query("SELECT offered, answered, abandoned, overflowed, "
        + "answered_within_service_level, abandoned_after_service_level, asa_ms, aht_ms, service_level, "
        + "abandonment_rate, event_id::text AS id, (extract(epoch FROM snapshot_at) * 1000)::bigint AS at "
        + "FROM queue_interval_stats WHERE tenant_id = ? AND queue = 'sales' AND (extract(epoch FROM interval_start) * 1000)::bigint = ?",
        tenant, interval.toEpochMilli()).get(0);
    assertThat(row).containsEntry("offered", 9).containsEntry("answered", 8).containsEntry("abandoned", 2)
        .containsEntry("overflowed", 1).containsEntry("answered_within_service_level", 7)
        .containsEntry("abandoned_after_service_level", 1).containsEntry("asa_ms", 4_321L)
        .containsEntry("aht_ms", 120_000L).containsEntry("service_level", 0.7)
        .containsEntry("abandonment_rate", newer.getAbandonmentRate())
        .containsEntry("id", newer.getEventId().toString()).containsEntry("at", newer.getOccurredAt().toEpochMilli());
    Map<String, Object> live = service.database().query("SELECT waiting, longest_wait_ms, agents_by_status::text AS agents, "
        + "eligible_agents, (extract(epoch FROM interval_start) * 1000)::bigint AS interval_ms "
        + "FROM queue_live_stats WHERE tenant_id = ? AND queue = 'sales'", tenant).get(0);
    assertThat(live).containsEntry("waiting", 3).containsEntry("longest_wait_ms", 45_000L)
        .containsEntry("eligible_agents", 6).containsEntry("interval_ms", interval.plusSeconds(900).toEpochMilli());
    assertThat((String) live.get("agents")).contains("\"BUSY\": 4").contains("\"AVAILABLE\": 2");
  }

  private void awaitOffered(Instant interval, int offered) {
    Poll.until(PATIENCE, "interval with " + offered + " offered", () -> {
      List<Map<String, Object>> rows = service.database().query("SELECT offered FROM queue_interval_stats "
          + "WHERE tenant_id = ? AND queue = 'sales' AND (extract(epoch FROM interval_start) * 1000)::bigint = ?",
          tenant, interval.toEpochMilli());
      return !rows.isEmpty() && ((Number) rows.get(0).get("offered")).intValue() == offered ? rows : null;
    });
  }

  private void send(QueueStats snapshot) {
    service.producer().send(Topics.QUEUE_STATS, Topics.queueKey(snapshot.getTenantId(), snapshot.getQueue()), snapshot);
  }

  private CallEvent callEvent(String callId, Instant at, Object payload) {
    return new CallEvent(UUID.randomUUID(), tenant, at, "it", callId, payload);
  }
}
