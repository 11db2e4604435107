package dev.arbiter.core.policyqa;

import dev.arbiter.core.decision.Verdict;
import dev.arbiter.core.policy.RiskTier;

/**
 * How a decision would change: the kinds a replay or shadow report counts.
 * "Through" means allowed now or once approved (allow or pending); a
 * deny-to-through change is the one that needs a person's confirmation.
 */
public enum ChangeKind {
    /** Denied before, would now go through (allow or pending): the dangerous direction. */
    DENY_TO_ALLOW,
    /** Went through before, would now be denied. */
    ALLOW_TO_DENY,
    /** Goes through both times, in a stricter tier (more review). */
    TIER_UP,
    /** Goes through both times, in a laxer tier (less review). */
    TIER_DOWN,
    /** Same direction and tier, another reason code (e.g. NOT_ALLOWED became DENIED_BY_POLICY). */
    REASON_CHANGED;

    /** The kind of change from {@code before} to {@code after}; null when nothing a person would see changed. */
    public static ChangeKind of(Verdict beforeVerdict, RiskTier beforeTier, String beforeCode,
                                ModelDecision after) {
        boolean wasThrough = beforeVerdict != Verdict.DENY;
        boolean isThrough = after.verdict() != Verdict.DENY;
        if (!wasThrough && isThrough) {
            return DENY_TO_ALLOW;
        }
        if (wasThrough && !isThrough) {
            return ALLOW_TO_DENY;
        }
        if (wasThrough && beforeTier != null && after.tier() != null && beforeTier != after.tier()) {
            return after.tier().ordinal() > beforeTier.ordinal() ? TIER_UP : TIER_DOWN;
        }
        if (beforeVerdict != after.verdict() || !after.reasonCode().name().equals(beforeCode)) {
            return REASON_CHANGED;
        }
        return null;
    }
}
