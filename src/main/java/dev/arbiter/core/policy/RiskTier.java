package dev.arbiter.core.policy;

import java.util.Locale;
import java.util.Optional;

/**
 * The guide's three-tier escalation model (Pillar 4): how much human
 * involvement an allowed action needs.
 */
public enum RiskTier {
    /** Low-risk, reversible: no human involvement, post-audit only. */
    AUTONOMOUS,
    /** Medium risk, limited impact: allowed now, asynchronous review within the SLA. */
    SUPERVISED,
    /** High-risk, irreversible: a human approves before the action runs. */
    GATED;

    /** The lowercase name used in YAML, JSON and the ledger. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** One tier up; gated stays gated. */
    public RiskTier escalate() {
        return this == AUTONOMOUS ? SUPERVISED : GATED;
    }

    public boolean isAtLeast(RiskTier other) {
        return compareTo(other) >= 0;
    }

    public static Optional<RiskTier> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (RiskTier tier : values()) {
            if (tier.wireName().equalsIgnoreCase(text.strip())) {
                return Optional.of(tier);
            }
        }
        return Optional.empty();
    }
}
