package dev.arbiter.core.policy;

import dev.arbiter.core.policy.ActionPattern;
import dev.arbiter.core.policy.DataClass;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A policy's context rules, read by the risk score ({@code risk_context}).
 *
 * @param supervisedAmountUsd amounts below this are small (factor 0.2); from here up to
 *                            {@code gatedAmountUsd} they are medium (0.5). Default 0: every
 *                            amount is at least medium, as the guide's "refund under $100" is supervised.
 * @param gatedAmountUsd      amounts at or above this are large (factor 1); default $1,000 from the
 *                            guide's "financial transactions over $1000"
 * @param irreversibleActions actions that cannot be undone whatever the agent claims
 * @param sensitivity         how sensitive each data class is, 0 to 1
 */
public record RiskContext(double supervisedAmountUsd, double gatedAmountUsd, List<ActionPattern> irreversibleActions,
                          Map<DataClass, Double> sensitivity) {

    /** Public 0, PII 0.5, Financial 0.8, PHI 1: health data is the most protected class. */
    public static final Map<DataClass, Double> DEFAULT_SENSITIVITY = Map.of(
            DataClass.PUBLIC, 0.0, DataClass.PII, 0.5, DataClass.FINANCIAL, 0.8, DataClass.PHI, 1.0);

    public static final RiskContext DEFAULT = new RiskContext(0, 1000, List.of(), DEFAULT_SENSITIVITY);

    public RiskContext {
        irreversibleActions = List.copyOf(irreversibleActions);
        EnumMap<DataClass, Double> all = new EnumMap<>(DEFAULT_SENSITIVITY);
        all.putAll(sensitivity);
        sensitivity = Map.copyOf(all);
        if (supervisedAmountUsd < 0 || gatedAmountUsd < supervisedAmountUsd) {
            throw new IllegalArgumentException("amount thresholds need 0 <= supervised <= gated");
        }
    }

    public double sensitivityOf(DataClass dataClass) {
        return sensitivity.get(dataClass);
    }
}
