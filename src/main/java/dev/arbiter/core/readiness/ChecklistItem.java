package dev.arbiter.core.readiness;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A next step someone has taken on: the roadmap tracker's row. It stays
 * editable after its assessment is completed, since the work happens after.
 */
public record ChecklistItem(long id, long assessmentId, String stepKey, String text, Dimension dimension,
                            Phase phase, String owner, LocalDate dueOn, Instant doneAt, Instant createdAt) {

    public ChecklistItem {
        owner = owner == null ? "" : owner;
    }

    public boolean done() {
        return doneAt != null;
    }

    /** Open and past its due date on {@code today}. */
    public boolean overdue(LocalDate today) {
        return !done() && dueOn != null && dueOn.isBefore(today);
    }

    public ChecklistItem withOwner(String newOwner) {
        return new ChecklistItem(id, assessmentId, stepKey, text, dimension, phase, newOwner, dueOn, doneAt, createdAt);
    }

    public ChecklistItem withDueOn(LocalDate newDue) {
        return new ChecklistItem(id, assessmentId, stepKey, text, dimension, phase, owner, newDue, doneAt, createdAt);
    }
}
