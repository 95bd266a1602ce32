package io.switchboard.callstate.projection;

import java.util.Collection;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Derives {@code calls.wrap_up_ms}. No call event marks wrap-up: it is the agent's {@code WRAP_UP}
 * status on {@code agent.events}. A call has a wrap-up when the first status its agent took at or
 * after the call ended is WRAP_UP; it lasts until the agent's next status other than WRAP_UP, and is
 * null while that has not happened. Stale agent events ({@code applied = false}) do not count.
 *
 * <p>Both sides can change in any batch (a late call event moves {@code ended_at}, a new agent
 * event adds a status), so the calls of every agent touched by a batch are derived again, in one
 * statement, after the calls and the agents of the batch were written.
 */
final class WrapUps {

  private static final String UPDATE = """
      UPDATE calls c SET wrap_up_ms = (
        SELECT GREATEST(0, (EXTRACT(EPOCH FROM (done.occurred_at - wrap.occurred_at)) * 1000)::bigint)
        FROM (SELECT h.occurred_at, h.status FROM agent_status_history h
              WHERE h.tenant_id = c.tenant_id AND h.agent_id = c.agent_id AND h.applied
                AND h.occurred_at >= c.ended_at
              ORDER BY h.occurred_at, h.event_id LIMIT 1) wrap
        CROSS JOIN LATERAL (SELECT h.occurred_at FROM agent_status_history h
              WHERE h.tenant_id = c.tenant_id AND h.agent_id = c.agent_id AND h.applied
                AND h.occurred_at > wrap.occurred_at AND h.status <> 'WRAP_UP'
              ORDER BY h.occurred_at LIMIT 1) done
        WHERE wrap.status = 'WRAP_UP')
      WHERE c.ended_at IS NOT NULL
        AND (c.tenant_id, c.agent_id) IN (SELECT t, a FROM unnest($1::text[], $2::text[]) AS k(t, a))""";

  private final DatabaseClient db;

  WrapUps(DatabaseClient db) {
    this.db = db;
  }

  /** Derives the wrap-up of every ended call of these agents again. */
  Mono<Void> update(Collection<AgentKey> agents) {
    if (agents.isEmpty()) {
      return Mono.empty();
    }
    String[] tenants = agents.stream().map(AgentKey::tenantId).toArray(String[]::new);
    String[] agentIds = agents.stream().map(AgentKey::agentId).toArray(String[]::new);
    return db.sql(UPDATE).bind(0, tenants).bind(1, agentIds).fetch().rowsUpdated().then();
  }
}
