package io.switchboard.callstate.projection;

import io.switchboard.schemas.avro.QueueStats;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code queue_interval_stats} and {@code queue_live_stats}: upserts that keep the latest snapshot by
 * {@code occurredAt}, so an old snapshot read again (a replay, a compacted topic read from the start)
 * never overwrites a newer one. One statement per table per batch, the rows as arrays (see
 * {@link Statements}); {@link QueueStatsRows} leaves one row per key, as {@code DO UPDATE} requires.
 */
final class QueueStatsStore {

  private static final String UPSERT_INTERVAL = """
      INSERT INTO queue_interval_stats AS s (tenant_id, queue, interval_start, offered, answered, abandoned,
          overflowed, answered_within_service_level, abandoned_after_service_level, asa_ms, aht_ms, service_level,
          abandonment_rate, snapshot_at, event_id, source)
      SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::int[], $5::int[], $6::int[], $7::int[],
                           $8::int[], $9::int[], $10::bigint[], $11::bigint[], $12::float8[], $13::float8[],
                           $14::timestamptz[], $15::uuid[], $16::text[])
      ON CONFLICT (tenant_id, queue, interval_start) DO UPDATE SET
        offered = EXCLUDED.offered, answered = EXCLUDED.answered, abandoned = EXCLUDED.abandoned,
        overflowed = EXCLUDED.overflowed, answered_within_service_level = EXCLUDED.answered_within_service_level,
        abandoned_after_service_level = EXCLUDED.abandoned_after_service_level, asa_ms = EXCLUDED.asa_ms,
        aht_ms = EXCLUDED.aht_ms, service_level = EXCLUDED.service_level,
        abandonment_rate = EXCLUDED.abandonment_rate, snapshot_at = EXCLUDED.snapshot_at,
        event_id = EXCLUDED.event_id, source = EXCLUDED.source
      WHERE s.snapshot_at <= EXCLUDED.snapshot_at""";

  // agents_by_status travels as JSON text.
  private static final String UPSERT_LIVE = """
      INSERT INTO queue_live_stats AS s (tenant_id, queue, waiting, longest_wait_ms, agents_by_status,
          eligible_agents, interval_start, snapshot_at, event_id, source)
      SELECT u.tenant_id, u.queue, u.waiting, u.longest_wait_ms, u.agents_by_status::jsonb, u.eligible_agents,
             u.interval_start, u.snapshot_at, u.event_id, u.source
      FROM unnest($1::text[], $2::text[], $3::int[], $4::bigint[], $5::text[], $6::int[], $7::timestamptz[],
                  $8::timestamptz[], $9::uuid[], $10::text[])
           AS u(tenant_id, queue, waiting, longest_wait_ms, agents_by_status, eligible_agents, interval_start,
                snapshot_at, event_id, source)
      ON CONFLICT (tenant_id, queue) DO UPDATE SET
        waiting = EXCLUDED.waiting, longest_wait_ms = EXCLUDED.longest_wait_ms,
        agents_by_status = EXCLUDED.agents_by_status, eligible_agents = EXCLUDED.eligible_agents,
        interval_start = EXCLUDED.interval_start, snapshot_at = EXCLUDED.snapshot_at, event_id = EXCLUDED.event_id,
        source = EXCLUDED.source
      WHERE s.snapshot_at <= EXCLUDED.snapshot_at""";

  private final DatabaseClient db;
  private final JsonMapper json;

  QueueStatsStore(DatabaseClient db, JsonMapper json) {
    this.db = db;
    this.json = json;
  }

  Mono<Void> upsert(List<QueueStats> snapshots) {
    if (snapshots.isEmpty()) {
      return Mono.empty();
    }
    QueueStatsRows latest = QueueStatsRows.of(snapshots);
    return intervals(latest.intervals()).then(live(latest.live()));
  }

  private Mono<Void> intervals(List<QueueStatsRows.Interval> rows) {
    if (rows.isEmpty()) {
      return Mono.empty();
    }
    return db.sql(UPSERT_INTERVAL)
        .bind(0, Statements.column(rows, QueueStatsRows.Interval::tenantId, String[]::new))
        .bind(1, Statements.column(rows, QueueStatsRows.Interval::queue, String[]::new))
        .bind(2, Statements.column(rows, i -> Statements.at(i.intervalStart()), OffsetDateTime[]::new))
        .bind(3, Statements.column(rows, QueueStatsRows.Interval::offered, Integer[]::new))
        .bind(4, Statements.column(rows, QueueStatsRows.Interval::answered, Integer[]::new))
        .bind(5, Statements.column(rows, QueueStatsRows.Interval::abandoned, Integer[]::new))
        .bind(6, Statements.column(rows, QueueStatsRows.Interval::overflowed, Integer[]::new))
        .bind(7, Statements.column(rows, QueueStatsRows.Interval::answeredWithinServiceLevel, Integer[]::new))
        .bind(8, Statements.column(rows, QueueStatsRows.Interval::abandonedAfterServiceLevel, Integer[]::new))
        .bind(9, Statements.column(rows, QueueStatsRows.Interval::asaMs, Long[]::new))
        .bind(10, Statements.column(rows, QueueStatsRows.Interval::ahtMs, Long[]::new))
        .bind(11, Statements.column(rows, QueueStatsRows.Interval::serviceLevel, Double[]::new))
        .bind(12, Statements.column(rows, QueueStatsRows.Interval::abandonmentRate, Double[]::new))
        .bind(13, Statements.column(rows, i -> Statements.at(i.snapshotAt()), OffsetDateTime[]::new))
        .bind(14, Statements.column(rows, QueueStatsRows.Interval::eventId, UUID[]::new))
        .bind(15, Statements.column(rows, QueueStatsRows.Interval::source, String[]::new))
        .fetch().rowsUpdated().then();
  }

  private Mono<Void> live(List<QueueStatsRows.Live> rows) {
    if (rows.isEmpty()) {
      return Mono.empty();
    }
    return db.sql(UPSERT_LIVE)
        .bind(0, Statements.column(rows, QueueStatsRows.Live::tenantId, String[]::new))
        .bind(1, Statements.column(rows, QueueStatsRows.Live::queue, String[]::new))
        .bind(2, Statements.column(rows, QueueStatsRows.Live::waiting, Integer[]::new))
        .bind(3, Statements.column(rows, QueueStatsRows.Live::longestWaitMs, Long[]::new))
        .bind(4, Statements.column(rows, l -> json.writeValueAsString(l.agentsByStatus()), String[]::new))
        .bind(5, Statements.column(rows, QueueStatsRows.Live::eligibleAgents, Integer[]::new))
        .bind(6, Statements.column(rows, l -> Statements.at(l.intervalStart()), OffsetDateTime[]::new))
        .bind(7, Statements.column(rows, l -> Statements.at(l.snapshotAt()), OffsetDateTime[]::new))
        .bind(8, Statements.column(rows, QueueStatsRows.Live::eventId, UUID[]::new))
        .bind(9, Statements.column(rows, QueueStatsRows.Live::source, String[]::new))
        .fetch().rowsUpdated().then();
  }
}
