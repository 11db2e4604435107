package dev.arbiter.core.decision;

import dev.arbiter.core.policy.ActionName;
import dev.arbiter.core.policy.RiskContext;
import dev.arbiter.core.policy.RiskWeights;
import dev.arbiter.core.policy.AgentPolicy;
import dev.arbiter.core.policy.DataClass;

/**
 * The guide's risk scoring: "assign a risk score to each action based on
 * reversibility, financial impact, data sensitivity, and regulatory
 * requirements." Each factor is a number from 0 to 1, read from the request
 * and the policy's {@code risk_context}; the factors combine as described in
 * {@link RiskWeights}. Pure and allocation-light: the gateway calls it on every
 * request.
 */
public final class RiskScorer {

    /**
     * Reversibility when the agent does not say and the policy does not list the
     * action: a little risk, so an unknown side effect never scores as nothing,
     * yet a templated email (the guide's autonomous example) stays autonomous.
     */
    static final double UNKNOWN_REVERSIBILITY = 0.1;
    /** Amount factor below the policy's supervised amount, between the two amounts, and at or above the gated one. */
    static final double SMALL_AMOUNT = 0.2;
    static final double MEDIUM_AMOUNT = 0.5;

    /** Scores {@code request}, reading its action name first (see {@link ActionName}). */
    public RiskScore score(AgentPolicy policy, ActionRequest request) {
        return score(policy, request, ActionName.read(request.action()) instanceof ActionName.Canonical c
                ? c.name() : null);
    }

    /**
     * Scores {@code request}; {@code action} is its canonical name, or null when the name was
     * refused (then the action counts as irreversible: nothing is known about what it does).
     */
    public RiskScore score(AgentPolicy policy, ActionRequest request, ActionName action) {
        RiskContext context = policy.riskContext();
        double reversibility = reversibility(policy, request, action);
        double financial = financial(context, request.amountUsd());
        double data = 0;
        double regulatory = 0;
        for (DataClass dataClass : request.dataClasses()) {
            data = Math.max(data, context.sensitivityOf(dataClass));
            regulatory = Math.max(regulatory, regulatoryExposure(dataClass));
        }
        RiskWeights w = policy.riskWeights();
        double safe = (1 - w.reversibility() * reversibility) * (1 - w.financial() * financial)
                * (1 - w.dataSensitivity() * data) * (1 - w.regulatory() * regulatory);
        return new RiskScore(Decimals.round2(1 - safe), reversibility, financial, data, regulatory, w);
    }

    /**
     * 1 when the policy lists the action as irreversible (the agent cannot argue
     * it down) or the agent says it is; 0 when the agent says it is reversible or
     * the verb only reads; otherwise {@link #UNKNOWN_REVERSIBILITY}.
     */
    static double reversibility(AgentPolicy policy, ActionRequest request, ActionName action) {
        if (action == null || policy.irreversibleBy(action) != null || Boolean.FALSE.equals(request.reversible())) {
            return 1;
        }
        if (Boolean.TRUE.equals(request.reversible()) || readsOnly(action.text())) {
            return 0;
        }
        return UNKNOWN_REVERSIBILITY;
    }

    static double financial(RiskContext context, Double amountUsd) {
        if (amountUsd == null || !(amountUsd > 0)) {
            return 0;
        }
        if (amountUsd >= context.gatedAmountUsd()) {
            return 1;
        }
        return amountUsd >= context.supervisedAmountUsd() ? MEDIUM_AMOUNT : SMALL_AMOUNT;
    }

    /**
     * How strictly regulated a data class is: PHI (HIPAA) and Financial
     * (PCI-DSS, FINRA) fully, PII (GDPR, CCPA) half, Public not at all.
     */
    static double regulatoryExposure(DataClass dataClass) {
        return switch (dataClass) {
            case PHI, FINANCIAL -> 1.0;
            case PII -> 0.5;
            case PUBLIC -> 0.0;
        };
    }

    /** Verbs that change nothing, so an unknown reversibility is no risk. */
    private static boolean readsOnly(String action) {
        int colon = action.indexOf(':');
        if (colon < 0) {
            return false;
        }
        return verbIs(action, colon, "read") || verbIs(action, colon, "get") || verbIs(action, colon, "list")
                || verbIs(action, colon, "view") || verbIs(action, colon, "search") || verbIs(action, colon, "lookup");
    }

    private static boolean verbIs(String action, int colon, String verb) {
        return colon == verb.length() && action.startsWith(verb);
    }
}
