package io.switchboard.callstate.projection;

import io.r2dbc.postgresql.codec.Json;
import io.switchboard.schemas.avro.QueueStats;
import java.util.ArrayList;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code queue_interval_stats} and {@code queue_live_stats}: upserts that keep the latest snapshot by
 * {@code occurredAt}, so an old snapshot read again (a replay, a compacted topic read from the start)
 * never overwrites a newer one.
 */
final class QueueStatsStore {

  private static final String UPSERT_INTERVAL = """
      INSERT INTO queue_interval_stats AS s (tenant_id, queue, interval_start, offered, answered, abandoned,
          overflowed, answered_within_service_level, abandoned_after_service_level, asa_ms, aht_ms, service_level,
          abandonment_rate, snapshot_at, event_id, source)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
      ON CONFLICT (tenant_id, queue, interval_start) DO UPDATE SET
        offered = EXCLUDED.offered, answered = EXCLUDED.answered, abandoned = EXCLUDED.abandoned,
        overflowed = EXCLUDED.overflowed, answered_within_service_level = EXCLUDED.answered_within_service_level,
        abandoned_after_service_level = EXCLUDED.abandoned_after_service_level, asa_ms = EXCLUDED.asa_ms,
        aht_ms = EXCLUDED.aht_ms, service_level = EXCLUDED.service_level,
        abandonment_rate = EXCLUDED.abandonment_rate, snapshot_at = EXCLUDED.snapshot_at,
        event_id = EXCLUDED.event_id, source = EXCLUDED.source
      WHERE s.snapshot_at <= EXCLUDED.snapshot_at""";

  private static final String UPSERT_LIVE = """
      INSERT INTO queue_live_stats AS s (tenant_id, queue, waiting, longest_wait_ms, agents_by_status,
          eligible_agents, interval_start, snapshot_at, event_id, source)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
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
    QueueStatsRows latest = QueueStatsRows.of(snapshots);
    List<Object[]> intervals = new ArrayList<>(latest.intervals().size());
    for (QueueStatsRows.Interval i : latest.intervals()) {
      intervals.add(new Object[] {i.tenantId(), i.queue(), i.intervalStart(), i.offered(), i.answered(),
          i.abandoned(), i.overflowed(), i.answeredWithinServiceLevel(), i.abandonedAfterServiceLevel(),
          Statements.orNull(i.asaMs(), Long.class), Statements.orNull(i.ahtMs(), Long.class),
          Statements.orNull(i.serviceLevel(), Double.class), Statements.orNull(i.abandonmentRate(), Double.class),
          i.snapshotAt(), i.eventId(), i.source()});
    }
    List<Object[]> live = new ArrayList<>(latest.live().size());
    for (QueueStatsRows.Live l : latest.live()) {
      live.add(new Object[] {l.tenantId(), l.queue(), l.waiting(), l.longestWaitMs(),
          Json.of(json.writeValueAsString(l.agentsByStatus())), l.eligibleAgents(), l.intervalStart(),
          l.snapshotAt(), l.eventId(), l.source()});
    }
    return Statements.update(db, UPSERT_INTERVAL, intervals).then(Statements.update(db, UPSERT_LIVE, live).then());
  }
}
