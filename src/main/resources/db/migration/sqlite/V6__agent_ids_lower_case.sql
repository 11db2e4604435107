-- V6: one agent, one id. Agent ids are lower case (AgentId); ids registered in
-- another case before this rule are lower-cased here, in every table that names
-- an agent, unless that would merge two agents (then both stay as they were,
-- and the upper-case one can no longer be looked up: fail closed). The ledger
-- is append-only and keeps the spelling each entry was written with.
-- compliance_control refers to agent(id): check the references once all of them moved
PRAGMA defer_foreign_keys = ON
;
CREATE TEMP TABLE agent_id_fold AS
    SELECT id AS old_id, lower(id) AS new_id FROM agent
    WHERE id <> lower(id)
      AND (SELECT count(*) FROM agent b WHERE lower(b.id) = lower(agent.id)) = 1
;
UPDATE agent SET id = lower(id) WHERE id IN (SELECT old_id FROM agent_id_fold)
;
UPDATE agent_token SET agent_id = lower(agent_id) WHERE agent_id IN (SELECT old_id FROM agent_id_fold)
;
UPDATE escalation SET agent_id = lower(agent_id) WHERE agent_id IN (SELECT old_id FROM agent_id_fold)
;
UPDATE compliance_control SET agent_id = lower(agent_id) WHERE agent_id IN (SELECT old_id FROM agent_id_fold)
;
UPDATE kill_switch SET scope = lower(scope)
WHERE scope IN (SELECT old_id FROM agent_id_fold)
  AND NOT EXISTS (SELECT 1 FROM kill_switch k WHERE k.scope = lower(kill_switch.scope))
;
DROP TABLE agent_id_fold
;
-- The registry refuses a second spelling of an id with a message; this keeps
-- any other writer from adding one.
CREATE TRIGGER agent_id_one_spelling BEFORE INSERT ON agent
WHEN EXISTS (SELECT 1 FROM agent WHERE lower(id) = lower(NEW.id))
BEGIN
    SELECT RAISE(ABORT, 'an agent with this id in another letter case already exists');
END
