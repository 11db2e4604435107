-- V12: alerts (issue 16). Detection state that must survive a restart lives here: the alerts
-- themselves (open and triaged; the newest per rule and agent de-duplicates after a restart),
-- each agent's rate and hour-of-day baseline, the actions each agent has asked for, and the
-- rule edits per workspace, policy and agent.
CREATE TABLE alert (
    id               TEXT PRIMARY KEY,          -- al-<12 hex>, stable: incidents refer to it
    rule             TEXT NOT NULL,
    agent_id         TEXT,
    status           TEXT NOT NULL CHECK (status IN ('open', 'true_positive', 'false_positive')),
    summary          TEXT NOT NULL,
    figures          TEXT NOT NULL,             -- JSON: the figures that crossed the rule
    window_from      TEXT NOT NULL,
    window_to        TEXT NOT NULL,
    first_seq        BIGINT,                    -- ledger seq range of the evidence
    last_seq         BIGINT, 
    first_anomaly_at TEXT NOT NULL,             -- time of the first anomalous entry (mean time to detect)
    raised_at        TEXT NOT NULL,
    response         TEXT NOT NULL CHECK (response IN ('none', 'pause', 'kill')),
    triaged_by       TEXT,
    triaged_at       TEXT,
    note             TEXT,
    incident_ref     TEXT                       -- set when an incident is opened from the alert
)
;
CREATE INDEX alert_status ON alert(status, raised_at)
;
CREATE INDEX alert_rule_agent ON alert(rule, agent_id, window_to)
;
CREATE INDEX alert_raised ON alert(raised_at)
;
CREATE TABLE alert_baseline (
    agent_id    TEXT PRIMARY KEY,
    minutes     BIGINT  NOT NULL,               -- active minutes seen
    per_minute  DOUBLE PRECISION NOT NULL,                  -- moving mean of actions per active minute
    decisions   BIGINT  NOT NULL,
    hours       TEXT NOT NULL,                  -- JSON array of 24 decision counts per UTC hour
    days        BIGINT  NOT NULL,               -- distinct UTC days with decisions
    last_day    BIGINT  NOT NULL                -- epoch day of the newest
)
;
CREATE TABLE alert_seen_action (
    agent_id   TEXT NOT NULL,
    action     TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    PRIMARY KEY (agent_id, action)
)
;
CREATE TABLE alert_rule_set (
    scope      TEXT PRIMARY KEY,                -- workspace, policy:<name> or agent:<id>
    yaml       TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
)
;
SELECT arbiter_watch('alert');
SELECT arbiter_watch('alert_rule_set');
