package dev.arbiter.core.decision;

import dev.arbiter.core.policy.RiskWeights;
/**
 * An action's risk score in [0, 1] (two decimals, as the audit log shows it)
 * and the four factors it came from, each in [0, 1], with the weights used.
 */
public record RiskScore(double score, double reversibility, double financial, double dataSensitivity,
                        double regulatory, RiskWeights weights) {

    /** "reversibility 1.00 x 0.75, financial 0.00 x 0.80, ...", for the test bench and the log. */
    public String explain() {
        return "reversibility " + Decimals.two(reversibility) + " x " + Decimals.two(weights.reversibility())
                + ", financial " + Decimals.two(financial) + " x " + Decimals.two(weights.financial())
                + ", data sensitivity " + Decimals.two(dataSensitivity) + " x " + Decimals.two(weights.dataSensitivity())
                + ", regulatory " + Decimals.two(regulatory) + " x " + Decimals.two(weights.regulatory());
    }
}
