-- V27 (issue 18): witness cosigning and the team's signing-key set.
-- Witness side: the logs this workspace witnesses, each with the newest checkpoint it cosigned
-- (C2SP tlog-witness: a witness keeps, per origin, only its latest cosigned size and root). The size
-- only grows; tree_size 0 means followed but never cosigned.
CREATE TABLE witness_log (
    origin     TEXT PRIMARY KEY,
    tree_size  INTEGER NOT NULL,
    root       TEXT,                            -- base64, NULL while tree_size is 0
    checkpoint TEXT,                            -- the newest cosigned note, with this witness's line
    updated_at TEXT NOT NULL
)
;
CREATE TRIGGER witness_log_never_shrinks BEFORE UPDATE ON witness_log
WHEN NEW.tree_size < OLD.tree_size OR NEW.origin <> OLD.origin
BEGIN SELECT RAISE(ABORT, 'a witnessed log only grows'); END
;
CREATE TRIGGER witness_log_no_delete BEFORE DELETE ON witness_log
BEGIN SELECT RAISE(ABORT, 'a witnessed log is never forgotten'); END
;
-- The log keys a witness trusts per origin (signed-note verifier keys name+id+base64).
CREATE TABLE witness_log_key (
    origin       TEXT NOT NULL,
    verifier_key TEXT NOT NULL,
    added_at     TEXT NOT NULL,
    PRIMARY KEY (origin, verifier_key)
)
;
-- What a witness refused as a sign of a rewritten, forked or rolled-back log, with the evidence.
CREATE TABLE witness_alarm (
    id          INTEGER PRIMARY KEY,
    origin      TEXT NOT NULL,
    detected_at TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('forked', 'inconsistent', 'rolled_back')),
    message     TEXT NOT NULL,
    cosigned    TEXT,                           -- the witness's newest cosigned note at the time
    offered     TEXT NOT NULL                   -- the request it refused, as received
)
;
CREATE TRIGGER witness_alarm_no_update BEFORE UPDATE ON witness_alarm
BEGIN SELECT RAISE(ABORT, 'witness alarms are append-only'); END
;
CREATE TRIGGER witness_alarm_no_delete BEFORE DELETE ON witness_alarm
BEGIN SELECT RAISE(ABORT, 'witness alarms are append-only'); END
;
-- Log side: cosignature lines witnesses returned, per signed checkpoint (tree size).
CREATE TABLE checkpoint_cosignature (
    tree_size   INTEGER NOT NULL,
    line        TEXT NOT NULL,                  -- the signed-note line "— name base64(id || time || sig)"
    witness     TEXT NOT NULL,                  -- the cosigner's verifier key
    imported_at TEXT NOT NULL,
    PRIMARY KEY (tree_size, line)
)
;
CREATE TRIGGER checkpoint_cosignature_no_update BEFORE UPDATE ON checkpoint_cosignature
BEGIN SELECT RAISE(ABORT, 'cosignatures are append-only'); END
;
CREATE TRIGGER checkpoint_cosignature_no_delete BEFORE DELETE ON checkpoint_cosignature
BEGIN SELECT RAISE(ABORT, 'cosignatures are append-only'); END
;
-- The workspace's signing-key set: in a team each host signs checkpoints with its own key, and
-- publishes its public half here on first use (also recorded in the ledger as audit.signing_key).
CREATE TABLE audit_signing_key (
    verifier_key TEXT PRIMARY KEY,
    key_id       TEXT NOT NULL,                 -- 8 hex digits, as in the signature lines
    host         TEXT NOT NULL,
    first_used   TEXT NOT NULL
)
;
CREATE TRIGGER audit_signing_key_no_update BEFORE UPDATE ON audit_signing_key
BEGIN SELECT RAISE(ABORT, 'the signing-key set is append-only'); END
;
CREATE TRIGGER audit_signing_key_no_delete BEFORE DELETE ON audit_signing_key
BEGIN SELECT RAISE(ABORT, 'the signing-key set is append-only'); END
;
