-- V19: personal data kept beside the ledger so that it can be erased (issue 18, GDPR Art. 17).
-- An entry written for a data subject holds in its hashed body only a commitment
-- SHA-256(salt || value) per personal field; the value and salt live here. Erasing the
-- rows leaves every hash intact. Retention pruning an entry takes its rows with it.
CREATE TABLE audit_personal (
    seq        INTEGER NOT NULL REFERENCES audit_entry(seq) ON DELETE CASCADE,
    field      TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    salt       TEXT NOT NULL,
    value      TEXT NOT NULL,
    PRIMARY KEY (seq, field)
)
;
CREATE INDEX audit_personal_subject ON audit_personal(subject_id)
;
