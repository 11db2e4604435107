package dev.arbiter.core.vendor;

import java.util.Locale;
import java.util.Optional;

/** A vendor's risk rating, ordered from low to high; see {@link VendorRisk} for the rule. */
public enum RiskRating {
    LOW, MEDIUM, HIGH;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public RiskRating max(RiskRating other) {
        return other == null || compareTo(other) >= 0 ? this : other;
    }

    public static Optional<RiskRating> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip().toUpperCase(Locale.ROOT);
        for (RiskRating r : values()) {
            if (r.name().equals(t)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
