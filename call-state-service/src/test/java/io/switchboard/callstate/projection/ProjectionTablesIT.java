package io.switchboard.callstate.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.callstate.ProjectedService;
import io.switchboard.schemas.avro.AgentChannel;
import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.AgentRegistered;
import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.AgentStatusChanged;
import io.switchboard.schemas.avro.CallAnswered;
import io.switchboard.schemas.avro.CallChannel;
import io.switchboard.schemas.avro.CallCreated;
import io.switchboard.schemas.avro.CallDirection;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallHeld;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.CallQueued;
import io.switchboard.schemas.avro.CallResumed;
import io.switchboard.schemas.avro.CallRinging;
import io.switchboard.schemas.avro.CallTransferred;
import io.switchboard.schemas.avro.DtmfMethod;
import io.switchboard.schemas.avro.DtmfReceived;
import io.switchboard.schemas.avro.MediaType;
import io.switchboard.schemas.avro.QualityEvent;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingOffered;
import io.switchboard.schemas.avro.Skill;
import io.switchboard.schemas.avro.TransferTargetType;
import io.switchboard.schemas.topics.Topics;
import io.switchboard.testsupport.Poll;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The tables added after the first projection: dead letters, call durations, the call views, key presses. */
class ProjectionTablesIT {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @RegisterExtension
  static final ProjectedService service = new ProjectedService("callstate");

  private final String tenant = "it-" + UUID.randomUUID().toString().substring(0, 8);

  @Test
  void aPoisonRecordIsSetAsideAndTheNextRecordsStillProject() {
    String callId = "call-" + UUID.randomUUID();
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    byte[] poison = {(byte) 0xde, (byte) 0xad, 0, (byte) 0xbe, (byte) 0xef};

    send(callEvent(callId, t0, created()));
    RecordMetadata where = service.producer().sendRaw(Topics.CALL_EVENTS.name(), callId, poison);
    send(callEvent(callId, t0.plusMillis(10), new CallQueued("sales", null)));

    awaitCall(callId, "QUEUED");
    List<Map<String, Object>> letters = service.database().query(
        "SELECT topic, partition, record_offset, record_key, record_value, reason, error, set_aside_at "
            + "FROM dead_letters WHERE record_key = ?", callId);
    assertThat(letters).singleElement().satisfies(letter -> {
      assertThat(letter).containsEntry("topic", Topics.CALL_EVENTS.name())
          .containsEntry("partition", where.partition()).containsEntry("record_offset", where.offset())
          .containsEntry("reason", "undecodable");
      assertThat((byte[]) letter.get("record_value")).isEqualTo(poison);
      assertThat((String) letter.get("error")).isNotBlank();
      assertThat(letter.get("set_aside_at")).isNotNull();
    });
    assertThat(count("SELECT count(*) AS n FROM call_events WHERE call_id = ?", callId)).isEqualTo(2);
  }

  @Test
  void aHeldAndTransferredCallHasItsDurationsAndItsAgentsWrapUp() {
    String callId = "call-" + UUID.randomUUID();
    String agentId = "agent-" + UUID.randomUUID();
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Instant queued = t0.plusMillis(120);
    Instant ringing = t0.plusMillis(2_345);
    Instant answered = t0.plusMillis(4_010);
    Instant held1 = t0.plusMillis(9_000);
    Instant resumed1 = t0.plusMillis(12_500);
    Instant held2 = t0.plusMillis(20_000);
    Instant resumed2 = t0.plusMillis(20_777);
    Instant transferred = t0.plusMillis(25_000);
    Instant ended = t0.plusMillis(61_234);
    Instant wrapUp = t0.plusMillis(61_300);
    Instant available = t0.plusMillis(75_050);

    sendAgent(agentId, t0.minusSeconds(60), new AgentRegistered("Ada", List.of(new Skill("english", 7)),
        List.of("sales"), 1, AgentChannel.WEBRTC, null));
    send(callEvent(callId, t0, created()));
    send(callEvent(callId, queued, new CallQueued("sales", null)));
    send(decision(callId, ringing, new RoutingOffered(agentId, "r-1", ringing.plusSeconds(20), false)));
    send(callEvent(callId, ringing.plusMillis(30), new CallRinging(agentId, null)));
    send(callEvent(callId, answered, new CallAnswered(agentId, "r-1")));
    send(callEvent(callId, held1, new CallHeld(agentId)));
    send(callEvent(callId, resumed1, new CallResumed(agentId)));
    send(callEvent(callId, held2, new CallHeld(agentId)));
    send(callEvent(callId, resumed2, new CallResumed(agentId)));
    send(callEvent(callId, transferred, new CallTransferred(TransferTargetType.AGENT, "a2", agentId)));
    send(callEvent(callId, ended, new CallEnded(CallOutcome.ENDED, null, "customer")));
    sendAgent(agentId, wrapUp, new AgentStatusChanged(AgentStatus.WRAP_UP, null));
    sendAgent(agentId, available, new AgentStatusChanged(AgentStatus.AVAILABLE, null));

    Map<String, Object> call = Poll.until(PATIENCE, "call " + callId + " ended with its wrap-up", () -> {
      List<Map<String, Object>> rows = service.database().query("SELECT state, wait_ms, talk_ms, duration_ms, hold_ms, "
          + "hold_count, transfer_count, wrap_up_ms, (extract(epoch FROM ringing_at) * 1000)::bigint AS ringing, "
          + "(extract(epoch FROM held_at) * 1000)::bigint AS held FROM calls WHERE tenant_id = ? AND call_id = ?",
          tenant, callId);
      return rows.isEmpty() || rows.get(0).get("wrap_up_ms") == null ? null : rows.get(0);
    });
    assertThat(call).containsEntry("state", "ENDED")
        .containsEntry("wait_ms", millis(queued, answered))
        .containsEntry("talk_ms", millis(answered, ended))
        .containsEntry("duration_ms", millis(t0, ended))
        .containsEntry("hold_ms", millis(held1, resumed1) + millis(held2, resumed2))
        .containsEntry("hold_count", 2)
        .containsEntry("transfer_count", 1)
        .containsEntry("wrap_up_ms", millis(wrapUp, available))
        .containsEntry("ringing", ringing.toEpochMilli())
        .containsEntry("held", held1.toEpochMilli());
    assertThat(count("SELECT count(*) AS n FROM call_history WHERE call_id = ?", callId)).isOne();
    assertThat(count("SELECT count(*) AS n FROM active_calls WHERE call_id = ?", callId)).isZero();
    // Every logged event has its own payload (a batch's payloads travel together, as one JSON array).
    assertThat(count("SELECT count(*) AS n FROM call_events WHERE call_id = ? AND payload->>'eventId' = event_id::text",
        callId)).isEqualTo(11);
    assertThat(count("SELECT count(*) AS n FROM call_events WHERE call_id = ?", callId)).isEqualTo(11);
  }

  @Test
  void anEventWhoseIdIsLoggedUnderAnotherCallIsNotLoggedAgainAndTheNextEventsProject() {
    // given two calls projected, the second one's log held by the projection
    String first = "call-" + UUID.randomUUID();
    String second = "call-" + UUID.randomUUID();
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    CallEvent firstCreated = callEvent(first, t0, created());
    send(firstCreated);
    send(callEvent(second, t0, created()));
    awaitCall(first, "INITIATING");
    awaitCall(second, "INITIATING");

    // when the second call gets an end with the first call's event id, then a queueing of its own
    send(new CallEvent(firstCreated.getEventId(), tenant, t0.plusMillis(5), "it", second,
        new CallEnded(CallOutcome.ENDED, null, "customer")));
    send(callEvent(second, t0.plusMillis(9), new CallQueued("sales", null)));

    // then the reused id stays the first call's event, and the second call goes on without it
    awaitCall(second, "QUEUED");
    assertThat(count("SELECT count(*) AS n FROM call_events WHERE call_id = ?", second)).isEqualTo(2);
    assertThat(count("SELECT count(*) AS n FROM call_events WHERE event_id = ? AND call_id = ?",
        firstCreated.getEventId(), first)).isOne();
    assertThat(count("SELECT count(*) AS n FROM calls WHERE call_id = ? AND ended_at IS NULL", second)).isOne();
  }

  @Test
  void aCallStillQueuedIsActive() {
    String callId = "call-" + UUID.randomUUID();
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    send(callEvent(callId, t0, created()));
    send(callEvent(callId, t0.plusMillis(5), new CallQueued("sales", null)));

    awaitCall(callId, "QUEUED");

    assertThat(count("SELECT count(*) AS n FROM active_calls WHERE tenant_id = ? AND call_id = ?", tenant, callId))
        .isOne();
    assertThat(count("SELECT count(*) AS n FROM call_history WHERE call_id = ?", callId)).isZero();
  }

  @Test
  void aQualitySampleLandsWithItsScoreOnce() {
    String callId = "call-" + UUID.randomUUID();
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    QualityEvent sample = new QualityEvent(UUID.randomUUID(), tenant, t0, "it", callId, "p-1", MediaType.VIDEO,
        12.5, 0.8, 45.0, 3.7, 1_200.0, "VP8", 29.97, 1280, 720);

    service.producer().send(Topics.QUALITY_EVENTS, callId, sample);
    service.producer().send(Topics.QUALITY_EVENTS, callId, sample); // published twice, stored once

    Map<String, Object> row = Poll.until(PATIENCE, "quality sample of " + callId, () -> {
      List<Map<String, Object>> rows = service.database().query("SELECT event_id::text AS id, participant_id, media_type, "
          + "jitter_ms, packet_loss_percent, rtt_ms, mos, bitrate_kbps, codec, frames_per_second, width, height, "
          + "quality_score, (extract(epoch FROM occurred_at) * 1000)::bigint AS at "
          + "FROM quality_samples WHERE tenant_id = ? AND call_id = ?", tenant, callId);
      return rows.isEmpty() ? null : rows.get(0);
    });
    // The duplicate sits after the first on the same partition: once the offsets pass both, it is in.
    RecordMetadata marker = service.producer().send(Topics.QUALITY_EVENTS, callId, new QualityEvent(UUID.randomUUID(), tenant,
        t0.plusSeconds(1), "it", callId, null, MediaType.AUDIO, null, null, null, null, null, null, null, null, null));
    Poll.until(PATIENCE, "the marker sample", () -> count("SELECT count(*) AS n FROM quality_samples "
        + "WHERE call_id = ? AND quality_score IS NULL", callId) == 1 ? marker : null);

    assertThat(row).containsEntry("id", sample.getEventId().toString()).containsEntry("participant_id", "p-1")
        .containsEntry("media_type", "VIDEO").containsEntry("jitter_ms", 12.5)
        .containsEntry("packet_loss_percent", 0.8).containsEntry("rtt_ms", 45.0).containsEntry("mos", 3.7)
        .containsEntry("bitrate_kbps", 1_200.0).containsEntry("codec", "VP8").containsEntry("frames_per_second", 29.97)
        .containsEntry("width", 1280).containsEntry("height", 720).containsEntry("quality_score", "good")
        .containsEntry("at", t0.toEpochMilli());
    assertThat(count("SELECT count(*) AS n FROM quality_samples WHERE call_id = ?", callId)).isEqualTo(2);
  }

  @Test
  void keyPressesLandOnceEachInTheirCallsTimelineAndMoveNoFigure() {
    // given a call answered by an agent
    String callId = "call-" + UUID.randomUUID();
    String agentId = "agent-" + UUID.randomUUID();
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Instant answered = t0.plusMillis(2_000);
    Instant first = t0.plusMillis(3_100);
    Instant second = t0.plusMillis(4_250);
    Instant ended = t0.plusMillis(9_000);
    send(callEvent(callId, t0, created()));
    send(callEvent(callId, t0.plusMillis(100), new CallQueued("sales", null)));
    send(decision(callId, t0.plusMillis(500), new RoutingOffered(agentId, "r-1", t0.plusSeconds(20), false)));
    send(callEvent(callId, answered, new CallAnswered(agentId, "r-1")));

    // when the caller presses 1 (published twice), the agent presses #, and the call ends
    CallEvent one = callEvent(callId, first, new DtmfReceived("customer", "1", 120, DtmfMethod.RFC4733));
    send(one);
    send(one);
    send(callEvent(callId, second, new DtmfReceived(agentId, "#", null, DtmfMethod.SIP_INFO)));
    send(callEvent(callId, ended, new CallEnded(CallOutcome.ENDED, null, "customer")));

    // then each key press is one row, with who pressed which key, how and when
    Map<String, Object> call = Poll.until(PATIENCE, "call " + callId + " ended with its offer", () -> {
      List<Map<String, Object>> rows = service.database().query("SELECT state, wait_ms, talk_ms, duration_ms, hold_ms,"
          + " event_count FROM calls WHERE tenant_id = ? AND call_id = ?", tenant, callId);
      return rows.isEmpty() || !"ENDED".equals(rows.get(0).get("state")) || rows.get(0).get("talk_ms") == null
          ? null : rows.get(0);
    });
    List<Map<String, Object>> presses = service.database().query("SELECT event_id::text AS id, participant_id, digit,"
        + " method, duration_ms, (extract(epoch FROM occurred_at) * 1000)::bigint AS at FROM call_key_presses"
        + " WHERE tenant_id = ? AND call_id = ? ORDER BY occurred_at", tenant, callId);
    assertThat(presses).hasSize(2);
    assertThat(presses.get(0)).containsEntry("id", one.getEventId().toString())
        .containsEntry("participant_id", "customer").containsEntry("digit", "1").containsEntry("method", "RFC4733")
        .containsEntry("duration_ms", 120).containsEntry("at", first.toEpochMilli());
    assertThat(presses.get(1)).containsEntry("participant_id", agentId).containsEntry("digit", "#")
        .containsEntry("method", "SIP_INFO").containsEntry("duration_ms", null).containsEntry("at", second.toEpochMilli());
    assertThat(count("SELECT count(*) AS n FROM call_events WHERE call_id = ? AND type = 'DtmfReceived'", callId))
        .isEqualTo(2);
    // and the call's figures are those of the same call without them
    assertThat(call).containsEntry("wait_ms", millis(t0.plusMillis(100), answered))
        .containsEntry("talk_ms", millis(answered, ended)).containsEntry("duration_ms", millis(t0, ended))
        .containsEntry("hold_ms", 0L).containsEntry("event_count", 7);
  }

  @Test
  void wrapUpsOfTwoCallsOfOneAgentAreRightWhenTheStatusesArriveBeforeTheCalls() {
    // given one agent's statuses (wrap-up after each of two calls) projected before the calls' events,
    // which come on another topic
    String agentId = "agent-" + UUID.randomUUID();
    String first = "call-" + UUID.randomUUID();
    String second = "call-" + UUID.randomUUID();
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    sendAgent(agentId, t0.minusSeconds(60), new AgentRegistered("Bo", List.of(), List.of("sales"), 1,
        AgentChannel.WEBRTC, null));
    sendAgent(agentId, t0.minusSeconds(30), new AgentStatusChanged(AgentStatus.AVAILABLE, null));
    sendAgent(agentId, t0.plusSeconds(101), new AgentStatusChanged(AgentStatus.WRAP_UP, null));
    sendAgent(agentId, t0.plusSeconds(110), new AgentStatusChanged(AgentStatus.AVAILABLE, null));
    sendAgent(agentId, t0.plusSeconds(201), new AgentStatusChanged(AgentStatus.WRAP_UP, null));
    sendAgent(agentId, t0.plusSeconds(215), new AgentStatusChanged(AgentStatus.AVAILABLE, null));
    Poll.until(PATIENCE, "the statuses projected", () -> count("SELECT count(*) AS n FROM agent_status_history"
        + " WHERE tenant_id = ? AND agent_id = ?", tenant, agentId) == 6 ? Boolean.TRUE : null);

    // when the calls arrive, the second one first
    answeredAndEnded(second, agentId, t0.plusSeconds(150), t0.plusSeconds(200));
    answeredAndEnded(first, agentId, t0, t0.plusSeconds(100));

    // then each call has its own wrap-up: 9 s and 14 s
    Poll.until(PATIENCE, "both wrap-ups", () -> {
      List<Map<String, Object>> rows = service.database().query("SELECT call_id, wrap_up_ms FROM calls WHERE tenant_id = ?"
          + " AND call_id IN (?, ?) AND wrap_up_ms IS NOT NULL", tenant, first, second);
      return rows.size() == 2 ? rows : null;
    });
    assertThat(service.database().query("SELECT wrap_up_ms FROM calls WHERE call_id = ?", first).get(0))
        .containsEntry("wrap_up_ms", 9_000L);
    assertThat(service.database().query("SELECT wrap_up_ms FROM calls WHERE call_id = ?", second).get(0))
        .containsEntry("wrap_up_ms", 14_000L);
  }

  private void answeredAndEnded(String callId, String agentId, Instant answered, Instant ended) {
    send(callEvent(callId, answered.minusSeconds(5), created()));
    send(callEvent(callId, answered.minusSeconds(4), new CallQueued("sales", null)));
    send(decision(callId, answered.minusSeconds(2), new RoutingOffered(agentId, "r-" + callId,
        answered.plusSeconds(13), false)));
    send(callEvent(callId, answered, new CallAnswered(agentId, "r-" + callId)));
    send(callEvent(callId, ended, new CallEnded(CallOutcome.ENDED, null, "customer")));
  }

  private void awaitCall(String callId, String state) {
    Poll.until(PATIENCE, "call " + callId + " in " + state, () -> {
      List<Map<String, Object>> rows = service.database().query(
          "SELECT state FROM calls WHERE tenant_id = ? AND call_id = ?", tenant, callId);
      return !rows.isEmpty() && state.equals(rows.get(0).get("state")) ? rows.get(0) : null;
    });
  }

  private void send(CallEvent event) {
    service.producer().send(Topics.CALL_EVENTS, event.getCallId(), event);
  }

  private void send(RoutingDecision decision) {
    service.producer().send(Topics.ROUTING_DECISIONS, decision.getCallId(), decision);
  }

  private void sendAgent(String agentId, Instant at, Object payload) {
    service.producer().send(Topics.AGENT_EVENTS, agentId, new AgentEvent(UUID.randomUUID(), tenant, at, "it", agentId, payload));
  }

  private CallEvent callEvent(String callId, Instant at, Object payload) {
    return new CallEvent(UUID.randomUUID(), tenant, at, "it", callId, payload);
  }

  private RoutingDecision decision(String callId, Instant at, Object payload) {
    return new RoutingDecision(UUID.randomUUID(), tenant, at, "it", callId, "sales", null, payload);
  }

  private static CallCreated created() {
    return new CallCreated(CallDirection.INBOUND, CallChannel.WEBRTC, "c-42", null, null, "sales", Map.of(),
        List.of());
  }

  /** The difference of two published timestamps, computed here rather than written down. */
  private static long millis(Instant from, Instant to) {
    return to.toEpochMilli() - from.toEpochMilli();
  }

  private long count(String sql, Object... params) {
    return ((Number) service.database().query(sql, params).get(0).get("n")).longValue();
  }
}
