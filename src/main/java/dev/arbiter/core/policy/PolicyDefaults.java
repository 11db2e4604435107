package dev.arbiter.core.policy;

import java.time.Duration;

/** The values Arbiter uses when a policy leaves out one of its optional fields. */
public final class PolicyDefaults {

    /** Below this the agent's own confidence counts as low (the guide's "confidence thresholds"). */
    public static final double CONFIDENCE_THRESHOLD = 0.70;
    /** How long a gated action waits for a reviewer before it is denied. */
    public static final Duration APPROVAL_TIMEOUT = Duration.ofMinutes(15);
    /** The guide's "async review within 24h" for supervised actions. */
    public static final Duration REVIEW_SLA = Duration.ofHours(24);

    private PolicyDefaults() {
    }
}
