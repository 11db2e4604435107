-- V5 (PostgreSQL): the decision gateway: agent tokens, the escalation queue, trace id blocks.
CREATE TABLE agent_token (
    id           TEXT PRIMARY KEY,
    agent_id     TEXT NOT NULL,
    token_sha256 TEXT NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    revoked_at   TEXT,
    revoked_by   TEXT
);

CREATE INDEX agent_token_agent ON agent_token(agent_id);

CREATE TABLE escalation (
    trace_id       TEXT PRIMARY KEY,
    agent_id       TEXT NOT NULL,
    session_id     TEXT,
    action         TEXT NOT NULL,
    input_summary  TEXT,
    reasoning      TEXT,
    tier           TEXT NOT NULL CHECK (tier IN ('supervised', 'gated')),
    risk_score     DOUBLE PRECISION,
    confidence     DOUBLE PRECISION,
    reason         TEXT NOT NULL,
    policy_name    TEXT,
    policy_version INTEGER,
    context        TEXT,
    status         TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'denied')),
    created_at     TEXT NOT NULL,
    due_at         TEXT NOT NULL,
    decided_at     TEXT,
    reviewer       TEXT,
    note           TEXT,
    reason_code    TEXT,
    revision       BIGINT NOT NULL
);

CREATE INDEX escalation_pending ON escalation(status, due_at);
CREATE INDEX escalation_revision ON escalation(revision);
CREATE INDEX escalation_agent ON escalation(agent_id, status);

CREATE TABLE trace_block (
    day  TEXT PRIMARY KEY,
    next BIGINT NOT NULL
);

SELECT arbiter_watch('agent_token');
SELECT arbiter_watch('escalation');
