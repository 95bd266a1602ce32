package io.switchboard.callstate.query;

import io.switchboard.testsupport.TestDatabase;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Writes projection rows straight into the tables, as the projection would have left them. */
final class Rows {

  private final TestDatabase database;

  Rows(TestDatabase database) {
    this.database = database;
  }

  /**
   * A call created 2 s before it queued, answered after {@code waitSeconds} (unless ABANDONED, which
   * ends then), ended {@code talkSeconds} after the answer when that is given.
   */
  void call(String tenant, String callId, String state, String queue, String agent, Instant queuedAt,
      long waitSeconds, Long talkSeconds) {
    Instant createdAt = queuedAt.minusSeconds(2);
    boolean abandoned = state.equals("ABANDONED");
    Instant answeredAt = abandoned ? null : queuedAt.plusSeconds(waitSeconds);
    Instant endedAt = abandoned ? queuedAt.plusSeconds(waitSeconds)
        : talkSeconds == null ? null : answeredAt.plusSeconds(talkSeconds);
    database.query("INSERT INTO calls (tenant_id, call_id, state, outcome, queue, agent_id, customer_id, created_at,"
            + " queued_at, answered_at, ended_at, wait_ms, talk_ms, event_count, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, now()) RETURNING call_id",
        tenant, callId, state, endedAt == null ? null : state, queue, agent, "cust-" + callId, at(createdAt),
        at(queuedAt), at(answeredAt), at(endedAt), waitSeconds * 1000,
        talkSeconds == null ? null : talkSeconds * 1000);
  }

  /** A call that only has a creation time, for the history. */
  void created(String tenant, String callId, String state, Instant createdAt) {
    database.query("INSERT INTO calls (tenant_id, call_id, state, created_at, event_count, updated_at)"
        + " VALUES (?, ?, ?, ?, 1, now()) RETURNING call_id", tenant, callId, state, at(createdAt));
  }

  void status(String tenant, String agent, Instant at, String status, boolean applied) {
    database.query("INSERT INTO agent_status_history (event_id, tenant_id, agent_id, type, status, occurred_at,"
            + " applied) VALUES (?, ?, ?, 'AgentStatusChanged', ?, ?, ?) RETURNING event_id",
        UUID.randomUUID(), tenant, agent, status, at(at), applied);
  }

  void agent(String tenant, String agent, String status, String reason, String[] queues, Instant updatedAt) {
    database.query("INSERT INTO agents (tenant_id, agent_id, display_name, status, status_reason, queues, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING agent_id",
        tenant, agent, "Agent " + agent, status, reason, queues, at(updatedAt));
  }

  void decision(String tenant, String callId, String agent, String type, Instant at) {
    database.query("INSERT INTO routing_decisions (event_id, tenant_id, call_id, queue, type, agent_id, occurred_at)"
        + " VALUES (?, ?, ?, 'sales', ?, ?, ?) RETURNING event_id", UUID.randomUUID(), tenant, callId, type, agent,
        at(at));
  }

  void event(String tenant, String callId, String type, Instant at, long offset) {
    database.query("INSERT INTO call_events (event_id, tenant_id, call_id, type, occurred_at, topic, partition,"
            + " record_offset, payload, record) VALUES (?, ?, ?, ?, ?, 'call.events', 0, ?, '{}'::jsonb, '\\x00')"
            + " RETURNING event_id", UUID.randomUUID(), tenant, callId, type, at(at), offset);
  }

  /** Hold and wrap-up of a call written by {@link #call}. */
  void handling(String tenant, String callId, int holdCount, long holdMs, long wrapUpMs) {
    database.query("UPDATE calls SET hold_count = ?, hold_ms = ?, wrap_up_ms = ? WHERE tenant_id = ? AND call_id = ?"
        + " RETURNING call_id", holdCount, holdMs, wrapUpMs, tenant, callId);
  }

  void quality(String tenant, String callId, double mos, String score, double jitterMs, double lossPercent,
      Instant at) {
    database.query("INSERT INTO quality_samples (event_id, tenant_id, call_id, media_type, jitter_ms,"
            + " packet_loss_percent, rtt_ms, mos, quality_score, occurred_at) VALUES (?, ?, ?, 'AUDIO', ?, ?, 40, ?, ?, ?)"
            + " RETURNING event_id", UUID.randomUUID(), tenant, callId, jitterMs, lossPercent, mos, score, at(at));
  }

  private static OffsetDateTime at(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
