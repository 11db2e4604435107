package dev.arbiter.core.queue;

import dev.arbiter.core.decision.Decision;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.decision.ReasonCode;
import dev.arbiter.core.decision.Verdict;
import java.time.Duration;

/**
 * Turns a decision into the queue item that waits for a person, and an item (pending or settled) back into
 * the decision its agent is told.
 */
final class QueueDecisions {

    private QueueDecisions() {
    }

    /** The pending item for a supervised or gated {@code decision} made from {@code request}. */
    static QueueItem itemOf(Decision decision, DecisionRequest request) {
        return new QueueItem(decision.traceId(), decision.agentId(), request.sessionId(), decision.action(),
                request.inputSummary(), request.reasoning(), decision.tier(), decision.riskScore(),
                request.confidence(), decision.reason(), decision.policy(), decision.policyVersion(),
                request.contextJson(), ReviewStatus.PENDING, decision.decidedAt(), decision.reviewDue(), null, null,
                null, null, 0);
    }

    /** What the agent is told about {@code item}: still pending, or how and by whom it was settled. */
    static Decision decisionOf(QueueItem item) {
        Verdict verdict;
        ReasonCode code;
        String reason;
        if (item.isPending()) {
            verdict = item.isGated() ? Verdict.PENDING : Verdict.ALLOW;
            code = item.isGated() ? ReasonCode.PENDING_APPROVAL : ReasonCode.SUPERVISED_ALLOWED;
            reason = item.reason();
        } else {
            code = item.reasonCode();
            // a supervised action ran before its review; a denial flags it, it cannot unrun it
            verdict = !item.isGated() || item.status() == ReviewStatus.APPROVED ? Verdict.ALLOW : Verdict.DENY;
            reason = reviewReason(item);
        }
        return new Decision(item.traceId(), item.agentId(), item.sessionId(), item.action(), verdict, item.tier(),
                item.riskScore(), code, reason, item.policyName(), item.policyVersion(), item.createdAt(),
                item.dueAt(), item.reviewer(), item.note());
    }

    private static String reviewReason(QueueItem item) {
        String after = " after " + human(item.timeToDecide());
        String note = item.note() == null ? "" : ": " + item.note();
        return switch (item.reasonCode()) {
            case REVIEWER_APPROVED -> item.action() + " was approved by " + item.reviewer() + after + note;
            case REVIEWER_DENIED -> item.action() + " was denied by " + item.reviewer() + after + note;
            case REVIEW_TIMEOUT -> "no reviewer decided on " + item.action() + " within the approval timeout ("
                    + human(Duration.between(item.createdAt(), item.dueAt())) + "), so it is denied";
            case KILL_SWITCH -> item.action() + " was denied when the kill switch was engaged by " + item.reviewer()
                    + note;
            default -> item.reason();
        };
    }

    private static String human(Duration d) {
        long s = d.getSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s");
        }
        return (s / 3600) + " h" + (s % 3600 / 60 == 0 ? "" : " " + (s % 3600 / 60) + " min");
    }
}
