package io.switchboard.callstate.query;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The queue statistics as routing published them on {@code queue.stats}, read from
 * {@code queue_live_stats} and {@code queue_interval_stats}: routing's own figures, not recomputed
 * from the calls (that is {@link QueueReport}).
 */
@Component
class QueueSnapshots {

  static final List<String> LIVE_CSV_HEADER = List.of("queue", "waiting", "longestWaitMs", "agentsByStatus",
      "eligibleAgents", "intervalStart", "snapshotAt", "source");
  static final List<String> INTERVAL_CSV_HEADER = List.of("queue", "intervalStart", "offered", "answered",
      "abandoned", "overflowed", "answeredWithinSl", "abandonedAfterSl", "serviceLevel", "asaMs", "ahtMs",
      "abandonmentRate", "snapshotAt", "source");

  private static final TypeReference<TreeMap<String, Integer>> COUNTS = new TypeReference<>() {};

  private final DatabaseClient db;
  private final JsonMapper json;

  QueueSnapshots(DatabaseClient db, JsonMapper json) {
    this.db = db;
    this.json = json;
  }

  /** The latest snapshot of each queue of the tenant (or of the one queue), by queue. */
  Flux<Live> live(String tenantId, String queue) {
    return liveSql(tenantId, queue).on(db).map((row, meta) -> live(row)).all();
  }

  /** The interval rows whose start is in [from, to), by queue and interval start. */
  Flux<Interval> intervals(String tenantId, ReportRange range) {
    return intervalSql(tenantId, range).on(db).map((row, meta) -> interval(row)).all();
  }

  static SqlQuery liveSql(String tenantId, String queue) {
    SqlQuery query = new SqlQuery("SELECT * FROM queue_live_stats WHERE tenant_id = ");
    query.append(query.bind(tenantId));
    if (queue != null) {
      query.append(" AND queue = ").append(query.bind(queue));
    }
    return query.append(" ORDER BY queue");
  }

  static SqlQuery intervalSql(String tenantId, ReportRange range) {
    SqlQuery query = new SqlQuery("SELECT * FROM queue_interval_stats WHERE tenant_id = ");
    query.append(query.bind(tenantId)).append(" AND interval_start >= ").append(query.bind(range.from()))
        .append(" AND interval_start < ").append(query.bind(range.to()));
    if (range.subject() != null) {
      query.append(" AND queue = ").append(query.bind(range.subject()));
    }
    return query.append(" ORDER BY queue, interval_start");
  }

  private Live live(Readable row) {
    Json agents = row.get("agents_by_status", Json.class);
    return new Live(row.get("queue", String.class), row.get("waiting", Integer.class),
        row.get("longest_wait_ms", Long.class), agents == null ? Map.of() : json.readValue(agents.asString(), COUNTS),
        row.get("eligible_agents", Integer.class), at(row, "interval_start"), at(row, "snapshot_at"),
        row.get("source", String.class));
  }

  private static Interval interval(Readable row) {
    return new Interval(row.get("queue", String.class), at(row, "interval_start"), row.get("offered", Integer.class),
        row.get("answered", Integer.class), row.get("abandoned", Integer.class), row.get("overflowed", Integer.class),
        row.get("answered_within_service_level", Integer.class),
        row.get("abandoned_after_service_level", Integer.class), row.get("service_level", Double.class),
        row.get("asa_ms", Long.class), row.get("aht_ms", Long.class), row.get("abandonment_rate", Double.class),
        at(row, "snapshot_at"), row.get("source", String.class));
  }

  private static String at(Readable row, String column) {
    return CallQueries.iso(row.get(column, Instant.class));
  }

  /** A queue right now, as of its latest snapshot ({@code snapshotAt}); agentsByStatus sorted by status. */
  record Live(String queue, int waiting, long longestWaitMs, Map<String, Integer> agentsByStatus, int eligibleAgents,
      String intervalStart, String snapshotAt, String source) {

    List<Object> csv(JsonMapper json) {
      return Arrays.asList(queue, waiting, longestWaitMs, json.writeValueAsString(agentsByStatus), eligibleAgents,
          intervalStart, snapshotAt, source);
    }
  }

  /** One 15-minute interval of a queue as of its latest snapshot; names as in the queue report. */
  record Interval(String queue, String intervalStart, int offered, int answered, int abandoned, int overflowed,
      int answeredWithinSl, int abandonedAfterSl, Double serviceLevel, Long asaMs, Long ahtMs, Double abandonmentRate,
      String snapshotAt, String source) {

    List<Object> csv() {
      return Arrays.asList(queue, intervalStart, offered, answered, abandoned, overflowed, answeredWithinSl,
          abandonedAfterSl, serviceLevel, asaMs, ahtMs, abandonmentRate, snapshotAt, source);
    }
  }
}
