-- V16: the vendor and model register (issue 17, the guide's Pillar 5 "Vendor Risk Management").
-- vendor: LLM and tool providers with their due-diligence facts. agent_fallback: what an agent
-- does when its provider is down. model_change: requests to change an agent's pinned or fallback
-- model (requested -> approved/rejected -> applied); decided requests are locked and none is deleted.
CREATE TABLE vendor (
    id             TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('LLM', 'TOOL', 'PLATFORM')),
    dpa_signed     TEXT,            -- ISO date the DPA was signed; null: no DPA
    dpa_file       TEXT NOT NULL DEFAULT '',
    training       TEXT NOT NULL CHECK (training IN ('YES', 'NO', 'UNKNOWN')),
    residency      TEXT NOT NULL DEFAULT '',
    certifications TEXT NOT NULL DEFAULT '',   -- one per line
    contact        TEXT NOT NULL DEFAULT '',
    review_due     TEXT,            -- ISO date of the next due-diligence review
    assessed_risk  TEXT CHECK (assessed_risk IN ('LOW', 'MEDIUM', 'HIGH')),
    notes          TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
)
;
CREATE UNIQUE INDEX vendor_name ON vendor(lower(name))
;
CREATE TABLE agent_fallback (
    agent_id        TEXT PRIMARY KEY,
    behaviour       TEXT NOT NULL CHECK (behaviour IN ('QUEUE', 'NOTIFY', 'RULES')),
    detail          TEXT NOT NULL DEFAULT '',
    fallback_vendor TEXT NOT NULL DEFAULT '',
    updated_at      TEXT NOT NULL,
    updated_by      TEXT NOT NULL
)
;
CREATE TABLE model_change (
    id            INTEGER PRIMARY KEY,
    agent_id      TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('PINNED', 'FALLBACK')),
    from_model    TEXT NOT NULL,
    to_model      TEXT NOT NULL,
    reason        TEXT NOT NULL,
    evidence_kind TEXT NOT NULL CHECK (evidence_kind IN ('JUNIT', 'REFERENCE')),
    evidence      TEXT NOT NULL,
    evidence_note TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL CHECK (status IN ('REQUESTED', 'APPROVED', 'REJECTED', 'APPLIED')),
    requested_by  TEXT NOT NULL,
    requested_at  TEXT NOT NULL,
    decided_by    TEXT,
    decided_at    TEXT,
    decision_note TEXT NOT NULL DEFAULT '',
    applied_by    TEXT,
    applied_at    TEXT
)
;
CREATE INDEX model_change_agent ON model_change(agent_id, status)
;
CREATE TRIGGER model_change_final BEFORE UPDATE ON model_change WHEN OLD.status IN ('REJECTED', 'APPLIED')
BEGIN
    SELECT RAISE(ABORT, 'a rejected or applied model change is locked');
END
;
CREATE TRIGGER model_change_no_delete BEFORE DELETE ON model_change
BEGIN
    SELECT RAISE(ABORT, 'model change requests are kept and cannot be deleted');
END
;
