package dev.arbiter.desktop.assessment;

import dev.arbiter.core.assessment.Rating;

/**
 * One marker on the heat map: risk number {@code number} (its row in the risk
 * table) at its inherent or its residual rating.
 */
public record HeatMapPoint(int number, String category, Rating rating, boolean residual) {

    /** "Risk 2, Unauthorized actions: residual 3 × 4 = 12 (High)". */
    public String describe() {
        return "Risk " + number + ", " + category + ": " + (residual ? "residual " : "inherent ")
                + rating.describe() + " (" + rating.band().label() + ")";
    }
}
