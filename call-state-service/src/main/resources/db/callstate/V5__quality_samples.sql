-- One row per quality.events record (docs/call-state.md). quality_score is derived from mos by
-- QualityScore (excellent >= 4.0, good >= 3.6, fair >= 3.1, else poor; null without a MOS).
CREATE TABLE quality_samples (
  event_id            uuid        PRIMARY KEY,
  tenant_id           text        NOT NULL,
  call_id             text        NOT NULL,
  participant_id      text,
  media_type          text        NOT NULL,
  jitter_ms           double precision,
  packet_loss_percent double precision,
  rtt_ms              double precision,
  mos                 double precision,
  bitrate_kbps        double precision,
  codec               text,
  frames_per_second   double precision,
  width               integer,
  height              integer,
  quality_score       text,
  occurred_at         timestamptz NOT NULL
);
CREATE INDEX quality_samples_by_call ON quality_samples (tenant_id, call_id, occurred_at);
