-- V17: tabletop exercises (issue 17). An exercise runs a playbook (a copy of its YAML is kept, so
-- editing the playbook later does not change a past exercise) planned -> running -> ended; an ended
-- exercise is locked, and each step done is a row that is never changed or removed.
CREATE TABLE exercise (
    id            INTEGER PRIMARY KEY,
    scenario      TEXT NOT NULL,
    playbook_id   TEXT NOT NULL,
    playbook_yaml TEXT NOT NULL,
    participants  TEXT NOT NULL,   -- JSON array of names
    facilitator   TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('PLANNED', 'RUNNING', 'ENDED')),
    planned_at    TEXT NOT NULL,
    planned_by    TEXT NOT NULL,
    started_at    TEXT,
    ended_at      TEXT,
    findings      TEXT NOT NULL DEFAULT '',
    score         INTEGER,         -- percent, set when the exercise ends
    updated_at    TEXT NOT NULL
)
;
CREATE INDEX exercise_status ON exercise(status, ended_at)
;
CREATE TABLE exercise_step (
    exercise_id INTEGER NOT NULL REFERENCES exercise(id),
    step        INTEGER NOT NULL,  -- 1-based position in the playbook
    done_at     TEXT NOT NULL,
    done_by     TEXT NOT NULL,     -- the participant who did it in the exercise
    note        TEXT NOT NULL,
    recorded_by TEXT NOT NULL,     -- who ticked it in Arbiter
    audit_seq   INTEGER NOT NULL,
    PRIMARY KEY (exercise_id, step)
)
;
CREATE TRIGGER exercise_step_no_update BEFORE UPDATE ON exercise_step
BEGIN
    SELECT RAISE(ABORT, 'an exercise step, once recorded, is kept as it was');
END
;
CREATE TRIGGER exercise_step_no_delete BEFORE DELETE ON exercise_step
BEGIN
    SELECT RAISE(ABORT, 'an exercise step, once recorded, is kept as it was');
END
;
CREATE TRIGGER exercise_ended_locked BEFORE UPDATE ON exercise WHEN OLD.status = 'ENDED'
BEGIN
    SELECT RAISE(ABORT, 'an ended exercise is locked');
END
;
CREATE TRIGGER exercise_no_delete BEFORE DELETE ON exercise
BEGIN
    SELECT RAISE(ABORT, 'exercises are kept as readiness evidence and cannot be deleted');
END
;
