package dev.arbiter.core.incident;

import java.util.Locale;

/** How bad an incident is, as the team triages it (independent of its EU AI Act classification). */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL;

    /**
     * Reads a severity in any letter case ({@code high}, {@code High}).
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static Severity parse(String text) {
        String t = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        for (Severity s : values()) {
            if (s.name().equals(t)) {
                return s;
            }
        }
        throw new IllegalArgumentException("Unknown severity '" + text + "': use low, medium, high or critical");
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
