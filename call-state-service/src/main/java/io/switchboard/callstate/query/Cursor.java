package io.switchboard.callstate.query;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import org.springframework.http.HttpStatus;

/**
 * The position after the last row of a page, newest first: its time and id (a history page's
 * {@code (created_at, call_id)}, an audit page's {@code (occurred_at, event_id)}). Opaque to callers
 * (base64url); the version prefix lets the format change without breaking old cursors.
 */
record Cursor(Instant at, String id) {

  private static final String VERSION = "1|";

  String encode() {
    String plain = VERSION + at + "|" + id;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /** The {@code cursor} parameter: null when absent, else {@link #decode}d. */
  static Cursor parse(String cursor) {
    return cursor == null || cursor.isBlank() ? null : decode(cursor.trim());
  }

  /** The cursor a client sent back, or a 400 when it is not one we made. */
  static Cursor decode(String encoded) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
      if (!plain.startsWith(VERSION)) {
        throw invalid();
      }
      // An instant never contains '|'; the id may, so split at the first one only.
      int bar = plain.indexOf('|', VERSION.length());
      if (bar < 0 || bar == plain.length() - 1) {
        throw invalid();
      }
      return new Cursor(Instant.parse(plain.substring(VERSION.length(), bar)), plain.substring(bar + 1));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw invalid();
    }
  }

  private static ApiException invalid() {
    return new ApiException(HttpStatus.BAD_REQUEST, "cursor is not a cursor from a previous page's next");
  }
}
