package dev.arbiter.core.incident;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The EU AI Act classification of an incident (Regulation (EU) 2024/1689). A serious incident is one
 * of Art. 3(49)(a)–(d); Art. 73 sets the latest report date, counted from when the provider (or
 * deployer) became aware: 2 days for a widespread infringement or a serious and irreversible
 * disruption of critical infrastructure (Art. 73(3)), 10 days for the death of a person (Art. 73(4)),
 * 15 days for any other serious incident (Art. 73(2)). An initial, incomplete report may be sent first
 * (Art. 73(5)). An incident not yet assessed shows the shortest clock, so no deadline is missed while
 * nobody has decided.
 */
public enum SeriousIncidentClass {
    UNASSESSED("Not yet assessed", "Art. 73(3), the shortest clock until assessed", 2),
    NOT_SERIOUS("Not a serious incident", "Art. 3(49) does not apply", 0),
    DEATH("Death of a person", "Art. 3(49)(a), Art. 73(4)", 10),
    HEALTH("Serious harm to a person's health", "Art. 3(49)(a), Art. 73(2)", 15),
    CRITICAL_INFRASTRUCTURE("Serious and irreversible disruption of critical infrastructure",
            "Art. 3(49)(b), Art. 73(3)", 2),
    WIDESPREAD_INFRINGEMENT("Widespread infringement (Art. 3(61))", "Art. 73(3)", 2),
    FUNDAMENTAL_RIGHTS("Infringement of Union law protecting fundamental rights", "Art. 3(49)(c), Art. 73(2)", 15),
    PROPERTY_OR_ENVIRONMENT("Serious harm to property or the environment", "Art. 3(49)(d), Art. 73(2)", 15);

    private final String label;
    private final String source;
    private final int days;

    SeriousIncidentClass(String label, String source, int days) {
        this.label = label;
        this.source = source;
        this.days = days;
    }

    public String label() {
        return label;
    }

    /** The articles this class and its clock come from. */
    public String source() {
        return source;
    }

    /** The reporting clock: whole days (24 h each) from awareness; empty when no report is due. */
    public Optional<Duration> clock() {
        return days == 0 ? Optional.empty() : Optional.of(Duration.ofDays(days));
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Reads a class by its key or name in any case ({@code death}, {@code critical-infrastructure}).
     *
     * @throws IllegalArgumentException listing the keys
     */
    public static SeriousIncidentClass parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (SeriousIncidentClass c : values()) {
            if (c.key().equals(t)) {
                return c;
            }
        }
        StringBuilder keys = new StringBuilder();
        for (SeriousIncidentClass c : values()) {
            keys.append(keys.length() == 0 ? "" : ", ").append(c.key());
        }
        throw new IllegalArgumentException("Unknown EU AI Act classification '" + text + "': use one of " + keys);
    }
}
