package dev.arbiter.core.policy;

/**
 * Where the risk score crosses into a higher tier: a score at or above
 * {@code supervised} needs async review, at or above {@code gated} needs
 * approval first. A policy may override them under {@code risk_thresholds}.
 */
public record RiskThresholds(double supervised, double gated) {

    public static final RiskThresholds DEFAULT = new RiskThresholds(0.30, 0.70);

    public RiskThresholds {
        if (!(supervised >= 0 && supervised <= gated && gated <= 1)) {
            throw new IllegalArgumentException("risk thresholds need 0 <= supervised <= gated <= 1, not "
                    + supervised + " and " + gated);
        }
    }

    public RiskTier tierFor(double score) {
        return score >= gated ? RiskTier.GATED : score >= supervised ? RiskTier.SUPERVISED : RiskTier.AUTONOMOUS;
    }
}
