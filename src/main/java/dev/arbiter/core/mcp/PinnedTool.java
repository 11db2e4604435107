package dev.arbiter.core.mcp;

import java.time.Instant;

/**
 * A tool Arbiter has seen for an agent: the fingerprint a person accepted
 * (the first one seen counts as accepted) and the one seen last. They differ
 * while a change waits for a person.
 *
 * @param description the description last seen, for showing what changed
 */
public record PinnedTool(String agentId, String tool, String acceptedFingerprint, String seenFingerprint,
                         String acceptedDescription, String description, Instant firstSeen, Instant changedAt) {

    /** True while the tool's description or schema differs from what was accepted. */
    public boolean changed() {
        return !acceptedFingerprint.equals(seenFingerprint);
    }
}
