package io.switchboard.callstate.query;

import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * The agent report: handled calls and talk time from {@code calls}, staffed time from
 * {@code agent_status_history}, no-answers from {@code routing_decisions}, joined in one query.
 */
@Component
class AgentReport {

  static final List<String> CSV_HEADER = List.of("agentId", "handled", "talkMs", "holdMs", "wrapUpMs", "staffedMs",
      "occupancy", "noAnswers");

  /** The statuses in which an agent is signed in and taking calls: the occupancy denominator. */
  static final String[] STAFFED = {"AVAILABLE", "RESERVED", "BUSY"};

  private final DatabaseClient db;
  private final Clock clock;

  AgentReport(DatabaseClient db, ObjectProvider<Clock> clock) {
    this.db = db;
    this.clock = clock.getIfUnique(Clock::systemUTC);
  }

  Flux<AgentFigures> rows(String tenantId, ReportRange range) {
    return sql(tenantId, range, clock.instant()).on(db).map((row, meta) -> figures(row)).all();
  }

  /** {@code now} ends the status an agent is still in when the range reaches into the future. */
  static SqlQuery sql(String tenantId, ReportRange range, Instant now) {
    SqlQuery query = new SqlQuery("");
    String tenant = query.bind(tenantId);
    String from = query.bind(range.from());
    String to = query.bind(range.to());
    String end = "least(coalesce(until, " + query.bind(now) + "), " + to + ")";
    String start = "greatest(since, " + from + ")";
    String agent = range.subject() == null ? "" : " AND agent_id = " + query.bind(range.subject());
    return query.append("WITH handled AS ("
        + "SELECT agent_id, count(*) AS handled, coalesce(sum(talk_ms), 0) AS talk_ms,"
        + " coalesce(sum(hold_ms), 0) AS hold_ms, coalesce(sum(wrap_up_ms), 0) AS wrap_up_ms FROM calls"
        + " WHERE tenant_id = " + tenant + " AND agent_id IS NOT NULL"
        + " AND answered_at >= " + from + " AND answered_at < " + to + agent + " GROUP BY agent_id),"
        // Each applied status lasts until the agent's next applied status; the one in force at
        // `from` started before it, so the history is read from its beginning up to `to`.
        + " spans AS (SELECT agent_id, status, occurred_at AS since,"
        + " lead(occurred_at) OVER (PARTITION BY agent_id ORDER BY occurred_at, event_id) AS until"
        + " FROM agent_status_history WHERE tenant_id = " + tenant + " AND applied AND occurred_at < " + to
        + agent + "),"
        + " staffed AS (SELECT agent_id,"
        + " sum((extract(epoch FROM " + end + " - " + start + ") * 1000)::bigint) AS staffed_ms"
        + " FROM spans WHERE status = ANY(" + query.bind(STAFFED) + ") AND " + end + " > " + start
        + " GROUP BY agent_id),"
        + " no_answers AS (SELECT agent_id, count(*) AS no_answers FROM routing_decisions"
        + " WHERE tenant_id = " + tenant + " AND agent_id IS NOT NULL"
        + " AND type IN ('ReservationRejected', 'ReservationTimedOut')"
        + " AND occurred_at >= " + from + " AND occurred_at < " + to + agent + " GROUP BY agent_id)"
        + " SELECT agent_id, coalesce(handled, 0) AS handled, coalesce(talk_ms, 0)::bigint AS talk_ms,"
        + " coalesce(hold_ms, 0)::bigint AS hold_ms, coalesce(wrap_up_ms, 0)::bigint AS wrap_up_ms,"
        + " coalesce(staffed_ms, 0)::bigint AS staffed_ms, coalesce(no_answers, 0) AS no_answers"
        + " FROM handled FULL JOIN staffed USING (agent_id) FULL JOIN no_answers USING (agent_id)"
        + " ORDER BY agent_id");
  }

  private static AgentFigures figures(Readable row) {
    long talk = row.get("talk_ms", Long.class);
    long staffed = row.get("staffed_ms", Long.class);
    return new AgentFigures(row.get("agent_id", String.class), row.get("handled", Long.class), talk,
        row.get("hold_ms", Long.class), row.get("wrap_up_ms", Long.class), staffed, QueueReport.ratio(talk, staffed),
        row.get("no_answers", Long.class));
  }

  /** One agent's figures; durations in milliseconds, occupancy from 0 to 1 (null when never staffed). */
  record AgentFigures(String agentId, long handled, long talkMs, long holdMs, long wrapUpMs, long staffedMs,
      Double occupancy, long noAnswers) {

    List<Object> csv() {
      return Arrays.asList(agentId, handled, talkMs, holdMs, wrapUpMs, staffedMs, occupancy, noAnswers);
    }
  }
}
