package dev.arbiter.core.decision;

import dev.arbiter.core.policy.RiskTier;
/**
 * Why an action got its decision: the {@code reason_code} of the gateway API
 * (shared/design/gateway-api.md). The names are part of the wire contract.
 */
public enum ReasonCode {
    ALLOWED,
    SUPERVISED_ALLOWED,
    PENDING_APPROVAL,
    DENIED_BY_POLICY,
    NOT_ALLOWED,
    NETWORK_NOT_ALLOWED,
    RATE_LIMITED,
    ESCALATION_LIMIT,
    BUDGET_EXCEEDED,
    AUTONOMY_LIMIT,
    AGENT_PAUSED,
    KILL_SWITCH,
    NO_POLICY,
    REVIEWER_APPROVED,
    REVIEWER_DENIED,
    REVIEW_TIMEOUT;

    /** The verdict this code gives: allowed now, pending a person, or denied (the gateway's mapping). */
    public Verdict verdict() {
        return switch (this) {
            case ALLOWED, SUPERVISED_ALLOWED -> Verdict.ALLOW;
            case PENDING_APPROVAL -> Verdict.PENDING;
            default -> Verdict.DENY;
        };
    }

    /** The code an action that the policy allows gets in its tier. */
    public static ReasonCode allowedIn(RiskTier tier) {
        return switch (tier) {
            case AUTONOMOUS -> ALLOWED;
            case SUPERVISED -> SUPERVISED_ALLOWED;
            case GATED -> PENDING_APPROVAL;
        };
    }
}
