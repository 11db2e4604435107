package dev.arbiter.core.assessment;

/**
 * Where a likelihood x impact score falls. The products of two 1-5 scales are
 * 1-6, 8-10, 12, 15, 16, 20 and 25, so the bands below leave no gaps:
 * <ul>
 *   <li>LOW 1-4: accept and monitor;</li>
 *   <li>MEDIUM 5-9: mitigate, owner named;</li>
 *   <li>HIGH 10-16: mitigate before deployment, or an accepted exception;</li>
 *   <li>CRITICAL 20-25: a likely and severe outcome (4x5, 5x4, 5x5).</li>
 * </ul>
 * The boundaries follow the common 5x5 matrix of ISO 31000-style registers.
 */
public enum RiskBand {
    LOW("Low", 1, 4),
    MEDIUM("Medium", 5, 9),
    HIGH("High", 10, 16),
    CRITICAL("Critical", 20, 25);

    private final String label;
    private final int lowest;
    private final int highest;

    RiskBand(String label, int lowest, int highest) {
        this.label = label;
        this.lowest = lowest;
        this.highest = highest;
    }

    public String label() {
        return label;
    }

    public int lowest() {
        return lowest;
    }

    public int highest() {
        return highest;
    }

    /** "Medium (5-9)". */
    public String describe() {
        return label + " (" + lowest + "\u2013" + highest + ")";
    }

    public static RiskBand of(int score) {
        if (score < 1 || score > 25) {
            throw new IllegalArgumentException("a risk score is between 1 and 25, not " + score);
        }
        if (score <= LOW.highest) {
            return LOW;
        }
        if (score <= MEDIUM.highest) {
            return MEDIUM;
        }
        return score <= HIGH.highest ? HIGH : CRITICAL;
    }

    public boolean isAbove(RiskBand other) {
        return compareTo(other) > 0;
    }

    /** Accepts the enum name or the label, any case ("high", "High", "HIGH"). */
    public static RiskBand parse(String text) {
        for (RiskBand band : values()) {
            if (band.name().equalsIgnoreCase(text.strip()) || band.label.equalsIgnoreCase(text.strip())) {
                return band;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a risk band (low, medium, high, critical)");
    }
}
