package dev.arbiter.core.agent;

import java.util.Locale;
import java.util.Set;

/**
 * Where a model change request stands: requested → approved or rejected; approved → applied (the
 * agent's model changes) or rejected (withdrawn before it was applied). Rejected and applied are final.
 */
public enum ModelChangeStatus {
    REQUESTED, APPROVED, REJECTED, APPLIED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The statuses this one may move to next. */
    public Set<ModelChangeStatus> next() {
        return switch (this) {
            case REQUESTED -> Set.of(APPROVED, REJECTED);
            case APPROVED -> Set.of(APPLIED, REJECTED);
            case REJECTED, APPLIED -> Set.of();
        };
    }

    public boolean canMoveTo(ModelChangeStatus target) {
        return next().contains(target);
    }

    /** Still waiting for a decision or for being applied. */
    public boolean isOpen() {
        return this == REQUESTED || this == APPROVED;
    }
}
