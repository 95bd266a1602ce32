-- The read API's queries (docs/call-state.md, Read API): keyset paging of the history, the queue
-- report by the time a call was queued, the agent report by the time it was answered, and the
-- no-answers from the routing decisions.
CREATE INDEX calls_history_page ON calls (tenant_id, created_at DESC, call_id DESC);
CREATE INDEX calls_by_tenant_queued ON calls (tenant_id, queued_at);
CREATE INDEX calls_by_tenant_agent_answered ON calls (tenant_id, agent_id, answered_at);
CREATE INDEX routing_decisions_by_tenant_time ON routing_decisions (tenant_id, occurred_at);
