package dev.arbiter.core.decision;

import dev.arbiter.core.audit.EntryWithdrawn;

/**
 * A shared counter refused a decision inside the ledger writer's transaction:
 * the tentative answer (allow, or queue for a person) is withdrawn before it
 * is written, and the engine writes this denial instead.
 */
final class CounterRefusal extends EntryWithdrawn {

    private final ReasonCode code;

    CounterRefusal(ReasonCode code, String reason) {
        super(reason);
        this.code = code;
    }

    ReasonCode code() {
        return code;
    }
}
