package dev.arbiter.core.decision;

import dev.arbiter.core.policy.ActionName;
import dev.arbiter.core.policy.RiskTier;
/**
 * What a policy says about one action request: the verdict as a reason code
 * (ALLOWED, SUPERVISED_ALLOWED, PENDING_APPROVAL, or DENIED_BY_POLICY,
 * NOT_ALLOWED, NETWORK_NOT_ALLOWED), the tier the action falls in, its risk
 * score with the factors, and the rule that decided, in words.
 *
 * <p>The tier and score are filled in for denied actions too: the audit log
 * shows how risky a refused action was.
 *
 * @param action the canonical action name that was matched against the policy; null when the
 *               name as sent was refused (then the code is NOT_ALLOWED)
 */
public record Evaluation(ReasonCode code, RiskTier tier, RiskScore risk, String rule, ActionName action) {

    /** True when the policy lets the action go ahead (now, after review, or once approved). */
    public boolean allowed() {
        return code == ReasonCode.ALLOWED || code == ReasonCode.SUPERVISED_ALLOWED
                || code == ReasonCode.PENDING_APPROVAL;
    }

    /** The gateway's {@code decision}: allow, deny or pending. */
    public String decision() {
        if (!allowed()) {
            return "deny";
        }
        return code == ReasonCode.PENDING_APPROVAL ? "pending" : "allow";
    }

    public double riskScore() {
        return risk.score();
    }
}
