package io.switchboard.callstate.projection;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** The {@code call_participants} rows, folded again with their call ({@link ParticipantFold}). */
final class ParticipantStore {

  // One statement per batch, the rows as arrays (see Statements); one row per participant and call.
  private static final String UPSERT = """
      INSERT INTO call_participants (tenant_id, call_id, participant_id, role, display_name, joined_at, left_at,
                                     left_reason, join_count, audio, video, screen_share, updated_at)
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[],
                           $7::timestamptz[], $8::text[], $9::int[], $10::boolean[], $11::boolean[],
                           $12::boolean[], $13::timestamptz[])
      ON CONFLICT (tenant_id, call_id, participant_id) DO UPDATE SET
        role = EXCLUDED.role, display_name = EXCLUDED.display_name, joined_at = EXCLUDED.joined_at,
        left_at = EXCLUDED.left_at, left_reason = EXCLUDED.left_reason, join_count = EXCLUDED.join_count,
        audio = EXCLUDED.audio, video = EXCLUDED.video, screen_share = EXCLUDED.screen_share,
        updated_at = EXCLUDED.updated_at""";

  private final DatabaseClient db;

  ParticipantStore(DatabaseClient db) {
    this.db = db;
  }

  Mono<Void> upsert(Collection<ParticipantRow> participants) {
    if (participants.isEmpty()) {
      return Mono.empty();
    }
    List<ParticipantRow> rows = List.copyOf(participants);
    return db.sql(UPSERT)
        .bind(0, Statements.column(rows, ParticipantRow::tenantId, String[]::new))
        .bind(1, Statements.column(rows, ParticipantRow::callId, String[]::new))
        .bind(2, Statements.column(rows, ParticipantRow::participantId, String[]::new))
        .bind(3, Statements.column(rows, ParticipantRow::role, String[]::new))
        .bind(4, Statements.column(rows, ParticipantRow::displayName, String[]::new))
        .bind(5, Statements.column(rows, p -> Statements.at(p.joinedAt()), OffsetDateTime[]::new))
        .bind(6, Statements.column(rows, p -> Statements.at(p.leftAt()), OffsetDateTime[]::new))
        .bind(7, Statements.column(rows, ParticipantRow::leftReason, String[]::new))
        .bind(8, Statements.column(rows, ParticipantRow::joinCount, Integer[]::new))
        .bind(9, Statements.column(rows, ParticipantRow::audio, Boolean[]::new))
        .bind(10, Statements.column(rows, ParticipantRow::video, Boolean[]::new))
        .bind(11, Statements.column(rows, ParticipantRow::screenShare, Boolean[]::new))
        .bind(12, Statements.column(rows, p -> Statements.at(p.updatedAt()), OffsetDateTime[]::new))
        .fetch().rowsUpdated().then();
  }
}
