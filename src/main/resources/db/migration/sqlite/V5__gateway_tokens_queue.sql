-- V5: the decision gateway: agent tokens, the escalation queue, trace id blocks
--
-- A token is shown once when issued; only its SHA-256 is kept, so a copy of
-- this file gives nobody a working token.
CREATE TABLE agent_token (
    id           TEXT PRIMARY KEY,            -- public id, part of the token text
    agent_id     TEXT NOT NULL,
    token_sha256 TEXT NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    revoked_at   TEXT,
    revoked_by   TEXT
)
;
CREATE INDEX agent_token_agent ON agent_token(agent_id)
;
-- Actions waiting for a person: gated ones before they run (pending until
-- approved, denied or timed out), supervised ones after (reviewed by due_at).
-- revision grows with every insert and change, so another process can pick up
-- what changed since it last looked.
CREATE TABLE escalation (
    trace_id       TEXT PRIMARY KEY,
    agent_id       TEXT NOT NULL,
    session_id     TEXT,
    action         TEXT NOT NULL,
    input_summary  TEXT,
    reasoning      TEXT,
    tier           TEXT NOT NULL CHECK (tier IN ('supervised', 'gated')),
    risk_score     REAL,
    confidence     REAL,
    reason         TEXT NOT NULL,
    policy_name    TEXT,
    policy_version INTEGER,
    context        TEXT,                      -- the request's context object, JSON
    status         TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'denied')),
    created_at     TEXT NOT NULL,
    due_at         TEXT NOT NULL,             -- approval deadline (gated) or review due (supervised)
    decided_at     TEXT,
    reviewer       TEXT,
    note           TEXT,
    reason_code    TEXT,                      -- REVIEWER_APPROVED, REVIEWER_DENIED, REVIEW_TIMEOUT, KILL_SWITCH
    revision       INTEGER NOT NULL
)
;
CREATE INDEX escalation_pending ON escalation(status, due_at)
;
CREATE INDEX escalation_revision ON escalation(revision)
;
CREATE INDEX escalation_agent ON escalation(agent_id, status)
;
-- Trace ids are ag-<day>-<number>; each process takes numbers in blocks from
-- here, so two gateways on one file (or a restart) never hand out the same id.
CREATE TABLE trace_block (
    day  TEXT PRIMARY KEY,
    next INTEGER NOT NULL
)
