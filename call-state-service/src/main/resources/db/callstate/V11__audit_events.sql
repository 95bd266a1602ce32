-- One row per audit.events record: an admin or supervisor action, done or refused
-- (docs/call-state.md, Read API: audit). Written once per event id; recorded_at is when the
-- projection wrote the row, not part of the event.
CREATE TABLE audit_events (
  event_id       uuid        PRIMARY KEY,
  tenant_id      text        NOT NULL,
  occurred_at    timestamptz NOT NULL,
  source         text        NOT NULL,
  actor_subject  text        NOT NULL,
  actor_roles    text[]      NOT NULL,
  actor_agent_id text,
  action         text        NOT NULL,
  target_kind    text        NOT NULL,
  target_id      text        NOT NULL,
  outcome        text        NOT NULL,
  reason         text,
  details        jsonb       NOT NULL,
  request_id     text,
  client_address text,
  recorded_at    timestamptz NOT NULL DEFAULT now()
);
-- The read API's pages, newest first by (occurred_at, event_id), all actions or one actor's.
CREATE INDEX audit_events_page ON audit_events (tenant_id, occurred_at DESC, event_id DESC);
CREATE INDEX audit_events_by_actor ON audit_events (tenant_id, actor_subject, occurred_at DESC, event_id DESC);
