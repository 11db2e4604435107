package dev.arbiter.core.readiness;

import java.util.Locale;

/** The three windows of the guide's 90-day implementation roadmap. */
public enum Phase {
    DAYS_1_30("Days 1–30", "Foundation", 30),
    DAYS_31_60("Days 31–60", "Controls", 60),
    DAYS_61_90("Days 61–90", "Optimization", 90);

    private final String window;
    private final String theme;
    private final int endDay;

    Phase(String window, String theme, int endDay) {
        this.window = window;
        this.theme = theme;
        this.endDay = endDay;
    }

    /** Days after the assessment by which the phase should be done: the default due date of its steps. */
    public int endDay() {
        return endDay;
    }

    /** "Days 1–30 · Foundation". */
    public String label() {
        return window + " · " + theme;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Phase fromKey(String key) {
        for (Phase p : values()) {
            if (p.key().equals(key)) {
                return p;
            }
        }
        throw new IllegalArgumentException("Unknown roadmap phase '" + key + "'");
    }
}
