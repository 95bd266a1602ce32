package io.switchboard.callstate.projection;

import io.switchboard.schemas.avro.QualityEvent;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** The {@code quality_samples} table: one row per {@code quality.events} record, once per event id. */
final class QualityStore {

  // One statement per batch, the rows as arrays (see Statements). A repeated event id within the
  // batch is skipped like one stored before (DO NOTHING sees the row the same statement inserted).
  private static final String INSERT = """
      INSERT INTO quality_samples (event_id, tenant_id, call_id, participant_id, media_type, jitter_ms,
                                   packet_loss_percent, rtt_ms, mos, bitrate_kbps, codec, frames_per_second, width,
                                   height, quality_score, occurred_at)
      SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::float8[],
                           $8::float8[], $9::float8[], $10::float8[], $11::text[], $12::float8[], $13::int[],
                           $14::int[], $15::text[], $16::timestamptz[])
      ON CONFLICT (event_id) DO NOTHING""";

  private final DatabaseClient db;

  QualityStore(DatabaseClient db) {
    this.db = db;
  }

  /** Inserts the samples not stored before; returns how many were new. */
  Mono<Integer> insert(List<QualityEvent> samples) {
    if (samples.isEmpty()) {
      return Mono.just(0);
    }
    return db.sql(INSERT)
        .bind(0, Statements.column(samples, QualityEvent::getEventId, UUID[]::new))
        .bind(1, Statements.column(samples, QualityEvent::getTenantId, String[]::new))
        .bind(2, Statements.column(samples, QualityEvent::getCallId, String[]::new))
        .bind(3, Statements.column(samples, QualityEvent::getParticipantId, String[]::new))
        .bind(4, Statements.column(samples, q -> q.getMediaType().name(), String[]::new))
        .bind(5, Statements.column(samples, QualityEvent::getJitterMs, Double[]::new))
        .bind(6, Statements.column(samples, QualityEvent::getPacketLossPercent, Double[]::new))
        .bind(7, Statements.column(samples, QualityEvent::getRttMs, Double[]::new))
        .bind(8, Statements.column(samples, QualityEvent::getMos, Double[]::new))
        .bind(9, Statements.column(samples, QualityEvent::getBitrateKbps, Double[]::new))
        .bind(10, Statements.column(samples, QualityEvent::getCodec, String[]::new))
        .bind(11, Statements.column(samples, QualityEvent::getFramesPerSecond, Double[]::new))
        .bind(12, Statements.column(samples, QualityEvent::getWidth, Integer[]::new))
        .bind(13, Statements.column(samples, QualityEvent::getHeight, Integer[]::new))
        .bind(14, Statements.column(samples, q -> QualityScore.of(q.getMos()), String[]::new))
        .bind(15, Statements.column(samples, q -> Statements.at(q.getOccurredAt()), OffsetDateTime[]::new))
        .fetch().rowsUpdated().map(Long::intValue);
  }
}
