-- One row per DtmfReceived (call.events v5): a key pressed on a phone during a call, for the call's
-- timeline. It moves no state and no figure of the call. Written once per event id, in the batch
-- that logs the event in call_events.
CREATE TABLE call_key_presses (
  event_id       uuid        PRIMARY KEY,
  tenant_id      text        NOT NULL,
  call_id        text        NOT NULL,
  participant_id text        NOT NULL,
  digit          text        NOT NULL,
  method         text        NOT NULL,
  duration_ms    integer,
  occurred_at    timestamptz NOT NULL
);
CREATE INDEX call_key_presses_by_call ON call_key_presses (tenant_id, call_id, occurred_at);
