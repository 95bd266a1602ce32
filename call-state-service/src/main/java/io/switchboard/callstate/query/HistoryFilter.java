package io.switchboard.callstate.query;

import io.switchboard.schemas.call.CallState;
import java.time.Instant;
import java.util.List;

/**
 * What a history request asks for: a created_at range, exact-match filters, states, where to
 * resume and how many rows. Null means "no filter".
 */
record HistoryFilter(Instant from, Instant to, String queue, String agent, List<CallState> states,
    String customer, Cursor after, int limit) {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;

  /** Validates the raw query parameters of {@code GET /api/v1/calls}. */
  static HistoryFilter parse(String from, String to, String queue, String agent, List<String> states,
      String customer, String cursor, String limit) {
    Instant fromInstant = Params.instant("from", from);
    Instant toInstant = Params.instant("to", to);
    Params.ordered(fromInstant, toInstant);
    return new HistoryFilter(fromInstant, toInstant, Params.text(queue), Params.text(agent),
        List.copyOf(Params.states(states)), Params.text(customer), Cursor.parse(cursor),
        Params.integer("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT));
  }

  /** The same filter without a page size: the CSV export streams every matching row. */
  HistoryFilter unlimited() {
    return new HistoryFilter(from, to, queue, agent, states, customer, after, 0);
  }
}
