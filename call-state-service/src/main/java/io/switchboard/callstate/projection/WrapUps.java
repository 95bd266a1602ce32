package io.switchboard.callstate.projection;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Derives {@code calls.wrap_up_ms}. No call event marks wrap-up: it is the agent's {@code WRAP_UP}
 * status on {@code agent.events}. A call has a wrap-up when the first status its agent took at or
 * after the call ended is WRAP_UP; it lasts until the agent's next status other than WRAP_UP, and is
 * null while that has not happened. Stale agent events ({@code applied = false}) do not count.
 *
 * <p>Both sides can change in any batch, so after the calls and the agents of a batch are written,
 * two statements derive again only what may have changed:
 * <ul>
 *   <li>the calls folded in the batch (a late call event may move {@code ended_at});
 *   <li>for each agent with new status lines from {@code t} on, its calls that ended at or after
 *       the agent's last status other than WRAP_UP before {@code t}: an earlier call's first status
 *       after its end, and the end of its wrap-up, are both at or before that status, so lines from
 *       {@code t} on cannot change it. (With no such status, all the agent's ended calls.)
 * </ul>
 * Each batch therefore touches the last call or two of each agent, not the agent's whole history.
 */
final class WrapUps {

  /** The wrap-up of call {@code c}, in ms, or null. */
  private static final String WRAP_UP_MS = """
      (SELECT GREATEST(0, (EXTRACT(EPOCH FROM (done.occurred_at - wrap.occurred_at)) * 1000)::bigint)
        FROM (SELECT h.occurred_at, h.status FROM agent_status_history h
              WHERE h.tenant_id = c.tenant_id AND h.agent_id = c.agent_id AND h.applied
                AND h.occurred_at >= c.ended_at
              ORDER BY h.occurred_at, h.event_id LIMIT 1) wrap
        CROSS JOIN LATERAL (SELECT h.occurred_at FROM agent_status_history h
              WHERE h.tenant_id = c.tenant_id AND h.agent_id = c.agent_id AND h.applied
                AND h.occurred_at > wrap.occurred_at AND h.status <> 'WRAP_UP'
              ORDER BY h.occurred_at LIMIT 1) done
        WHERE wrap.status = 'WRAP_UP')""";

  // Only the rows whose wrap-up changes are written: most calls derived again keep theirs, and an
  // UPDATE writes a new version of every row it matches, value changed or not.
  private static final String CHANGED = "\n  AND c.wrap_up_ms IS DISTINCT FROM " + WRAP_UP_MS;

  private static final String CALLS = "UPDATE calls c SET wrap_up_ms = " + WRAP_UP_MS + """

      WHERE c.ended_at IS NOT NULL AND c.agent_id IS NOT NULL
        AND (c.tenant_id, c.call_id) IN (SELECT t, id FROM unnest($1::text[], $2::text[]) AS k(t, id))""" + CHANGED;

  // Each agent's bound is worked out once (MATERIALIZED: not again per call), and its calls past it
  // are found by range on calls_ended_by_agent: the statement reads the agent's last call or two, not
  // its whole history.
  private static final String AGENTS = """
      WITH b AS MATERIALIZED (
        SELECT k.t, k.a, COALESCE((SELECT max(h.occurred_at) FROM agent_status_history h
                 WHERE h.tenant_id = k.t AND h.agent_id = k.a AND h.applied AND h.status <> 'WRAP_UP'
                   AND h.occurred_at < k.since), '-infinity'::timestamptz) AS after
        FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS k(t, a, since))
      UPDATE calls c SET wrap_up_ms = """ + WRAP_UP_MS + """

      FROM b
      WHERE c.tenant_id = b.t AND c.agent_id = b.a AND c.agent_id IS NOT NULL AND c.ended_at IS NOT NULL
        AND c.ended_at >= b.after""" + CHANGED;

  private final DatabaseClient db;

  WrapUps(DatabaseClient db) {
    this.db = db;
  }

  /**
   * Derives again the wrap-up of {@code calls} and of the calls that new status lines of agents
   * may change ({@code since}: each agent's earliest new line in the batch).
   */
  Mono<Void> update(Collection<CallKey> calls, Map<AgentKey, Instant> since) {
    Mono<Long> ofCalls = calls.isEmpty() ? Mono.just(0L) : db.sql(CALLS)
        .bind(0, calls.stream().map(CallKey::tenantId).toArray(String[]::new))
        .bind(1, calls.stream().map(CallKey::callId).toArray(String[]::new))
        .fetch().rowsUpdated();
    Mono<Long> ofAgents = since.isEmpty() ? Mono.just(0L) : db.sql(AGENTS)
        .bind(0, since.keySet().stream().map(AgentKey::tenantId).toArray(String[]::new))
        .bind(1, since.keySet().stream().map(AgentKey::agentId).toArray(String[]::new))
        .bind(2, since.values().stream().map(at -> at.atOffset(ZoneOffset.UTC)).toArray(OffsetDateTime[]::new))
        .fetch().rowsUpdated();
    return ofCalls.then(ofAgents).then();
  }
}
