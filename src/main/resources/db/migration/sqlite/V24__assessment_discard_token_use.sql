-- V24: a draft risk assessment can be discarded and restored (issue #20), and a
-- token's last use is kept.
--
-- Versions are never deleted (V4's assessment_version_no_delete), so a discarded
-- draft is a marker row: the version stays as it was, leaves every list and
-- report, and can be restored by removing the marker. Only a draft can carry one.
CREATE TABLE assessment_discard (
    assessment_id INTEGER NOT NULL,
    version       INTEGER NOT NULL,
    discarded_at  TEXT NOT NULL,
    discarded_by  TEXT NOT NULL,
    PRIMARY KEY (assessment_id, version),
    FOREIGN KEY (assessment_id, version) REFERENCES assessment_version(assessment_id, version)
)
;
CREATE TRIGGER assessment_discard_only_draft BEFORE INSERT ON assessment_discard
WHEN (SELECT status FROM assessment_version
      WHERE assessment_id = NEW.assessment_id AND version = NEW.version) <> 'DRAFT'
BEGIN
    SELECT RAISE(ABORT, 'only a draft can be discarded');
END
;
-- A discarded draft is frozen until it is restored.
CREATE TRIGGER assessment_version_discarded BEFORE UPDATE ON assessment_version
WHEN EXISTS (SELECT 1 FROM assessment_discard d
             WHERE d.assessment_id = OLD.assessment_id AND d.version = OLD.version)
BEGIN
    SELECT RAISE(ABORT, 'this draft is discarded; restore it to change it');
END
;
-- When each token was last presented and accepted. Written in batches (at most
-- once a minute per token, and on close) by every gateway process, never on the
-- request path; the latest time wins.
CREATE TABLE agent_token_use (
    token_id     TEXT PRIMARY KEY REFERENCES agent_token(id),
    last_used_at TEXT NOT NULL
)
;
