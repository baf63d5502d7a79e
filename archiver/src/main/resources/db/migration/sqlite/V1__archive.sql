-- The audit archive. Timestamps are UTC text, fixed width with microseconds
-- (2026-06-26T12:00:00.000000Z), so they sort as they read; metadata is the JSON exactly as received.
-- agent_state is rewritten for hundreds of agents at every batch: it is clustered on agent_id
-- (WITHOUT ROWID, one B-tree instead of two) and has no status index, whose pages every batch
-- would dirty too; filtering tens of thousands of agents by status is a scan of a few MiB.
CREATE TABLE agent_events (
    id              INTEGER PRIMARY KEY,
    event_id        TEXT    NOT NULL UNIQUE,
    agent_id        TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    timestamp       TEXT    NOT NULL,
    metadata        TEXT,
    seq             INTEGER,
    received_at     TEXT    NOT NULL,
    archived_at     TEXT    NOT NULL,
    kafka_partition INTEGER NOT NULL,
    kafka_offset    INTEGER NOT NULL,
    UNIQUE (kafka_partition, kafka_offset)
);

CREATE INDEX agent_events_agent_offset ON agent_events (agent_id, kafka_offset);

CREATE TABLE agent_state (
    agent_id        TEXT    PRIMARY KEY,
    status          TEXT    NOT NULL,
    timestamp       TEXT    NOT NULL,
    event_id        TEXT    NOT NULL,
    seq             INTEGER,
    kafka_partition INTEGER NOT NULL,
    kafka_offset    INTEGER NOT NULL,
    event_count     INTEGER NOT NULL,
    updated_at      TEXT    NOT NULL
) WITHOUT ROWID;
