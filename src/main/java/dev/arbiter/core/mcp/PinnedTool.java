package dev.arbiter.core.mcp;

import java.time.Instant;

/**
 * A tool Arbiter has seen for an agent: the fingerprint a person accepted
 * (the first one seen counts as accepted) and the one seen last. They differ
 * while a change waits for a person.
 *
 * @param description the description last seen, for showing what changed
 * @param acceptedSchema the accepted input schema as canonical JSON text (keys sorted), at most
 *        {@link #MAX_SCHEMA_CHARS} characters; empty when pinned before schemas were kept
 * @param schema the input schema last seen, in the same form
 */
public record PinnedTool(String agentId, String tool, String acceptedFingerprint, String seenFingerprint,
                         String acceptedDescription, String description, String acceptedSchema, String schema,
                         Instant firstSeen, Instant changedAt) {

    /** Longest schema text kept for showing a change (the fingerprint always covers the whole schema). */
    public static final int MAX_SCHEMA_CHARS = 64 * 1024;

    public PinnedTool {
        acceptedSchema = acceptedSchema == null ? "" : acceptedSchema;
        schema = schema == null ? "" : schema;
    }

    /** True while the tool's description or schema differs from what was accepted. */
    public boolean changed() {
        return !acceptedFingerprint.equals(seenFingerprint);
    }
}
