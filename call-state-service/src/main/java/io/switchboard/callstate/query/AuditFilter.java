package io.switchboard.callstate.query;

import io.switchboard.schemas.avro.AuditAction;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * What an audit request asks for: an occurred_at range, one actor, actions, where to resume and how
 * many rows. Null (or an empty list) means "no filter".
 */
record AuditFilter(Instant from, Instant to, String actor, List<AuditAction> actions, Cursor after, int limit) {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;

  /** Validates the raw query parameters of {@code GET /api/v1/audit}. */
  static AuditFilter parse(String from, String to, String actor, List<String> actions, String cursor,
      String limit) {
    Instant fromInstant = Params.instant("from", from);
    Instant toInstant = Params.instant("to", to);
    Params.ordered(fromInstant, toInstant);
    return new AuditFilter(fromInstant, toInstant, Params.text(actor),
        List.copyOf(Params.symbols("action", actions, AuditAction.class)), auditCursor(cursor),
        Params.integer("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT));
  }

  /** The event id the page resumes after. */
  UUID afterEventId() {
    return UUID.fromString(after.id());
  }

  /** A cursor of an audit page holds an event id (a history page's cursor does not). */
  private static Cursor auditCursor(String cursor) {
    Cursor parsed = Cursor.parse(cursor);
    if (parsed != null) {
      try {
        if (UUID.fromString(parsed.id()).toString().equals(parsed.id().toLowerCase(Locale.ROOT))) {
          return parsed;
        }
      } catch (IllegalArgumentException e) {
        // refused below
      }
      throw Params.bad("cursor is not a cursor from a previous audit page's next");
    }
    return null;
  }
}
