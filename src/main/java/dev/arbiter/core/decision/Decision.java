package dev.arbiter.core.decision;

import dev.arbiter.core.policy.RiskTier;
import java.time.Instant;

/**
 * What Arbiter answered an agent about one action, as it stands now (a pending
 * action becomes allowed or denied once reviewed). The fields of the gateway's
 * decision response.
 *
 * @param tier       the tier the action fell in; null when there was no policy to place it
 * @param riskScore  null when there was no policy to score it against
 * @param reason     the rule that decided, in words
 * @param reviewDue  supervised: when its review is due (the SLA); gated and pending: when it times out
 * @param reviewer   who decided a queued action (a person, or {@code arbiter} for a timeout); else null
 */
public record Decision(
        String traceId,
        String agentId,
        String sessionId,
        String action,
        Verdict verdict,
        RiskTier tier,
        Double riskScore,
        ReasonCode reasonCode,
        String reason,
        String policy,
        Integer policyVersion,
        Instant decidedAt,
        Instant reviewDue,
        String reviewer,
        String reviewNote) {

    /** True when the action was allowed to run (now or once approved): an outcome may be reported. */
    public boolean wasAllowed() {
        return verdict == Verdict.ALLOW;
    }

    public boolean isPending() {
        return verdict == Verdict.PENDING;
    }
}
