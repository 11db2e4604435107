package dev.arbiter.core.decision;

import dev.arbiter.core.audit.EntryWithdrawn;

/**
 * The outcome of an action that already has one: an action runs once, so its outcome is recorded once (a repeat
 * would charge the budget again and grow the trace without bound). The gateway answers {@code 409}.
 */
public final class OutcomeAlreadyRecorded extends EntryWithdrawn {

    OutcomeAlreadyRecorded(String traceId) {
        super("the outcome of " + traceId + " is already recorded; an action has one outcome");
    }
}
