-- V2: agent policies (immutable versions), the agent registry, compliance mapping
CREATE TABLE policy (
    name           TEXT PRIMARY KEY,
    active_version INTEGER,            -- null until a version is activated
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
)
;
-- Every save is a new row; rows are never changed or removed, so what an
-- agent ran under at any time can always be shown again.
CREATE TABLE policy_version (
    name       TEXT NOT NULL REFERENCES policy(name),
    version    INTEGER NOT NULL,
    yaml       TEXT NOT NULL,
    sha256     TEXT NOT NULL,
    author     TEXT NOT NULL,
    note       TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (name, version)
)
;
CREATE TRIGGER policy_version_no_update BEFORE UPDATE ON policy_version
BEGIN
    SELECT RAISE(ABORT, 'policy versions are immutable: save a new version instead');
END
;
CREATE TRIGGER policy_version_no_delete BEFORE DELETE ON policy_version
BEGIN
    SELECT RAISE(ABORT, 'policy versions are immutable: they cannot be deleted');
END
;
CREATE TABLE agent (
    id                   TEXT PRIMARY KEY,          -- the agent_id agents send
    name                 TEXT NOT NULL,
    owner                TEXT NOT NULL,
    purpose              TEXT NOT NULL DEFAULT '',
    status               TEXT NOT NULL CHECK (status IN ('active', 'paused', 'retired')),
    status_reason        TEXT,
    vendor               TEXT NOT NULL DEFAULT '',
    model                TEXT NOT NULL DEFAULT '',  -- pinned model version
    fallback_model       TEXT NOT NULL DEFAULT '',
    data_classes         TEXT NOT NULL DEFAULT '',  -- comma-separated: PII,PHI,Financial,Public
    daily_token_budget   INTEGER,
    daily_cost_budget    TEXT,                      -- decimal text, US dollars
    budget_alert_percent INTEGER NOT NULL DEFAULT 80,
    policy_name          TEXT REFERENCES policy(name),
    policy_version       INTEGER,                   -- null: follows the policy's active version
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
)
;
CREATE INDEX agent_policy ON agent(policy_name)
;
-- Regulations and requirements the user adds to the shipped catalog.
CREATE TABLE compliance_regulation (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    summary    TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
)
;
CREATE TABLE compliance_requirement (
    id            TEXT PRIMARY KEY,
    regulation_id TEXT NOT NULL,
    title         TEXT NOT NULL,
    description   TEXT NOT NULL DEFAULT '',
    applies_to    TEXT NOT NULL,              -- JSON: {"all": bool, "data_classes": [...], "actions": [...]}
    created_by    TEXT NOT NULL,
    created_at    TEXT NOT NULL
)
;
-- How an agent meets a requirement (or why it does not apply to it).
CREATE TABLE compliance_control (
    agent_id       TEXT NOT NULL REFERENCES agent(id),
    requirement_id TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('met', 'not_applicable')),
    control        TEXT NOT NULL,
    evidence       TEXT NOT NULL DEFAULT '',
    recorded_by    TEXT NOT NULL,
    recorded_at    TEXT NOT NULL,
    PRIMARY KEY (agent_id, requirement_id)
)
