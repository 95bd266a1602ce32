package io.switchboard.callstate.query;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/reports/calls/summary}: calls created in [from, to), counted by state and
 * outcome, and the success rate. One grouped query; the totals are summed from its rows.
 */
@Component
class CallSummary {

  private final DatabaseClient db;

  CallSummary(DatabaseClient db) {
    this.db = db;
  }

  Mono<Summary> summarize(String tenantId, ReportRange range) {
    SqlQuery query = new SqlQuery("SELECT state, outcome, count(*) AS calls,"
        + " count(*) FILTER (WHERE queued_at IS NOT NULL) AS offered,"
        + " count(*) FILTER (WHERE queued_at IS NOT NULL AND answered_at IS NOT NULL) AS answered"
        + " FROM calls WHERE tenant_id = ");
    query.append(query.bind(tenantId)).append(" AND created_at >= ").append(query.bind(range.from()))
        .append(" AND created_at < ").append(query.bind(range.to()));
    if (range.subject() != null) {
      query.append(" AND queue = ").append(query.bind(range.subject()));
    }
    query.append(" GROUP BY state, outcome");
    return query.on(db)
        .map((row, meta) -> new Group(row.get("state", String.class), row.get("outcome", String.class),
            row.get("calls", Long.class), row.get("offered", Long.class), row.get("answered", Long.class)))
        .all().collectList()
        .map(groups -> Summary.of(range, groups));
  }

  record Group(String state, String outcome, long calls, long offered, long answered) {}

  /** byOutcome counts ended calls only (a call has an outcome once it ended). */
  record Summary(String from, String to, String queue, long total, Map<String, Long> byState,
      Map<String, Long> byOutcome, long offered, long answered, Double successRate) {

    static Summary of(ReportRange range, List<Group> groups) {
      Map<String, Long> byState = new TreeMap<>();
      Map<String, Long> byOutcome = new TreeMap<>();
      long total = 0;
      long offered = 0;
      long answered = 0;
      for (Group group : groups) {
        byState.merge(group.state(), group.calls(), Long::sum);
        if (group.outcome() != null) {
          byOutcome.merge(group.outcome(), group.calls(), Long::sum);
        }
        total += group.calls();
        offered += group.offered();
        answered += group.answered();
      }
      return new Summary(CallQueries.iso(range.from()), CallQueries.iso(range.to()), range.subject(), total,
          byState, byOutcome, offered, answered, QueueReport.ratio(answered, offered));
    }
  }
}
