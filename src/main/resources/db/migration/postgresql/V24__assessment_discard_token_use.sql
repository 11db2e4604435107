-- V24 (PostgreSQL): a draft risk assessment can be discarded and restored (issue #20),
-- and a token's last use is kept. See the SQLite file for the rules.
CREATE TABLE assessment_discard (
    assessment_id BIGINT NOT NULL,
    version       INTEGER NOT NULL,
    discarded_at  TEXT NOT NULL,
    discarded_by  TEXT NOT NULL,
    PRIMARY KEY (assessment_id, version),
    FOREIGN KEY (assessment_id, version) REFERENCES assessment_version(assessment_id, version)
);

CREATE FUNCTION assessment_discard_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'assessment_discard' THEN
        IF (SELECT status FROM assessment_version
            WHERE assessment_id = NEW.assessment_id AND version = NEW.version) <> 'DRAFT' THEN
            RAISE EXCEPTION 'only a draft can be discarded';
        END IF;
        RETURN NEW;
    END IF;
    IF EXISTS (SELECT 1 FROM assessment_discard d
               WHERE d.assessment_id = OLD.assessment_id AND d.version = OLD.version) THEN
        RAISE EXCEPTION 'this draft is discarded; restore it to change it';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER assessment_discard_only_draft BEFORE INSERT ON assessment_discard
    FOR EACH ROW EXECUTE FUNCTION assessment_discard_guard();
CREATE TRIGGER assessment_version_discarded BEFORE UPDATE ON assessment_version
    FOR EACH ROW EXECUTE FUNCTION assessment_discard_guard();

CREATE TABLE agent_token_use (
    token_id     TEXT PRIMARY KEY REFERENCES agent_token(id),
    last_used_at TEXT NOT NULL
);

SELECT arbiter_watch('assessment_discard');
SELECT arbiter_watch('agent_token_use');
