-- V34: the rate windows' events as one row per agent, kind and millisecond
-- (with how many events it holds) in one B-tree keyed by them, where V7 kept a
-- row per event in a table and an index. The writer adds a group commit's
-- events together (RateWindowBatch), so a commit touched the table's page,
-- the index's page and rate_total's page, and pruning the same again: about
-- four pages more written and synced per commit once a version in shadow
-- needed the windows kept (issue 19). Now it touches the bucket's page,
-- rate_total's and, when pruning, the oldest buckets' page. A window still
-- counts every event by its millisecond, so nothing about a limit changes.
CREATE TABLE rate_bucket (
    agent_id  TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('action', 'escalation')),
    at_ms     INTEGER NOT NULL,            -- epoch milliseconds of the decisions
    events    INTEGER NOT NULL CHECK (events > 0),
    PRIMARY KEY (agent_id, kind, at_ms)
) WITHOUT ROWID
;
INSERT INTO rate_bucket(agent_id, kind, at_ms, events)
    SELECT agent_id, kind, at_ms, COUNT(*) FROM rate_event GROUP BY agent_id, kind, at_ms
;
-- The newest event a prune of the agent's window removed: a decision stamped
-- before it left the window but judged after the prune (the writer takes
-- decisions in the order they reach it, not in the order they were stamped)
-- would miss it, so it is judged from this edge instead.
ALTER TABLE rate_total ADD COLUMN pruned_to INTEGER NOT NULL DEFAULT 0
;
DROP TABLE rate_event
;
-- rate_total (V33) keeps counting events, now a bucket's at a time
CREATE TRIGGER rate_total_added AFTER INSERT ON rate_bucket
BEGIN
    INSERT INTO rate_total(agent_id, kind, events) VALUES (NEW.agent_id, NEW.kind, NEW.events)
        ON CONFLICT(agent_id, kind) DO UPDATE SET events = events + excluded.events;
END
;
CREATE TRIGGER rate_total_changed AFTER UPDATE ON rate_bucket
BEGIN
    UPDATE rate_total SET events = events - OLD.events WHERE agent_id = OLD.agent_id AND kind = OLD.kind;
    INSERT INTO rate_total(agent_id, kind, events) VALUES (NEW.agent_id, NEW.kind, NEW.events)
        ON CONFLICT(agent_id, kind) DO UPDATE SET events = events + excluded.events;
END
;
CREATE TRIGGER rate_total_removed AFTER DELETE ON rate_bucket
BEGIN
    UPDATE rate_total SET events = events - OLD.events WHERE agent_id = OLD.agent_id AND kind = OLD.kind;
END
;
