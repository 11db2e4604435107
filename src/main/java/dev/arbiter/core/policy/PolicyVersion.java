package dev.arbiter.core.policy;

import java.time.Instant;

/**
 * One saved, immutable version of a policy: the YAML exactly as it was saved
 * (comments and all), who saved it and when.
 */
public record PolicyVersion(String name, int version, String yaml, String sha256, String author, String note,
                            Instant createdAt) {

    /** The policy this version holds; versions are only stored when valid. */
    public AgentPolicy policy() {
        return PolicyYaml.parse(yaml);
    }

    /** {@code refunds-agent v3}, as messages and the audit log name it. */
    public String label() {
        return name + " v" + version;
    }
}
