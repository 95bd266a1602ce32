package io.switchboard.callstate.query;

/** The SQL of the history and active-call lists over {@code calls}. */
final class HistorySql {

  private HistorySql() {}

  /**
   * Newest first by {@code (created_at, call_id)}: a keyset, so a page after a cursor is the same
   * whatever was inserted meanwhile, and it costs the same on page 1 and page 1000. It fetches one
   * row more than the limit to know whether there is a next page.
   */
  static SqlQuery history(String tenantId, HistoryFilter filter) {
    SqlQuery query = new SqlQuery("SELECT * FROM calls WHERE tenant_id = ");
    query.append(query.bind(tenantId)).append(" AND created_at IS NOT NULL")
        .range("created_at", filter.from(), filter.to())
        .equal("queue", filter.queue()).equal("agent_id", filter.agent()).equal("customer_id", filter.customer())
        .anyOf("state", filter.states());
    if (filter.after() != null) {
      query.before("created_at", "call_id", filter.after().at(), filter.after().id());
    }
    query.append(" ORDER BY created_at DESC, call_id DESC");
    if (filter.limit() > 0) {
      query.append(" LIMIT ").append(query.bind(filter.limit() + 1));
    }
    return query;
  }

  /** Calls in a non-terminal state, oldest first (the ones waiting longest are the ones to look at). */
  static SqlQuery active(String tenantId, String queue, String agent) {
    SqlQuery query = new SqlQuery("SELECT * FROM calls WHERE tenant_id = ");
    query.append(query.bind(tenantId)).append(" AND ").append(OpenCalls.PREDICATE);
    return query.equal("queue", queue).equal("agent_id", agent).append(" ORDER BY created_at NULLS FIRST, call_id");
  }
}
