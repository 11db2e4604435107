package dev.arbiter.desktop.queue;

import dev.arbiter.core.queue.QueueItem;

/** The queue's tier filter. */
public enum TierChoice {
    ALL("All tiers"),
    GATED("Gated: waiting for approval"),
    SUPERVISED("Supervised: ran, to review");

    private final String label;

    TierChoice(String label) {
        this.label = label;
    }

    boolean admits(QueueItem item) {
        return this == ALL || (this == GATED) == item.isGated();
    }

    @Override
    public String toString() {
        return label;
    }
}
