package dev.arbiter.core.readiness;

import java.util.Locale;

/** The six rows of the guide's decision matrix, in the guide's order. */
public enum Dimension {
    SECURITY_INFRASTRUCTURE("Security Infrastructure"),
    COMPLIANCE_FRAMEWORK("Compliance Framework"),
    OBSERVABILITY("Observability"),
    HUMAN_OVERSIGHT("Human Oversight"),
    VENDOR_MANAGEMENT("Vendor Management"),
    INCIDENT_RESPONSE("Incident Response");

    private final String title;

    Dimension(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /** The stable name stored in the database and the guide data, e.g. {@code human_oversight}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Dimension fromKey(String key) {
        for (Dimension d : values()) {
            if (d.key().equals(key)) {
                return d;
            }
        }
        throw new IllegalArgumentException("Unknown readiness dimension '" + key + "'");
    }
}
