-- V20 (issue 16): one alert per rule, agent and window across processes, and webhooks.
-- alert_claim holds, per rule and agent, the end of the window of the newest alert. A detector
-- raises an alert only if it can move that claim forward by at least the rule's window, in the
-- transaction that inserts the alert: an upsert whose DO UPDATE has a WHERE, so a second gateway on
-- the same database finds the claim taken and its insert is a no-op (on PostgreSQL the upsert waits
-- for the first transaction and re-checks the row). Seeded from the alerts already raised.
CREATE TABLE alert_claim (
    rule      TEXT NOT NULL,
    agent_id  TEXT NOT NULL,
    window_to TEXT NOT NULL,                    -- ISO-8601 UTC, fixed width: compared as text
    alert_id  TEXT,
    PRIMARY KEY (rule, agent_id)
)
;
INSERT INTO alert_claim(rule, agent_id, window_to, alert_id)
    SELECT rule, agent_id, MAX(window_to), NULL FROM alert WHERE agent_id IS NOT NULL GROUP BY rule, agent_id
;
-- Outbound webhooks of the workspace (Slack, Teams or generic JSON). The URL is a secret.
CREATE TABLE webhook (
    id         TEXT PRIMARY KEY,                -- wh-<8 hex>
    kind       TEXT NOT NULL CHECK (kind IN ('slack', 'teams', 'generic')),
    url        TEXT NOT NULL,
    events     TEXT NOT NULL,                   -- alerts | approvals | alerts,approvals
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
)
;
-- Notifications waiting to be delivered (and the record of those delivered or given up). One per
-- webhook and subject (an alert id or an approval's queue id), so two processes never send twice.
CREATE TABLE webhook_outbox (
    id         INTEGER PRIMARY KEY,
    webhook_id TEXT NOT NULL,
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,                   -- the JSON to POST
    created_at TEXT NOT NULL,
    state      TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts   INTEGER NOT NULL,
    next_at    TEXT NOT NULL,                   -- due time; a sender leases a row by moving it forward
    last_error TEXT,
    done_at    TEXT,
    UNIQUE (webhook_id, subject)
)
;
CREATE INDEX webhook_outbox_due ON webhook_outbox(state, next_at)
