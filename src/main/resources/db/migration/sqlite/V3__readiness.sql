-- V3: readiness assessments (the guide's decision matrix), their history and the roadmap tracker
CREATE TABLE readiness_assessment (
    id            INTEGER PRIMARY KEY,
    subject       TEXT NOT NULL,             -- the organisation or business unit assessed
    assessed_on   TEXT NOT NULL,             -- ISO date
    assessor      TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('draft', 'completed')),
    copied_from   INTEGER REFERENCES readiness_assessment(id),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    completed_at  TEXT,
    completed_by  TEXT,
    -- The thresholds in force when it was completed, so that changing a setting
    -- later does not rewrite the verdicts of history.
    ready_minimum INTEGER,
    warning_score INTEGER
)
;
CREATE INDEX readiness_assessment_subject ON readiness_assessment(subject, assessed_on)
;
CREATE TABLE readiness_score (
    assessment_id INTEGER NOT NULL REFERENCES readiness_assessment(id) ON DELETE CASCADE,
    dimension     TEXT NOT NULL,
    score         INTEGER CHECK (score BETWEEN 1 AND 5),
    notes         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (assessment_id, dimension)
)
;
CREATE TABLE readiness_step (
    id            INTEGER PRIMARY KEY,
    assessment_id INTEGER NOT NULL REFERENCES readiness_assessment(id) ON DELETE CASCADE,
    step_key      TEXT,                      -- the guide step it came from; NULL for one typed by hand
    text          TEXT NOT NULL,
    dimension     TEXT,
    phase         TEXT NOT NULL,
    owner         TEXT NOT NULL DEFAULT '',
    due_on        TEXT,
    done_at       TEXT,
    created_at    TEXT NOT NULL
)
;
CREATE INDEX readiness_step_assessment ON readiness_step(assessment_id, id)
;
-- A completed assessment is a record a board may have seen: it cannot change.
CREATE TRIGGER readiness_completed_no_update BEFORE UPDATE ON readiness_assessment
WHEN OLD.status = 'completed'
BEGIN
    SELECT RAISE(ABORT, 'a completed readiness assessment is read-only; copy it to start the next one');
END
;
CREATE TRIGGER readiness_completed_no_delete BEFORE DELETE ON readiness_assessment
WHEN OLD.status = 'completed'
BEGIN
    SELECT RAISE(ABORT, 'a completed readiness assessment cannot be deleted');
END
;
CREATE TRIGGER readiness_score_frozen_insert BEFORE INSERT ON readiness_score
WHEN (SELECT status FROM readiness_assessment WHERE id = NEW.assessment_id) = 'completed'
BEGIN
    SELECT RAISE(ABORT, 'a completed readiness assessment is read-only; copy it to start the next one');
END
;
CREATE TRIGGER readiness_score_frozen_update BEFORE UPDATE ON readiness_score
WHEN (SELECT status FROM readiness_assessment WHERE id = OLD.assessment_id) = 'completed'
BEGIN
    SELECT RAISE(ABORT, 'a completed readiness assessment is read-only; copy it to start the next one');
END
;
CREATE TRIGGER readiness_score_frozen_delete BEFORE DELETE ON readiness_score
WHEN (SELECT status FROM readiness_assessment WHERE id = OLD.assessment_id) = 'completed'
BEGIN
    SELECT RAISE(ABORT, 'a completed readiness assessment is read-only; copy it to start the next one');
END
