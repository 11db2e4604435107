package dev.arbiter.core.shadow;

import java.time.Instant;

/**
 * One agent's policy version in shadow (issue 19): evaluated beside the version in force on every
 * request of the agent and recorded in the decision's audit entry, never enforced.
 *
 * @param policy    the shadow policy's name (need not be the policy the agent runs under)
 * @param version   the shadow version, 1 or more
 * @param startedBy who put it in shadow (a person or {@code cli:user})
 */
public record ShadowAssignment(String agentId, String policy, int version, Instant startedAt, String startedBy) {

    /** {@code customer-support-agent v3}, as decisions and reports cite it. */
    public String label() {
        return policy + " v" + version;
    }
}
