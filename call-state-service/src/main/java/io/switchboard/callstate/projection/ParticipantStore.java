package io.switchboard.callstate.projection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** The {@code call_participants} rows, folded again with their call ({@link ParticipantFold}). */
final class ParticipantStore {

  private static final String UPSERT = """
      INSERT INTO call_participants (tenant_id, call_id, participant_id, role, display_name, joined_at, left_at,
                                     left_reason, join_count, audio, video, screen_share, updated_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
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
    List<Object[]> rows = new ArrayList<>(participants.size());
    for (ParticipantRow p : participants) {
      rows.add(new Object[] {p.tenantId(), p.callId(), p.participantId(), text(p.role()), text(p.displayName()),
          at(p.joinedAt()), at(p.leftAt()), text(p.leftReason()), p.joinCount(), flag(p.audio()), flag(p.video()),
          flag(p.screenShare()), p.updatedAt()});
    }
    return Statements.update(db, UPSERT, rows).then();
  }

  private static Object text(String value) {
    return Statements.orNull(value, String.class);
  }

  private static Object at(Instant value) {
    return Statements.orNull(value, Instant.class);
  }

  private static Object flag(Boolean value) {
    return Statements.orNull(value, Boolean.class);
  }
}
