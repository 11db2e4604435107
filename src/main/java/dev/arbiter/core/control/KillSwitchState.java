package dev.arbiter.core.control;

import java.time.Instant;

/**
 * The kill switch of one scope: every agent ({@link #GLOBAL}) or a single agent.
 * A released switch keeps who released it and why.
 */
public record KillSwitchState(String scope, boolean engaged, String reason, String actor, Instant changedAt) {

    public static final String GLOBAL = "*";

    public boolean isGlobal() {
        return GLOBAL.equals(scope);
    }

    public static KillSwitchState releasedGlobal() {
        return new KillSwitchState(GLOBAL, false, "", "", Instant.EPOCH);
    }
}
