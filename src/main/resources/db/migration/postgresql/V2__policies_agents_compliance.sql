-- V2 (PostgreSQL): agent policies (immutable versions), the agent registry, compliance mapping.
CREATE TABLE policy (
    name           TEXT PRIMARY KEY,
    active_version INTEGER,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);

CREATE TABLE policy_version (
    name       TEXT NOT NULL REFERENCES policy(name),
    version    INTEGER NOT NULL,
    yaml       TEXT NOT NULL,
    sha256     TEXT NOT NULL,
    author     TEXT NOT NULL,
    note       TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (name, version)
);

CREATE TRIGGER policy_version_no_update BEFORE UPDATE ON policy_version
    FOR EACH ROW EXECUTE FUNCTION arbiter_refuse('policy versions are immutable: save a new version instead');
CREATE TRIGGER policy_version_no_delete BEFORE DELETE ON policy_version
    FOR EACH ROW EXECUTE FUNCTION arbiter_refuse('policy versions are immutable: they cannot be deleted');
CREATE TRIGGER policy_version_no_truncate BEFORE TRUNCATE ON policy_version
    FOR EACH STATEMENT EXECUTE FUNCTION arbiter_refuse('policy versions are immutable: they cannot be deleted');

CREATE TABLE agent (
    id                   TEXT PRIMARY KEY,
    name                 TEXT NOT NULL,
    owner                TEXT NOT NULL,
    purpose              TEXT NOT NULL DEFAULT '',
    status               TEXT NOT NULL CHECK (status IN ('active', 'paused', 'retired')),
    status_reason        TEXT,
    vendor               TEXT NOT NULL DEFAULT '',
    model                TEXT NOT NULL DEFAULT '',
    fallback_model       TEXT NOT NULL DEFAULT '',
    data_classes         TEXT NOT NULL DEFAULT '',
    daily_token_budget   BIGINT,
    daily_cost_budget    TEXT,
    budget_alert_percent INTEGER NOT NULL DEFAULT 80,
    policy_name          TEXT REFERENCES policy(name),
    policy_version       INTEGER,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
);

CREATE INDEX agent_policy ON agent(policy_name);

CREATE TABLE compliance_regulation (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    summary    TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE compliance_requirement (
    id            TEXT PRIMARY KEY,
    regulation_id TEXT NOT NULL,
    title         TEXT NOT NULL,
    description   TEXT NOT NULL DEFAULT '',
    applies_to    TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    created_at    TEXT NOT NULL
);

CREATE TABLE compliance_control (
    agent_id       TEXT NOT NULL REFERENCES agent(id),
    requirement_id TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('met', 'not_applicable')),
    control        TEXT NOT NULL,
    evidence       TEXT NOT NULL DEFAULT '',
    recorded_by    TEXT NOT NULL,
    recorded_at    TEXT NOT NULL,
    PRIMARY KEY (agent_id, requirement_id)
);

SELECT arbiter_watch('policy');
SELECT arbiter_watch('policy_version');
SELECT arbiter_watch('agent');
SELECT arbiter_watch('compliance_regulation');
SELECT arbiter_watch('compliance_requirement');
SELECT arbiter_watch('compliance_control');
