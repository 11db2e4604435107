package dev.arbiter.core.policy;

import java.time.Instant;

/**
 * A policy in the list: its name, the version in force (null when none has
 * been activated), the newest version, and how many agents run under it.
 */
public record PolicySummary(String name, Integer activeVersion, int latestVersion, int agents, Instant updatedAt) {

    public boolean hasDraft() {
        return activeVersion == null || latestVersion > activeVersion;
    }
}
