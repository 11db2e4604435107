package dev.arbiter.core.audit;

/**
 * The ledger could not durably record an entry (disk full, file locked, I/O
 * error). Callers must fail closed: no unaudited allow, no silent state change.
 */
public class LedgerUnavailableException extends RuntimeException {
    public LedgerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
