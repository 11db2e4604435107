-- V4: risk assessments (the guide's risk assessment template), their versions,
-- risks, sign-offs, accepted exceptions and per-field change history.
CREATE TABLE assessment (
    id         INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
)
;
-- One row per version; only the newest version of an assessment changes, and
-- only while it is a DRAFT (reviews and exceptions are added IN_REVIEW).
CREATE TABLE assessment_version (
    assessment_id    INTEGER NOT NULL REFERENCES assessment(id),
    version          INTEGER NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('DRAFT', 'IN_REVIEW', 'APPROVED', 'REJECTED')),
    system_name      TEXT NOT NULL,
    business_purpose TEXT NOT NULL,
    agent_count      INTEGER NOT NULL,
    agent_ids        TEXT NOT NULL,   -- JSON array of strings
    external_tools   TEXT NOT NULL,   -- JSON array of strings
    owner            TEXT NOT NULL,
    data_classes     TEXT NOT NULL,   -- JSON array of DataClass names
    regulations      TEXT NOT NULL,   -- JSON array of Regulation names
    data_residency   TEXT NOT NULL,
    retention        TEXT NOT NULL,
    review_cadence   TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    created_by       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    updated_by       TEXT NOT NULL,
    submitted_at     TEXT,
    submitted_by     TEXT,
    decided_at       TEXT,
    decided_by       TEXT,
    decision_comment TEXT,
    next_review_date TEXT,
    PRIMARY KEY (assessment_id, version)
)
;
CREATE TABLE assessment_risk (
    assessment_id       INTEGER NOT NULL,
    version             INTEGER NOT NULL,
    position            INTEGER NOT NULL,
    category            TEXT NOT NULL,
    from_guide          INTEGER NOT NULL,
    likelihood          INTEGER CHECK (likelihood BETWEEN 1 AND 5),
    impact              INTEGER CHECK (impact BETWEEN 1 AND 5),
    mitigation          TEXT NOT NULL,
    owner               TEXT NOT NULL,
    residual_likelihood INTEGER CHECK (residual_likelihood BETWEEN 1 AND 5),
    residual_impact     INTEGER CHECK (residual_impact BETWEEN 1 AND 5),
    PRIMARY KEY (assessment_id, version, position),
    FOREIGN KEY (assessment_id, version) REFERENCES assessment_version(assessment_id, version)
)
;
CREATE TABLE assessment_review (
    assessment_id INTEGER NOT NULL,
    version       INTEGER NOT NULL,
    kind          TEXT NOT NULL,
    verdict       TEXT NOT NULL CHECK (verdict IN ('PASS', 'FAIL')),
    reviewer      TEXT NOT NULL,
    reviewed_at   TEXT NOT NULL,
    comment       TEXT NOT NULL,
    recorded_by   TEXT NOT NULL,
    PRIMARY KEY (assessment_id, version, kind),
    FOREIGN KEY (assessment_id, version) REFERENCES assessment_version(assessment_id, version)
)
;
CREATE TABLE assessment_exception (
    assessment_id INTEGER NOT NULL,
    version       INTEGER NOT NULL,
    category      TEXT NOT NULL,
    justification TEXT NOT NULL,
    accepted_by   TEXT NOT NULL,
    accepted_at   TEXT NOT NULL,
    PRIMARY KEY (assessment_id, version, category),
    FOREIGN KEY (assessment_id, version) REFERENCES assessment_version(assessment_id, version)
)
;
CREATE TABLE assessment_change (
    id            INTEGER PRIMARY KEY,
    assessment_id INTEGER NOT NULL,
    version       INTEGER NOT NULL,
    changed_at    TEXT NOT NULL,
    actor         TEXT NOT NULL,
    field         TEXT NOT NULL,
    before_value  TEXT NOT NULL,
    after_value   TEXT NOT NULL,
    FOREIGN KEY (assessment_id, version) REFERENCES assessment_version(assessment_id, version)
)
;
CREATE INDEX assessment_change_version ON assessment_change(assessment_id, version, id)
;
-- A decided version is a record of what was signed: the database itself
-- refuses to change it, whatever code (or hand-written SQL) tries.
CREATE TRIGGER assessment_version_locked BEFORE UPDATE ON assessment_version
WHEN OLD.status IN ('APPROVED', 'REJECTED')
BEGIN
    SELECT RAISE(ABORT, 'this assessment version is decided and locked; start a new version to change it');
END
;
CREATE TRIGGER assessment_version_no_delete BEFORE DELETE ON assessment_version
BEGIN
    SELECT RAISE(ABORT, 'assessment versions are kept as history and cannot be deleted');
END
;
CREATE TRIGGER assessment_risk_locked_insert BEFORE INSERT ON assessment_risk
WHEN (SELECT status FROM assessment_version
      WHERE assessment_id = NEW.assessment_id AND version = NEW.version) <> 'DRAFT'
BEGIN
    SELECT RAISE(ABORT, 'risks can only change while the assessment is a draft');
END
;
CREATE TRIGGER assessment_risk_locked_update BEFORE UPDATE ON assessment_risk
WHEN (SELECT status FROM assessment_version
      WHERE assessment_id = OLD.assessment_id AND version = OLD.version) <> 'DRAFT'
BEGIN
    SELECT RAISE(ABORT, 'risks can only change while the assessment is a draft');
END
;
CREATE TRIGGER assessment_risk_locked_delete BEFORE DELETE ON assessment_risk
WHEN (SELECT status FROM assessment_version
      WHERE assessment_id = OLD.assessment_id AND version = OLD.version) <> 'DRAFT'
BEGIN
    SELECT RAISE(ABORT, 'risks can only change while the assessment is a draft');
END
;
CREATE TRIGGER assessment_review_locked BEFORE DELETE ON assessment_review
WHEN (SELECT status FROM assessment_version
      WHERE assessment_id = OLD.assessment_id AND version = OLD.version) IN ('APPROVED', 'REJECTED')
BEGIN
    SELECT RAISE(ABORT, 'the sign-offs of a decided assessment are kept');
END
;
CREATE TRIGGER assessment_review_locked_update BEFORE UPDATE ON assessment_review
WHEN (SELECT status FROM assessment_version
      WHERE assessment_id = OLD.assessment_id AND version = OLD.version) IN ('APPROVED', 'REJECTED')
BEGIN
    SELECT RAISE(ABORT, 'the sign-offs of a decided assessment are kept');
END
