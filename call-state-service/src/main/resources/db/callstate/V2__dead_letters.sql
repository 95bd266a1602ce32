-- Records the projection cannot read (undecodable, tombstone, NUL character, unknown topic) are set
-- aside here, in the same transaction as the rows and offsets of their batch (docs/call-state.md).
-- Unique on the record's coordinates: a batch read again after a failure does not set it aside twice.
CREATE TABLE dead_letters (
  topic         text        NOT NULL,
  partition     integer     NOT NULL,
  record_offset bigint      NOT NULL,
  record_key    text,
  record_value  bytea,
  reason        text        NOT NULL,
  error         text,
  set_aside_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (topic, partition, record_offset)
);
CREATE INDEX dead_letters_by_time ON dead_letters (set_aside_at);
