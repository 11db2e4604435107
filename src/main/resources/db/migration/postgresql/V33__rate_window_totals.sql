-- V33: the same rule as sqlite/V33; see that file for why. Read and written
-- only inside the ledger writer's transaction (which holds the workspace's
-- advisory lock), so no process caches it and no change notice is needed.
CREATE TABLE rate_total (
    agent_id  TEXT NOT NULL,
    kind      TEXT NOT NULL,
    events    BIGINT NOT NULL CHECK (events >= 0),
    PRIMARY KEY (agent_id, kind)
);

INSERT INTO rate_total(agent_id, kind, events)
    SELECT agent_id, kind, COUNT(*) FROM rate_event GROUP BY agent_id, kind;

CREATE FUNCTION rate_total_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO rate_total(agent_id, kind, events) VALUES (NEW.agent_id, NEW.kind, 1)
            ON CONFLICT (agent_id, kind) DO UPDATE SET events = rate_total.events + 1;
    ELSE
        UPDATE rate_total SET events = events - 1 WHERE agent_id = OLD.agent_id AND kind = OLD.kind;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER rate_total_counted AFTER INSERT OR DELETE ON rate_event
    FOR EACH ROW EXECUTE FUNCTION rate_total_count();
