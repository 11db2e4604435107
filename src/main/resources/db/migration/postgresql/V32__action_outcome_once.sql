-- One outcome per action (attack on POST /v1/actions/{id}/outcome): the writer claims the trace id here in the
-- outcome's own group-commit transaction; a repeat finds it taken and is refused as already recorded.
CREATE TABLE action_outcome (
    trace_id TEXT PRIMARY KEY
);

INSERT INTO action_outcome(trace_id)
    SELECT DISTINCT trace_id FROM audit_entry WHERE event = 'action.outcome' AND trace_id IS NOT NULL;
