package io.switchboard.callstate.projection;

import io.switchboard.schemas.avro.QualityEvent;
import java.util.ArrayList;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** The {@code quality_samples} table: one row per {@code quality.events} record, once per event id. */
final class QualityStore {

  private static final String INSERT = """
      INSERT INTO quality_samples (event_id, tenant_id, call_id, participant_id, media_type, jitter_ms,
                                   packet_loss_percent, rtt_ms, mos, bitrate_kbps, codec, frames_per_second, width,
                                   height, quality_score, occurred_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
      ON CONFLICT (event_id) DO NOTHING""";

  private final DatabaseClient db;

  QualityStore(DatabaseClient db) {
    this.db = db;
  }

  /** Inserts the samples not stored before; returns how many were new. */
  Mono<Integer> insert(List<QualityEvent> samples) {
    List<Object[]> rows = new ArrayList<>(samples.size());
    for (QualityEvent q : samples) {
      rows.add(new Object[] {q.getEventId(), q.getTenantId(), q.getCallId(),
          Statements.orNull(q.getParticipantId(), String.class), q.getMediaType().name(), number(q.getJitterMs()),
          number(q.getPacketLossPercent()), number(q.getRttMs()), number(q.getMos()), number(q.getBitrateKbps()),
          Statements.orNull(q.getCodec(), String.class), number(q.getFramesPerSecond()),
          Statements.orNull(q.getWidth(), Integer.class), Statements.orNull(q.getHeight(), Integer.class),
          Statements.orNull(QualityScore.of(q.getMos()), String.class), q.getOccurredAt()});
    }
    return Statements.update(db, INSERT, rows).reduce(0L, Long::sum).map(Long::intValue);
  }

  private static Object number(Double value) {
    return Statements.orNull(value, Double.class);
  }
}
