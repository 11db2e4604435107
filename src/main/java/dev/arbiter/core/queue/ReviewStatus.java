package dev.arbiter.core.queue;

import java.util.Locale;

/** Where an escalated action stands with its reviewers. */
public enum ReviewStatus {
    /** Waiting for a person: a gated action has not run yet, a supervised one awaits its review. */
    PENDING,
    /** A reviewer approved it (gated: it may run now; supervised: it was fine). */
    APPROVED,
    /** Denied by a reviewer, by the approval timeout or by the kill switch. */
    DENIED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ReviewStatus fromWire(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
