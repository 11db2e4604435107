-- V15: signed checkpoints (issue 18). One C2SP tlog-checkpoint signed note per tree size; the size is the
-- key, so two gateways checkpointing the same head collide harmlessly. Rows are never changed or removed.
CREATE TABLE signed_checkpoint (
    tree_size  INTEGER PRIMARY KEY,
    note       TEXT NOT NULL,
    created_at TEXT NOT NULL
)
;
CREATE TRIGGER signed_checkpoint_no_update BEFORE UPDATE ON signed_checkpoint
BEGIN SELECT RAISE(ABORT, 'signed checkpoints are append-only'); END
;
CREATE TRIGGER signed_checkpoint_no_delete BEFORE DELETE ON signed_checkpoint
BEGIN SELECT RAISE(ABORT, 'signed checkpoints are append-only'); END
;
-- Legal holds: while a hold is active (released_at NULL), retention prunes nothing it covers.
-- agent_id NULL: the hold covers seqs from_seq..to_seq of every agent.
CREATE TABLE legal_hold (
    id          INTEGER PRIMARY KEY,
    agent_id    TEXT,
    from_seq    INTEGER NOT NULL,
    to_seq      INTEGER NOT NULL,
    reason      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    released_at TEXT
)
;
