-- The agent's wrap-up of a call (CallWrappedUp): the disposition code, notes, when and by whom; the
-- last wrap-up counts. Null until one is submitted.
ALTER TABLE calls
  ADD COLUMN disposition       text,
  ADD COLUMN disposition_notes text,
  ADD COLUMN wrapped_up_at     timestamptz,
  ADD COLUMN wrapped_up_by     text;
