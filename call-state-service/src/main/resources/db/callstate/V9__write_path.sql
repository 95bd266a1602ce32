-- The write path (docs/call-state.md, Exactly-once effect):
-- The raw log's JSON is kept as written (json): it is read as text, never searched by containment,
-- and jsonb's conversion was a third of the cost of logging an event.
ALTER TABLE call_events ALTER COLUMN payload TYPE json;

-- Every new version of a call row enters every index of calls (the state is indexed, so no update is
-- HOT). The lookups of open calls (the active calls, the housekeeping) use partial indexes instead,
-- which an ended call leaves; their predicate is io.switchboard.callstate.query.OpenCalls.PREDICATE,
-- word for word. calls (tenant_id, created_at) is a prefix of calls_history_page.
DROP INDEX calls_by_tenant_state;
DROP INDEX calls_by_tenant_created;
DROP INDEX calls_by_state_changed;
CREATE INDEX calls_open_by_tenant ON calls (tenant_id, created_at)
  WHERE state NOT IN ('ENDED', 'ABANDONED', 'FAILED', 'BUSY', 'DECLINED', 'MISSED', 'CANCELLED', 'TRANSFERRED');
CREATE INDEX calls_open_by_state ON calls (state, state_changed_at)
  WHERE state NOT IN ('ENDED', 'ABANDONED', 'FAILED', 'BUSY', 'DECLINED', 'MISSED', 'CANCELLED', 'TRANSFERRED');
