-- The housekeeping's reads across tenants (docs/call-state.md, Housekeeping): open calls by state and
-- since when, and quality samples past the retention.
CREATE INDEX calls_by_state_changed ON calls (state, state_changed_at);
CREATE INDEX quality_samples_by_time ON quality_samples (occurred_at);
