package dev.arbiter.core.queue;

import java.time.Duration;

/**
 * A person approved or denied a gated action at or after its approval
 * deadline ({@code review_due}). The guide's Pillar 4 approval has a
 * lifetime: the action was denied with REVIEW_TIMEOUT instead, and that is
 * what its agent is told, whichever face (CLI, desktop, a future one) tried.
 */
public final class ApprovalExpiredException extends RuntimeException {

    private final transient QueueItem item;

    /** @param item the item as decided: denied, REVIEW_TIMEOUT */
    public ApprovalExpiredException(QueueItem item) {
        super(item.traceId() + " (" + item.action() + " of " + item.agentId() + ") timed out at " + item.dueAt()
                + ", " + human(Duration.between(item.createdAt(), item.dueAt()))
                + " after it was queued (the policy's approval timeout), and was denied; nothing was approved or "
                + "changed — the agent has to ask again");
        this.item = item;
    }

    /** The item as it stands: denied with REVIEW_TIMEOUT. */
    public QueueItem item() {
        return item;
    }

    private static String human(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 120) {
            return s + " s";
        }
        if (s < 7200) {
            return (s / 60) + " min";
        }
        return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }
}
