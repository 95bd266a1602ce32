-- The calls an agent's new status lines can give a wrap-up to are its calls that ended after its
-- last status other than WRAP_UP (WrapUps): found by range here, instead of reading every call of
-- the agent on each batch with a status line of it. Only ended calls with an agent are indexed.
CREATE INDEX calls_ended_by_agent ON calls (tenant_id, agent_id, ended_at)
  WHERE agent_id IS NOT NULL AND ended_at IS NOT NULL;
