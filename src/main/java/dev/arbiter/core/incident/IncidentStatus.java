package dev.arbiter.core.incident;

import java.util.Locale;
import java.util.Optional;

/**
 * Where an incident is in its life: open → contained → resolved → closed, one step at a time and
 * never back (issue 17). A closed incident is locked and no longer freezes its ledger range.
 */
public enum IncidentStatus {
    OPEN, CONTAINED, RESOLVED, CLOSED;

    /** The only status this one may move to; empty for {@link #CLOSED}. */
    public Optional<IncidentStatus> next() {
        return this == CLOSED ? Optional.empty() : Optional.of(values()[ordinal() + 1]);
    }

    /** Whether moving from this status to {@code target} is allowed. */
    public boolean canMoveTo(IncidentStatus target) {
        return next().filter(target::equals).isPresent();
    }

    /** Whether the incident still freezes its evidence and accepts changes. */
    public boolean isActive() {
        return this != CLOSED;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The verb that moves an incident into this status, as the CLI and the desktop name it. */
    public String verb() {
        return switch (this) {
            case OPEN -> "open";
            case CONTAINED -> "contain";
            case RESOLVED -> "resolve";
            case CLOSED -> "close";
        };
    }
}
