-- V10 (PostgreSQL): time-boxed autonomy shared by every gateway. Same table and
-- rule as sqlite/V10; see that file for why. Read and written only inside the
-- ledger writer's transaction (which holds the workspace's advisory lock), so
-- no process caches it and no change notice is needed (no arbiter_watch).
CREATE TABLE agent_autonomy (
    agent_id  TEXT PRIMARY KEY,
    actions   BIGINT NOT NULL CHECK (actions > 0),
    since     TEXT NOT NULL
);

CREATE FUNCTION agent_autonomy_reset() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.event IN ('agent.resumed', 'agent.added')
       OR ((NEW.body::jsonb) ->> 'human_override') = 'true' THEN
        DELETE FROM agent_autonomy WHERE agent_id = NEW.agent_id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER agent_autonomy_reviewed AFTER INSERT ON audit_entry
    FOR EACH ROW WHEN (NEW.event IN ('agent.resumed', 'agent.added', 'review.approved', 'review.denied'))
    EXECUTE FUNCTION agent_autonomy_reset();
