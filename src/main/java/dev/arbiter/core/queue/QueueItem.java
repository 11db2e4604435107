package dev.arbiter.core.queue;

import dev.arbiter.core.decision.ReasonCode;
import dev.arbiter.core.policy.RiskTier;
import java.time.Duration;
import java.time.Instant;

/**
 * An action that needs a person: a gated one waits for approval before it
 * runs, a supervised one ran and waits for its review. Immutable; a decision
 * yields a new item.
 *
 * @param dueAt      the approval deadline (gated; past it the action is denied with
 *                   REVIEW_TIMEOUT) or the review due date (supervised, the SLA)
 * @param reason     why the action was escalated, in words (the decision's reason)
 * @param contextJson the context object the agent sent, as JSON text (null when none)
 * @param reasonCode null while pending; then REVIEWER_APPROVED, REVIEWER_DENIED,
 *                   REVIEW_TIMEOUT or KILL_SWITCH
 * @param revision   grows with every change of any item (how other processes catch up)
 */
public record QueueItem(
        String traceId,
        String agentId,
        String sessionId,
        String action,
        String inputSummary,
        String reasoning,
        RiskTier tier,
        Double riskScore,
        Double confidence,
        String reason,
        String policyName,
        Integer policyVersion,
        String contextJson,
        ReviewStatus status,
        Instant createdAt,
        Instant dueAt,
        Instant decidedAt,
        String reviewer,
        String note,
        ReasonCode reasonCode,
        long revision) {

    public QueueItem {
        if (tier == RiskTier.AUTONOMOUS) {
            throw new IllegalArgumentException("autonomous actions are not queued for review");
        }
    }

    public boolean isPending() {
        return status == ReviewStatus.PENDING;
    }

    /** True for a gated action: it has not run and waits for approval. */
    public boolean isGated() {
        return tier == RiskTier.GATED;
    }

    /** A pending item past its due time: a gated one about to time out, a supervised one past its SLA. */
    public boolean isOverdue(Instant now) {
        return isPending() && !now.isBefore(dueAt);
    }

    /** The amount, data classes and reversibility the agent sent in its context. */
    public ActionContext context() {
        return ActionContext.parse(contextJson);
    }

    /** From queued to decided; null while pending. */
    public Duration timeToDecide() {
        return decidedAt == null ? null : Duration.between(createdAt, decidedAt);
    }

    QueueItem decided(ReviewStatus newStatus, ReasonCode code, String by, String withNote, Instant at) {
        return new QueueItem(traceId, agentId, sessionId, action, inputSummary, reasoning, tier, riskScore, confidence,
                reason, policyName, policyVersion, contextJson, newStatus, createdAt, dueAt, at, by, withNote, code,
                revision);
    }

    QueueItem withRevision(long newRevision) {
        return new QueueItem(traceId, agentId, sessionId, action, inputSummary, reasoning, tier, riskScore, confidence,
                reason, policyName, policyVersion, contextJson, status, createdAt, dueAt, decidedAt, reviewer, note,
                reasonCode, newRevision);
    }
}
