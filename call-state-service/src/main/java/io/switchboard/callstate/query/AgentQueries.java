package io.switchboard.callstate.query;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Reads {@code agents}, with when each agent's current status began: the first applied line of
 * {@code agent_status_history} in its current status since its last applied line in another one
 * (so a skills change or a repeated status does not restart the clock). Without such a line (an
 * agent known only from its registration) it is the row's {@code updated_at}.
 */
@Component
class AgentQueries {

  /** An agent as the API shows it. */
  record Agent(String agentId, String displayName, String status, String statusReason, String statusSince,
      List<String> queues, int capacity, String channel, String updatedAt) {}

  private final DatabaseClient db;

  AgentQueries(DatabaseClient db) {
    this.db = db;
  }

  /** The tenant's agents by id; {@code queue} keeps those serving it, {@code status} those in it. */
  Flux<Agent> list(String tenantId, String queue, String status) {
    return sql(tenantId, queue, status).on(db).map((row, meta) -> agent(row)).all();
  }

  static SqlQuery sql(String tenantId, String queue, String status) {
    SqlQuery query = new SqlQuery("SELECT a.*, (SELECT min(h.occurred_at) FROM agent_status_history h"
        + " WHERE h.tenant_id = a.tenant_id AND h.agent_id = a.agent_id AND h.applied AND h.status = a.status"
        + " AND h.occurred_at > coalesce((SELECT max(p.occurred_at) FROM agent_status_history p"
        + " WHERE p.tenant_id = a.tenant_id AND p.agent_id = a.agent_id AND p.applied AND p.status <> a.status),"
        + " '-infinity'::timestamptz)) AS status_since FROM agents a WHERE a.tenant_id = ");
    query.append(query.bind(tenantId));
    if (queue != null) {
      query.append(" AND ").append(query.bind(queue)).append(" = ANY (a.queues)");
    }
    if (status != null) {
      query.append(" AND a.status = ").append(query.bind(status.toUpperCase(Locale.ROOT)));
    }
    return query.append(" ORDER BY a.agent_id");
  }

  private static Agent agent(Readable row) {
    Instant since = row.get("status_since", Instant.class);
    Instant updated = row.get("updated_at", Instant.class);
    String[] queues = row.get("queues", String[].class);
    Integer capacity = row.get("capacity", Integer.class);
    return new Agent(row.get("agent_id", String.class), row.get("display_name", String.class),
        row.get("status", String.class), row.get("status_reason", String.class),
        CallQueries.iso(since != null ? since : updated), queues == null ? List.of() : Arrays.asList(queues),
        capacity == null ? 1 : capacity, row.get("channel", String.class), CallQueries.iso(updated));
  }
}
