-- V7 (PostgreSQL): counters every process on the workspace shares. Same tables as
-- sqlite/V7; see that file for why. They are read and written only inside the
-- ledger writer's transaction (which holds the workspace's advisory lock), so no
-- process caches them and no change notice is needed (no arbiter_watch).
CREATE TABLE agent_spend (
    agent_id  TEXT NOT NULL,
    day       TEXT NOT NULL,               -- YYYY-MM-DD, UTC
    tokens    BIGINT NOT NULL CHECK (tokens >= 0),
    cost_usd  DOUBLE PRECISION NOT NULL CHECK (cost_usd >= 0),
    PRIMARY KEY (agent_id, day)
);

CREATE TABLE rate_event (
    agent_id  TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('action', 'escalation')),
    at_ms     BIGINT NOT NULL              -- epoch milliseconds of the decision
);

CREATE INDEX rate_event_window ON rate_event(agent_id, kind, at_ms);
