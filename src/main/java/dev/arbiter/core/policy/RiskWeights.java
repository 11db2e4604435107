package dev.arbiter.core.policy;

/**
 * How much each risk factor of the guide ("reversibility, financial impact,
 * data sensitivity, and regulatory requirements") can add to an action's risk
 * score. A policy may override them under {@code risk_weights}.
 *
 * <p>Factors combine as independent hazards: {@code score = 1 - Π(1 - weight·factor)}.
 * A weight is therefore the score a factor reaches <em>on its own</em> at its
 * maximum, and factors compound without ever passing 1. A weighted average
 * would let a $5,000 irreversible transfer hide behind harmless other factors;
 * this way, with the default thresholds (supervised 0.3, gated 0.7):
 * <ul>
 * <li>reversibility 0.75 — an irreversible action alone (0.75) is gated, as the guide's table says;</li>
 * <li>financial 0.80 — an amount at or above the gated amount alone (0.80) is gated; any smaller
 *     amount (factor 0.5, score 0.40) is supervised ("refund under $100");</li>
 * <li>data sensitivity 0.25 and regulatory exposure 0.20 — touching PII in a reversible action
 *     (0.125 and 0.10, together 0.21) stays autonomous, PHI (0.25 and 0.20, together 0.40) is
 *     supervised, and they push other factors up.</li>
 * </ul>
 */
public record RiskWeights(double reversibility, double financial, double dataSensitivity, double regulatory) {

    public static final RiskWeights DEFAULT = new RiskWeights(0.75, 0.80, 0.25, 0.20);

    public RiskWeights {
        check("reversibility", reversibility);
        check("financial", financial);
        check("data_sensitivity", dataSensitivity);
        check("regulatory", regulatory);
    }

    private static void check(String name, double weight) {
        if (!(weight >= 0 && weight <= 1)) {
            throw new IllegalArgumentException("risk weight " + name + " must be between 0 and 1, not " + weight);
        }
    }
}
