-- V14: the incident register (issue 17). An incident pins a range of the ledger
-- (pinned_from..pinned_to) that retention may not prune until it is closed; its
-- timeline is append-only, each line naming the audit entry that records it.
CREATE TABLE incident (
    id           INTEGER PRIMARY KEY,
    title        TEXT NOT NULL,
    severity     TEXT NOT NULL CHECK (severity IN ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
    status       TEXT NOT NULL CHECK (status IN ('OPEN', 'CONTAINED', 'RESOLVED', 'CLOSED')),
    agents       TEXT NOT NULL,   -- JSON array of agent ids
    entries      TEXT NOT NULL,   -- JSON array of ledger seqs picked as involved
    pinned_from  INTEGER,         -- first seq frozen as evidence (null: nothing pinned)
    pinned_to    INTEGER,
    source_alert TEXT,
    policies     TEXT NOT NULL,   -- JSON array of "name v<n>" in force when opened
    serious      TEXT NOT NULL,   -- SeriousIncidentClass name (EU AI Act Art. 73)
    aware_at     TEXT NOT NULL,   -- when the organisation became aware: the reporting clocks start here
    reported_at  TEXT,            -- when the Art. 73 report went to the authority
    root_cause   TEXT NOT NULL DEFAULT '',
    follow_ups   TEXT NOT NULL DEFAULT '[]',
    opened_at    TEXT NOT NULL,
    opened_by    TEXT NOT NULL,
    updated_at   TEXT NOT NULL
)
;
CREATE INDEX incident_pinned ON incident(status, pinned_from, pinned_to)
;
CREATE TABLE incident_event (
    incident_id INTEGER NOT NULL REFERENCES incident(id),
    position    INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    note        TEXT NOT NULL,
    audit_seq   INTEGER,
    PRIMARY KEY (incident_id, position)
)
;
CREATE TRIGGER incident_event_no_update BEFORE UPDATE ON incident_event
BEGIN
    SELECT RAISE(ABORT, 'an incident timeline is append-only');
END
;
CREATE TRIGGER incident_event_no_delete BEFORE DELETE ON incident_event
BEGIN
    SELECT RAISE(ABORT, 'an incident timeline is append-only');
END
;
CREATE TRIGGER incident_closed_locked BEFORE UPDATE ON incident WHEN OLD.status = 'CLOSED'
BEGIN
    SELECT RAISE(ABORT, 'a closed incident is locked');
END
;
CREATE TRIGGER incident_no_delete BEFORE DELETE ON incident
BEGIN
    SELECT RAISE(ABORT, 'incidents are kept and cannot be deleted');
END
;
