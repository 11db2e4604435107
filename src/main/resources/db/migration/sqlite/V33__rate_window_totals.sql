-- V33: how many rate_event rows each agent holds of each kind, kept by triggers
-- in the transaction that adds or prunes the rows, whichever process or
-- statement does it. A window's count is then this total less the few rows
-- that left the window and are not pruned yet: a seek, where counting the
-- window walked every event in it up to the limit, on the ledger writer's
-- thread. That walk made a high limit cost the whole gateway once a version
-- in shadow needed the windows counted for it (issue 19).
CREATE TABLE rate_total (
    agent_id  TEXT NOT NULL,
    kind      TEXT NOT NULL,
    events    INTEGER NOT NULL CHECK (events >= 0),
    PRIMARY KEY (agent_id, kind)
)
;
INSERT INTO rate_total(agent_id, kind, events)
    SELECT agent_id, kind, COUNT(*) FROM rate_event GROUP BY agent_id, kind
;
CREATE TRIGGER rate_total_added AFTER INSERT ON rate_event
BEGIN
    INSERT INTO rate_total(agent_id, kind, events) VALUES (NEW.agent_id, NEW.kind, 1)
        ON CONFLICT(agent_id, kind) DO UPDATE SET events = events + 1;
END
;
CREATE TRIGGER rate_total_removed AFTER DELETE ON rate_event
BEGIN
    UPDATE rate_total SET events = events - 1 WHERE agent_id = OLD.agent_id AND kind = OLD.kind;
END
;
