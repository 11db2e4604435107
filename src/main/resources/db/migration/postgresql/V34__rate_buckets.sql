-- V34: the same rule as sqlite/V34; see that file for why. PostgreSQL keeps
-- the table and its key apart, but one row per millisecond instead of one per
-- event still writes fewer tuples and index entries per group commit.
CREATE TABLE rate_bucket (
    agent_id  TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('action', 'escalation')),
    at_ms     BIGINT NOT NULL,
    events    BIGINT NOT NULL CHECK (events > 0),
    PRIMARY KEY (agent_id, kind, at_ms)
);

INSERT INTO rate_bucket(agent_id, kind, at_ms, events)
    SELECT agent_id, kind, at_ms, COUNT(*) FROM rate_event GROUP BY agent_id, kind, at_ms;

-- The newest event a prune of the agent's window removed; see sqlite/V34.
ALTER TABLE rate_total ADD COLUMN pruned_to BIGINT NOT NULL DEFAULT 0;

DROP TABLE rate_event;
DROP FUNCTION rate_total_count();

CREATE FUNCTION rate_total_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE rate_total SET events = events - OLD.events WHERE agent_id = OLD.agent_id AND kind = OLD.kind;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO rate_total(agent_id, kind, events) VALUES (NEW.agent_id, NEW.kind, NEW.events)
            ON CONFLICT (agent_id, kind) DO UPDATE SET events = rate_total.events + excluded.events;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER rate_total_counted AFTER INSERT OR UPDATE OR DELETE ON rate_bucket
    FOR EACH ROW EXECUTE FUNCTION rate_total_count();
