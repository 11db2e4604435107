package dev.arbiter.core.readiness;

import java.util.Locale;

/** A draft is edited (and autosaved); a completed assessment is history and never changes. */
public enum AssessmentStatus {
    DRAFT, COMPLETED;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AssessmentStatus fromKey(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }
}
