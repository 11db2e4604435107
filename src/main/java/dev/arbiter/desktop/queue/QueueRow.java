package dev.arbiter.desktop.queue;

import dev.arbiter.core.queue.QueueItem;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;

/**
 * One line of the queue table: the pending item and what the table shows of
 * it that takes work to derive (the amount sits in the context JSON, parsed
 * once here rather than on every repaint).
 */
public record QueueRow(QueueItem item, Double amountUsd) {

    /**
     * Most urgent first: gated actions (an agent is blocked on each) before
     * supervised ones, then whichever is due soonest.
     */
    public static final Comparator<QueueRow> URGENCY = Comparator
            .comparing((QueueRow r) -> !r.item().isGated())
            .thenComparing(r -> r.item().dueAt())
            .thenComparing(r -> r.item().createdAt())
            .thenComparing(r -> r.item().traceId());

    static QueueRow of(QueueItem item) {
        return new QueueRow(item, item.context().amountUsd());
    }

    public String traceId() {
        return item.traceId();
    }

    public Duration age(Instant now) {
        return Duration.between(item.createdAt(), now);
    }

    /** Until the approval timeout (gated) or the review SLA (supervised); negative once past it. */
    public Duration timeLeft(Instant now) {
        return Duration.between(now, item.dueAt());
    }
}
