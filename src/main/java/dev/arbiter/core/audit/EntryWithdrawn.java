package dev.arbiter.core.audit;

/**
 * Thrown by work that rides along with an entry ({@link AuditLedger#appendAsync(AuditEntry,
 * dev.arbiter.core.store.TxWork)}) to withdraw the entry as an expected outcome, not a failure:
 * the work is rolled back, the entry is not written, the rest of the batch is, and the entry's
 * future fails with this exception so that its caller can write another entry instead (a
 * decision that a shared limit turned out to refuse). Carries no stack trace: it is control flow.
 */
public class EntryWithdrawn extends RuntimeException {

    public EntryWithdrawn(String message) {
        super(message, null, false, false);
    }
}
