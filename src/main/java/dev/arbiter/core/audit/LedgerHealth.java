package dev.arbiter.core.audit;

import java.time.Instant;

/**
 * Whether the audit ledger can be written now (issue 13 §3: {@code /v1/health}
 * says {@code degraded}, and why, while it cannot; every decision is then
 * refused with 503, since none may be given unaudited).
 */
public sealed interface LedgerHealth {

    /** True when entries are being written. */
    boolean writable();

    /** The last write succeeded and the append queue has room. */
    record Writable() implements LedgerHealth {
        @Override
        public boolean writable() {
            return true;
        }
    }

    /**
     * Writing fails, the queue is full, or the ledger is closed, since
     * {@code since}; {@code reason} says which, in words a person can act on.
     */
    record Failing(String reason, Instant since) implements LedgerHealth {
        @Override
        public boolean writable() {
            return false;
        }
    }
}
