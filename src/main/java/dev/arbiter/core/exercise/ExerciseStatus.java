package dev.arbiter.core.exercise;

import java.util.Locale;
import java.util.Optional;

/** Where a tabletop exercise stands: planned → running → ended, one step at a time, never back. */
public enum ExerciseStatus {
    PLANNED, RUNNING, ENDED;

    /** The one status that may follow, empty once ended. */
    public Optional<ExerciseStatus> next() {
        return switch (this) {
            case PLANNED -> Optional.of(RUNNING);
            case RUNNING -> Optional.of(ENDED);
            case ENDED -> Optional.empty();
        };
    }

    public boolean canMoveTo(ExerciseStatus target) {
        return next().filter(target::equals).isPresent();
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
