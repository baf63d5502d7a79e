-- The audit archive: the same tables and columns as the SQLite migration, PostgreSQL's types.
-- metadata is the JSON exactly as received (text, not jsonb, which would reorder and reformat it).
CREATE TABLE agent_events (
    id              BIGINT       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id        VARCHAR(128) NOT NULL UNIQUE,
    agent_id        VARCHAR(128) NOT NULL,
    status          VARCHAR(64)  NOT NULL,
    timestamp       TIMESTAMPTZ  NOT NULL,
    metadata        TEXT,
    seq             BIGINT,
    received_at     TIMESTAMPTZ  NOT NULL,
    archived_at     TIMESTAMPTZ  NOT NULL,
    kafka_partition INTEGER      NOT NULL,
    kafka_offset    BIGINT       NOT NULL,
    UNIQUE (kafka_partition, kafka_offset)
);

CREATE INDEX agent_events_agent_offset ON agent_events (agent_id, kafka_offset);

CREATE TABLE agent_state (
    agent_id        VARCHAR(128) PRIMARY KEY,
    status          VARCHAR(64)  NOT NULL,
    timestamp       TIMESTAMPTZ  NOT NULL,
    event_id        VARCHAR(128) NOT NULL,
    seq             BIGINT,
    kafka_partition INTEGER      NOT NULL,
    kafka_offset    BIGINT       NOT NULL,
    event_count     BIGINT       NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL
);
