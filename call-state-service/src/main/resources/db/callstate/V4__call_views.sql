-- Live calls and finished calls as views over calls; the terminal states are those of
-- io.switchboard.schemas.call.CallState. A view's column list is fixed when it is created: a
-- migration adding columns to calls must create these views again to show them.
CREATE VIEW active_calls AS
  SELECT * FROM calls
  WHERE state NOT IN ('ENDED', 'ABANDONED', 'FAILED', 'BUSY', 'DECLINED', 'MISSED', 'CANCELLED', 'TRANSFERRED');

CREATE VIEW call_history AS
  SELECT * FROM calls
  WHERE state IN ('ENDED', 'ABANDONED', 'FAILED', 'BUSY', 'DECLINED', 'MISSED', 'CANCELLED', 'TRANSFERRED');

-- calls (tenant_id, state) exists since V1 (calls_by_tenant_state).
CREATE INDEX calls_by_tenant_queue_created ON calls (tenant_id, queue, created_at DESC);
CREATE INDEX calls_by_tenant_agent_created ON calls (tenant_id, agent_id, created_at DESC);
CREATE INDEX calls_by_tenant_customer_created ON calls (tenant_id, customer_id, created_at DESC);
