-- V9: retention that cannot be imitated from outside its own transaction.
-- A checkpoint now names the audit.pruned entry that records it and the
-- SHA-256 of its archive; the triggers below only let a checkpoint, a permit
-- and a deletion through when they agree with that entry, which must be the
-- newest one (retention writes it first, in the same transaction). Verify
-- re-checks all of it against the archive files (ChainVerifier).
ALTER TABLE audit_checkpoint ADD COLUMN archive_sha256 TEXT
;
ALTER TABLE audit_checkpoint ADD COLUMN pruned_seq INTEGER
;
DROP TRIGGER audit_entry_no_delete
;
DROP TABLE audit_prune_permit
;
-- Lives for the length of one retention transaction; cutoff is the instant
-- (AuditTime format) before which every deleted entry must have been written.
CREATE TABLE audit_prune_permit (
    checkpoint_id INTEGER NOT NULL,
    up_to_seq     INTEGER NOT NULL,
    pruned_seq    INTEGER NOT NULL,
    cutoff        TEXT NOT NULL
)
;
CREATE TRIGGER audit_checkpoint_agrees BEFORE INSERT ON audit_checkpoint
WHEN NEW.pruned_seq IS NULL
  OR NEW.archive_sha256 IS NULL OR length(NEW.archive_sha256) <> 64
  OR NEW.pruned_seq <> (SELECT MAX(seq) FROM audit_entry)
  OR NEW.first_seq <= COALESCE((SELECT MAX(first_seq) FROM audit_checkpoint), 1)
  OR NEW.first_seq > NEW.pruned_seq
  OR NOT EXISTS (SELECT 1 FROM audit_entry WHERE seq = NEW.first_seq - 1 AND hash = NEW.prev_hash)
  OR NOT EXISTS (SELECT 1 FROM audit_entry WHERE seq = NEW.pruned_seq
      AND json_extract(body, '$.event') = 'audit.pruned'
      AND json_extract(json_extract(body, '$.detail'), '$.up_to_seq') = NEW.first_seq - 1
      AND json_extract(json_extract(body, '$.detail'), '$.link_hash') = NEW.prev_hash
      AND json_extract(json_extract(body, '$.detail'), '$.archive_sha256') = NEW.archive_sha256
      AND json_extract(json_extract(body, '$.detail'), '$.archive') = NEW.archive_file)
BEGIN
    SELECT RAISE(ABORT, 'a retention checkpoint must match the audit.pruned entry written just before it');
END
;
CREATE TRIGGER audit_checkpoint_no_update BEFORE UPDATE ON audit_checkpoint
BEGIN
    SELECT RAISE(ABORT, 'retention checkpoints cannot be changed');
END
;
CREATE TRIGGER audit_checkpoint_no_delete BEFORE DELETE ON audit_checkpoint
BEGIN
    SELECT RAISE(ABORT, 'retention checkpoints cannot be removed');
END
;
CREATE TRIGGER audit_prune_permit_agrees BEFORE INSERT ON audit_prune_permit
WHEN EXISTS (SELECT 1 FROM audit_prune_permit)
  OR NEW.pruned_seq <> (SELECT MAX(seq) FROM audit_entry)
  OR NEW.checkpoint_id <> (SELECT MAX(id) FROM audit_checkpoint)
  OR NOT EXISTS (SELECT 1 FROM audit_checkpoint WHERE id = NEW.checkpoint_id
      AND first_seq = NEW.up_to_seq + 1 AND pruned_seq = NEW.pruned_seq)
  OR NOT EXISTS (SELECT 1 FROM audit_entry WHERE seq = NEW.pruned_seq
      AND json_extract(json_extract(body, '$.detail'), '$.cutoff') = NEW.cutoff
      AND NEW.cutoff <= strftime('%Y-%m-%dT%H:%M:%fZ', json_extract(body, '$.timestamp'), '-1 years'))
BEGIN
    SELECT RAISE(ABORT, 'a prune permit is only issued by retention, for the range its checkpoint covers');
END
;
CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
WHEN NOT EXISTS (SELECT 1 FROM audit_prune_permit
    WHERE OLD.seq <= up_to_seq AND json_extract(OLD.body, '$.timestamp') < cutoff)
BEGIN
    SELECT RAISE(ABORT, 'the audit ledger is append-only: entries cannot be deleted');
END
