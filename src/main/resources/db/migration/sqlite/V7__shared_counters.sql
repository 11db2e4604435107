-- Counters every process on the workspace shares (issue 12 §2, issue 13 §4):
-- written inside the ledger writer's transaction together with the decision
-- that moves them, so two gateways on one file, or a restart, can neither
-- double a limit nor reset it. Portable SQL (the PostgreSQL store uses the
-- same statements). Values saturate at the largest 64-bit integer.
--
-- What an agent spent on a UTC day (tokens and dollars of every request and
-- outcome, whatever the decision). A missing row is seeded from the ledger.
CREATE TABLE agent_spend (
    agent_id  TEXT NOT NULL,
    day       TEXT NOT NULL,               -- YYYY-MM-DD, UTC
    tokens    INTEGER NOT NULL CHECK (tokens >= 0),
    cost_usd  REAL NOT NULL CHECK (cost_usd >= 0),
    PRIMARY KEY (agent_id, day)
)
;
-- Accepted actions and escalations, for the sliding rate windows. A window is
-- the rows of the last minute (actions) or hour (escalations), whatever the
-- limit: a changed limit applies to the same window. Older rows are pruned.
CREATE TABLE rate_event (
    agent_id  TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('action', 'escalation')),
    at_ms     INTEGER NOT NULL             -- epoch milliseconds of the decision
)
;
CREATE INDEX rate_event_window ON rate_event(agent_id, kind, at_ms)
