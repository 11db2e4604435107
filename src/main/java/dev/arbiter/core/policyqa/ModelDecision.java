package dev.arbiter.core.policyqa;

import dev.arbiter.core.decision.ReasonCode;
import dev.arbiter.core.decision.Verdict;
import dev.arbiter.core.policy.RiskTier;

/**
 * What the decision model answered: the fields of the gateway's decision that a
 * policy test or a replay compares.
 *
 * @param tier      null when no policy placed the action (kill switch on an unknown agent)
 * @param riskScore null when no policy scored it
 * @param reason    the deciding rule in words
 */
public record ModelDecision(Verdict verdict, ReasonCode reasonCode, RiskTier tier, Double riskScore, String reason) {

    /** True when the agent may go ahead now or once approved. */
    public boolean letsThrough() {
        return verdict != Verdict.DENY;
    }
}
