package dev.arbiter.core.policy;

import java.util.Locale;
import java.util.Optional;

/** The data classification of the guide's risk assessment template. */
public enum DataClass {
    PII("PII"),
    PHI("PHI"),
    FINANCIAL("Financial"),
    PUBLIC("Public");

    private final String label;

    DataClass(String label) {
        this.label = label;
    }

    /** How the guide writes it, and how YAML and the API spell it. */
    public String label() {
        return label;
    }

    /** Accepts the label in any case ({@code pii}, {@code Financial}). */
    public static Optional<DataClass> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        for (DataClass c : values()) {
            if (c.label.toLowerCase(Locale.ROOT).equals(wanted)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return label;
    }
}
