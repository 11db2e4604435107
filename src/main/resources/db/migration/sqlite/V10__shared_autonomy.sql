-- V10: time-boxed autonomy shared by every process on the workspace (issue 14):
-- "after N actions or M minutes without human review, pause and request
-- oversight" holds in total across gateways, like the V7 counters. The row is
-- read and moved by the decision's counter claim, inside the ledger writer's
-- transaction (which holds the workspace's write lock). A missing row is
-- seeded from the ledger (allowed decisions since the last review).
CREATE TABLE agent_autonomy (
    agent_id  TEXT PRIMARY KEY,
    actions   INTEGER NOT NULL CHECK (actions > 0), -- allowed without a person since the last review
    since     TEXT NOT NULL                         -- AuditTime of the first of them
)
;
-- A person looked (approved or denied one of the agent's queued actions,
-- resumed or added it): autonomy starts afresh. Done here, in the transaction
-- that writes the review's ledger entry, whichever process or service writes
-- it, so a review and the counter can never disagree, even after a crash.
-- Denials by the kill switch or a timeout are review entries without a person
-- (human_override false) and reset nothing.
CREATE TRIGGER agent_autonomy_reviewed AFTER INSERT ON audit_entry
WHEN NEW.event IN ('agent.resumed', 'agent.added')
  OR (NEW.event IN ('review.approved', 'review.denied') AND json_extract(NEW.body, '$.human_override') = 1)
BEGIN
    DELETE FROM agent_autonomy WHERE agent_id = NEW.agent_id;
END
