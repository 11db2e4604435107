-- V9 (PostgreSQL): retention that cannot be imitated from outside its own transaction.
-- Same columns and rules as sqlite/V9; see that file for why. A trigger's WHEN may not hold a
-- subquery here, so each rule is a PL/pgSQL function that checks step by step. Timestamps are
-- AuditTime text (yyyy-MM-ddTHH:mm:ss.SSSZ) and are compared byte-wise (COLLATE "C"), as SQLite does.
ALTER TABLE audit_checkpoint ADD COLUMN archive_sha256 TEXT;
ALTER TABLE audit_checkpoint ADD COLUMN pruned_seq BIGINT;

DROP TRIGGER audit_entry_no_delete ON audit_entry;
DROP FUNCTION audit_entry_guard_delete();
DROP TABLE audit_prune_permit;

-- Lives for the length of one retention transaction; cutoff is the instant
-- (AuditTime format) before which every deleted entry must have been written.
CREATE TABLE audit_prune_permit (
    checkpoint_id BIGINT NOT NULL,
    up_to_seq     BIGINT NOT NULL,
    pruned_seq    BIGINT NOT NULL,
    cutoff        TEXT NOT NULL
);

-- The detail of the newest entry when it is an audit.pruned record, else NULL.
-- (The body's detail is a JSON document held as a string.)
CREATE FUNCTION audit_pruned_detail(entry_seq BIGINT) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
    entry_body TEXT;
BEGIN
    IF entry_seq IS NULL OR entry_seq IS DISTINCT FROM (SELECT MAX(seq) FROM audit_entry) THEN
        RETURN NULL;
    END IF;
    SELECT body INTO entry_body FROM audit_entry WHERE seq = entry_seq;
    IF entry_body IS NULL OR (entry_body::jsonb ->> 'event') IS DISTINCT FROM 'audit.pruned' THEN
        RETURN NULL;
    END IF;
    RETURN (entry_body::jsonb ->> 'detail')::jsonb;
EXCEPTION WHEN invalid_text_representation THEN
    RETURN NULL;
END
$$;

CREATE FUNCTION audit_checkpoint_guard_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    detail jsonb;
BEGIN
    detail := audit_pruned_detail(NEW.pruned_seq);
    IF NEW.pruned_seq IS NULL
       OR NEW.archive_sha256 IS NULL OR length(NEW.archive_sha256) <> 64
       OR NEW.first_seq <= COALESCE((SELECT MAX(first_seq) FROM audit_checkpoint), 1)
       OR NEW.first_seq > NEW.pruned_seq
       OR NOT EXISTS (SELECT 1 FROM audit_entry WHERE seq = NEW.first_seq - 1 AND hash = NEW.prev_hash)
       OR detail IS NULL
       OR (detail ->> 'up_to_seq') IS DISTINCT FROM (NEW.first_seq - 1)::text
       OR (detail ->> 'link_hash') IS DISTINCT FROM NEW.prev_hash
       OR (detail ->> 'archive_sha256') IS DISTINCT FROM NEW.archive_sha256
       OR (detail ->> 'archive') IS DISTINCT FROM NEW.archive_file THEN
        RAISE EXCEPTION 'a retention checkpoint must match the audit.pruned entry written just before it';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER audit_checkpoint_agrees BEFORE INSERT ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION audit_checkpoint_guard_insert();

CREATE TRIGGER audit_checkpoint_no_update BEFORE UPDATE ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION arbiter_refuse('retention checkpoints cannot be changed');

CREATE TRIGGER audit_checkpoint_no_delete BEFORE DELETE ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION arbiter_refuse('retention checkpoints cannot be removed');

-- TRUNCATE skips row triggers (SQLite has none).
CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION arbiter_refuse('retention checkpoints cannot be removed');

CREATE FUNCTION audit_prune_permit_guard_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    detail jsonb;
    pruned_at TEXT;
BEGIN
    detail := audit_pruned_detail(NEW.pruned_seq);
    IF detail IS NOT NULL THEN
        SELECT timestamp INTO pruned_at FROM audit_entry WHERE seq = NEW.pruned_seq;
    END IF;
    IF EXISTS (SELECT 1 FROM audit_prune_permit)
       OR NEW.checkpoint_id IS DISTINCT FROM (SELECT MAX(id) FROM audit_checkpoint)
       OR NOT EXISTS (SELECT 1 FROM audit_checkpoint WHERE id = NEW.checkpoint_id
           AND first_seq = NEW.up_to_seq + 1 AND pruned_seq = NEW.pruned_seq)
       OR detail IS NULL OR pruned_at IS NULL
       OR (detail ->> 'cutoff') IS DISTINCT FROM NEW.cutoff
       OR NEW.cutoff COLLATE "C" > to_char((pruned_at::timestamptz AT TIME ZONE 'UTC') - interval '1 year',
                                           'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') COLLATE "C" THEN
        RAISE EXCEPTION 'a prune permit is only issued by retention, for the range its checkpoint covers';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER audit_prune_permit_agrees BEFORE INSERT ON audit_prune_permit
    FOR EACH ROW EXECUTE FUNCTION audit_prune_permit_guard_insert();

CREATE FUNCTION audit_entry_guard_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM audit_prune_permit
            WHERE OLD.seq <= up_to_seq AND OLD.timestamp COLLATE "C" < cutoff COLLATE "C") THEN
        RAISE EXCEPTION 'the audit ledger is append-only: entries cannot be deleted';
    END IF;
    RETURN OLD;
END
$$;

CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_guard_delete();
