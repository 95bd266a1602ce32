-- Participants of a call (group calls), folded from its ParticipantJoined/Left/Updated events like the
-- call row: a pure function of the call's events, rewritten whenever the call gets a new event.
CREATE TABLE call_participants (
  tenant_id      text        NOT NULL,
  call_id        text        NOT NULL,
  participant_id text        NOT NULL,
  role           text,
  display_name   text,
  joined_at      timestamptz,
  left_at        timestamptz,
  left_reason    text,
  join_count     integer     NOT NULL,
  audio          boolean,
  video          boolean,
  screen_share   boolean,
  updated_at     timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, call_id, participant_id)
);

-- queue.stats snapshots: the interval counters per (tenant, queue, interval start), and the
-- real-time figures of the latest snapshot per (tenant, queue). snapshot_at is the snapshot's
-- occurredAt: an upsert never replaces a row with an older snapshot.
CREATE TABLE queue_interval_stats (
  tenant_id                     text             NOT NULL,
  queue                         text             NOT NULL,
  interval_start                timestamptz      NOT NULL,
  offered                       integer          NOT NULL,
  answered                      integer          NOT NULL,
  abandoned                     integer          NOT NULL,
  overflowed                    integer          NOT NULL,
  answered_within_service_level integer          NOT NULL,
  abandoned_after_service_level integer          NOT NULL,
  asa_ms                        bigint,
  aht_ms                        bigint,
  service_level                 double precision,
  abandonment_rate              double precision,
  snapshot_at                   timestamptz      NOT NULL,
  event_id                      uuid             NOT NULL,
  source                        text             NOT NULL,
  PRIMARY KEY (tenant_id, queue, interval_start)
);
CREATE INDEX queue_interval_stats_by_interval ON queue_interval_stats (tenant_id, interval_start);

CREATE TABLE queue_live_stats (
  tenant_id        text        NOT NULL,
  queue            text        NOT NULL,
  waiting          integer     NOT NULL,
  longest_wait_ms  bigint      NOT NULL,
  agents_by_status jsonb       NOT NULL,
  eligible_agents  integer     NOT NULL,
  interval_start   timestamptz NOT NULL,
  snapshot_at      timestamptz NOT NULL,
  event_id         uuid        NOT NULL,
  source           text        NOT NULL,
  PRIMARY KEY (tenant_id, queue)
);
