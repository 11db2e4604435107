-- V6 (PostgreSQL): one agent, one id. Same rule as sqlite/V6; see that file for why.
-- Agent ids registered in another case are lower-cased in every table that names an agent,
-- unless that would merge two agents (then both stay as they were: fail closed). The ledger
-- is append-only and keeps the spelling each entry was written with.
-- compliance_control refers to agent(id) and its key is not deferrable here (SQLite defers
-- with a PRAGMA), so the reference is dropped while the ids move and checked again after.
ALTER TABLE compliance_control DROP CONSTRAINT compliance_control_agent_id_fkey;

CREATE TEMP TABLE agent_id_fold AS
    SELECT id AS old_id, lower(id) AS new_id FROM agent
    WHERE id <> lower(id)
      AND (SELECT count(*) FROM agent b WHERE lower(b.id) = lower(agent.id)) = 1;

UPDATE agent SET id = lower(id) WHERE id IN (SELECT old_id FROM agent_id_fold);
UPDATE agent_token SET agent_id = lower(agent_id) WHERE agent_id IN (SELECT old_id FROM agent_id_fold);
UPDATE escalation SET agent_id = lower(agent_id) WHERE agent_id IN (SELECT old_id FROM agent_id_fold);
UPDATE compliance_control SET agent_id = lower(agent_id) WHERE agent_id IN (SELECT old_id FROM agent_id_fold);
UPDATE kill_switch SET scope = lower(scope)
WHERE scope IN (SELECT old_id FROM agent_id_fold)
  AND NOT EXISTS (SELECT 1 FROM kill_switch k WHERE k.scope = lower(kill_switch.scope));

DROP TABLE agent_id_fold;

ALTER TABLE compliance_control ADD CONSTRAINT compliance_control_agent_id_fkey
    FOREIGN KEY (agent_id) REFERENCES agent(id);

-- The registry refuses a second spelling of an id with a message; this keeps
-- any other writer from adding one. (A WHEN may not hold a subquery here.)
CREATE FUNCTION agent_guard_one_spelling() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM agent WHERE lower(id) = lower(NEW.id)) THEN
        RAISE EXCEPTION 'an agent with this id in another letter case already exists';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER agent_id_one_spelling BEFORE INSERT ON agent
    FOR EACH ROW EXECUTE FUNCTION agent_guard_one_spelling();
