package dev.arbiter.core.queue;

import dev.arbiter.core.audit.AuditEntry;

/**
 * One of an agent's earlier decisions as a reviewer should read it now: the
 * ledger keeps what the gateway answered at the time ("pending" for an
 * escalated action), the queue keeps what became of it (approved by whom and
 * when, timed out, stopped by a kill switch).
 *
 * @param entry  the decision's audit entry, as written when the agent asked
 * @param review the action's queue item as it stands now when it was escalated
 *               (gated or supervised); null when it was never queued
 */
public record RecentAction(AuditEntry entry, QueueItem review) {

    /** True while a reviewer still has to decide it: only then is "pending" the truth. */
    public boolean isPending() {
        return review != null && review.isPending();
    }
}
