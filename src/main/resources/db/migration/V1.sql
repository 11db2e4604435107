-- V1: settings, the audit ledger and the kill switch
CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
)
--;
CREATE TABLE audit_entry (
    seq             INTEGER PRIMARY KEY,
    trace_id        TEXT,
    agent_id        TEXT,
    session_id      TEXT,
    timestamp       TEXT NOT NULL,
    event           TEXT NOT NULL,
    action          TEXT,
    input_summary   TEXT,
    reasoning       TEXT,
    output          TEXT,
    tools_used      TEXT,
    tokens_consumed INTEGER,
    latency_ms      INTEGER,
    human_override  INTEGER NOT NULL DEFAULT 0,
    risk_score      REAL,
    decision        TEXT,
    tier            TEXT,
    reason_code     TEXT,
    actor           TEXT,
    detail          TEXT,
    prev_hash       TEXT NOT NULL,
    hash            TEXT NOT NULL
)
--;
CREATE INDEX audit_entry_agent ON audit_entry(agent_id, seq)
--;
CREATE INDEX audit_entry_trace ON audit_entry(trace_id)
--;
CREATE INDEX audit_entry_time ON audit_entry(timestamp)
--;
-- Retention pruning leaves an anchor here: the first kept seq and the hash of
-- the last pruned entry, so the remaining chain still verifies.
CREATE TABLE audit_checkpoint (
    id           INTEGER PRIMARY KEY,
    first_seq    INTEGER NOT NULL,
    prev_hash    TEXT NOT NULL,
    archive_file TEXT NOT NULL,
    created_at   TEXT NOT NULL
)
--;
-- A row here authorises pruning up to a seq for the length of one transaction.
CREATE TABLE audit_prune_permit (
    up_to_seq INTEGER NOT NULL
)
--;
CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
BEGIN
    SELECT RAISE(ABORT, 'the audit ledger is append-only: entries cannot be changed');
END
--;
CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
WHEN NOT EXISTS (SELECT 1 FROM audit_prune_permit WHERE OLD.seq <= up_to_seq)
BEGIN
    SELECT RAISE(ABORT, 'the audit ledger is append-only: entries cannot be deleted');
END
--;
CREATE TABLE kill_switch (
    scope      TEXT PRIMARY KEY,   -- '*' for every agent, else an agent id
    engaged    INTEGER NOT NULL,
    reason     TEXT NOT NULL,
    actor      TEXT NOT NULL,
    changed_at TEXT NOT NULL
)
