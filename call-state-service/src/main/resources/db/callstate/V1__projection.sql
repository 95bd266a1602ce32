-- The first projection of call.events, agent.events and routing.decisions (docs/call-state.md).

-- One row per call, recomputed from the call's whole event log each time one of its events arrives.
CREATE TABLE calls (
  tenant_id        text        NOT NULL,
  call_id          text        NOT NULL,
  state            text        NOT NULL,
  outcome          text,
  queue            text,
  agent_id         text,
  customer_id      text,
  direction        text,
  channel          text,
  priority         integer,
  attributes       jsonb       NOT NULL DEFAULT '{}',
  tags             text[]      NOT NULL DEFAULT '{}',
  created_at       timestamptz,
  queued_at        timestamptz,
  offered_at       timestamptz,
  answered_at      timestamptz,
  ended_at         timestamptz,
  end_reason       text,
  wait_ms          bigint,
  talk_ms          bigint,
  duration_ms      bigint,
  state_changed_at timestamptz,
  last_event_id    uuid,
  last_event_at    timestamptz,
  event_count      integer     NOT NULL,
  updated_at       timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, call_id)
);
CREATE INDEX calls_by_tenant_state ON calls (tenant_id, state);
CREATE INDEX calls_by_tenant_created ON calls (tenant_id, created_at DESC);

-- The raw log of every event about a call (call.events and routing.decisions): the source the call
-- rows are folded from. record holds the Avro bytes exactly as consumed, payload the same as JSON.
CREATE TABLE call_events (
  event_id      uuid        PRIMARY KEY,
  tenant_id     text        NOT NULL,
  call_id       text        NOT NULL,
  type          text        NOT NULL,
  occurred_at   timestamptz NOT NULL,
  topic         text        NOT NULL,
  partition     integer     NOT NULL,
  record_offset bigint      NOT NULL,
  payload       jsonb       NOT NULL,
  record        bytea       NOT NULL,
  recorded_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX call_events_by_call ON call_events (tenant_id, call_id, occurred_at);

CREATE TABLE agents (
  tenant_id         text        NOT NULL,
  agent_id          text        NOT NULL,
  display_name      text,
  status            text        NOT NULL,
  status_reason     text,
  skills            jsonb       NOT NULL DEFAULT '[]',
  queues            text[]      NOT NULL DEFAULT '{}',
  capacity          integer     NOT NULL DEFAULT 1,
  channel           text,
  contact           text,
  last_event_id     uuid,
  updated_at        timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, agent_id)
);

-- One row per agent.events record, with the status the agent has after it.
CREATE TABLE agent_status_history (
  event_id    uuid        PRIMARY KEY,
  tenant_id   text        NOT NULL,
  agent_id    text        NOT NULL,
  type        text        NOT NULL,
  status      text        NOT NULL,
  reason      text,
  occurred_at timestamptz NOT NULL,
  applied     boolean     NOT NULL
);
CREATE INDEX agent_status_history_by_agent ON agent_status_history (tenant_id, agent_id, occurred_at);

CREATE TABLE routing_decisions (
  event_id       uuid        PRIMARY KEY,
  tenant_id      text        NOT NULL,
  call_id        text        NOT NULL,
  queue          text        NOT NULL,
  type           text        NOT NULL,
  agent_id       text,
  reservation_id text,
  position       integer,
  priority       integer,
  expires_at     timestamptz,
  to_queue       text,
  reason         text,
  occurred_at    timestamptz NOT NULL
);
CREATE INDEX routing_decisions_by_call ON routing_decisions (tenant_id, call_id, occurred_at);

-- The next offset to read per partition, written in the same transaction as the rows it produced.
CREATE TABLE consumer_offsets (
  topic       text        NOT NULL,
  partition   integer     NOT NULL,
  next_offset bigint      NOT NULL,
  updated_at  timestamptz NOT NULL,
  PRIMARY KEY (topic, partition)
);
