package dev.arbiter.core.assessment;

import java.time.LocalDate;

/** How often an approved assessment is redone; the guide sets a quarterly governance review. */
public enum ReviewCadence {
    MONTHLY("Monthly", 1),
    QUARTERLY("Quarterly", 3),
    SEMIANNUAL("Every 6 months", 6),
    ANNUAL("Yearly", 12);

    private final String label;
    private final int months;

    ReviewCadence(String label, int months) {
        this.label = label;
        this.months = months;
    }

    public String label() {
        return label;
    }

    public LocalDate nextAfter(LocalDate approvedOn) {
        return approvedOn.plusMonths(months);
    }
}
