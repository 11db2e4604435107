package dev.arbiter.core.queue;

import dev.arbiter.core.audit.AuditDetail;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.decision.ReasonCode;

/**
 * The audit entry of a decided queue item: {@code review.approved}, {@code review.denied} or
 * {@code review.timed_out}, with who decided, their note, how long it took and when it was due.
 */
final class ReviewEntry {

    private ReviewEntry() {
    }

    /** The entry for {@code item}, which must be decided. A person's decision is marked as a human override. */
    static AuditEntry of(QueueItem item) {
        boolean byPerson = item.reasonCode() == ReasonCode.REVIEWER_APPROVED
                || item.reasonCode() == ReasonCode.REVIEWER_DENIED;
        String event = switch (item.reasonCode()) {
            case REVIEWER_APPROVED -> "review.approved";
            case REVIEW_TIMEOUT -> "review.timed_out";
            default -> "review.denied";
        };
        // A denied supervised action already ran: the review flags it, it does not undo it.
        String decision = item.isGated() ? (item.status() == ReviewStatus.APPROVED ? "allow" : "deny") : null;
        return AuditEntry.of(event).traceId(item.traceId()).agentId(item.agentId()).sessionId(item.sessionId())
                .action(item.action()).riskScore(item.riskScore()).tier(item.tier().wireName()).decision(decision)
                .reasonCode(item.reasonCode().name()).actor(item.reviewer()).humanOverride(byPerson)
                .detail(AuditDetail.of("reviewer", item.reviewer(), "note", item.note(),
                        "time_to_decide_ms", item.timeToDecide().toMillis(),
                        "queued_at", item.createdAt().toString(), "due_at", item.dueAt().toString()))
                .build();
    }
}
