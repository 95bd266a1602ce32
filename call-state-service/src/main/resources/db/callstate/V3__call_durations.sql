-- Hold, transfer, ringing and wrap-up figures of a call (docs/call-state.md, "Ordering rule").
-- Rows folded before this migration get them on their call's next event (or a replay).
ALTER TABLE calls
  ADD COLUMN ringing_at     timestamptz,
  ADD COLUMN held_at        timestamptz,
  ADD COLUMN hold_count     integer NOT NULL DEFAULT 0,
  ADD COLUMN hold_ms        bigint  NOT NULL DEFAULT 0,
  ADD COLUMN transfer_count integer NOT NULL DEFAULT 0,
  ADD COLUMN wrap_up_ms     bigint;
