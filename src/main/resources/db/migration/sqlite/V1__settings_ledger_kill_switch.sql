-- V1: settings, the audit ledger and the kill switch
CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
)
;
-- An entry is its canonical JSON body (what the hash covers, including seq and
-- prev_hash) plus the hash. Reading one column per entry keeps verification
-- fast; the columns filters need are generated from the body, so they can
-- never disagree with what was hashed.
CREATE TABLE audit_entry (
    seq        INTEGER PRIMARY KEY,
    body       TEXT NOT NULL,
    hash       TEXT NOT NULL,
    timestamp  TEXT GENERATED ALWAYS AS (json_extract(body, '$.timestamp')) VIRTUAL,
    event      TEXT GENERATED ALWAYS AS (json_extract(body, '$.event')) VIRTUAL,
    agent_id   TEXT GENERATED ALWAYS AS (json_extract(body, '$.agent_id')) VIRTUAL,
    trace_id   TEXT GENERATED ALWAYS AS (json_extract(body, '$.trace_id')) VIRTUAL
)
;
CREATE INDEX audit_entry_agent ON audit_entry(agent_id, seq)
;
CREATE INDEX audit_entry_trace ON audit_entry(trace_id)
;
CREATE INDEX audit_entry_time ON audit_entry(timestamp)
;
CREATE INDEX audit_entry_event ON audit_entry(event, seq)
;
-- Retention pruning leaves an anchor here: the first kept seq and the hash of
-- the last pruned entry, so the remaining chain still verifies.
CREATE TABLE audit_checkpoint (
    id           INTEGER PRIMARY KEY,
    first_seq    INTEGER NOT NULL,
    prev_hash    TEXT NOT NULL,
    archive_file TEXT NOT NULL,
    created_at   TEXT NOT NULL
)
;
-- A row here authorises pruning up to a seq for the length of one transaction.
CREATE TABLE audit_prune_permit (
    up_to_seq INTEGER NOT NULL
)
;
CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
BEGIN
    SELECT RAISE(ABORT, 'the audit ledger is append-only: entries cannot be changed');
END
;
CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
WHEN NOT EXISTS (SELECT 1 FROM audit_prune_permit WHERE OLD.seq <= up_to_seq)
BEGIN
    SELECT RAISE(ABORT, 'the audit ledger is append-only: entries cannot be deleted');
END
;
CREATE TABLE kill_switch (
    scope      TEXT PRIMARY KEY,   -- '*' for every agent, else an agent id
    engaged    INTEGER NOT NULL,
    reason     TEXT NOT NULL,
    actor      TEXT NOT NULL,
    changed_at TEXT NOT NULL
)
