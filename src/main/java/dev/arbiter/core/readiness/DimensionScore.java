package dev.arbiter.core.readiness;

/** One dimension of an assessment: its score (null while a draft leaves it open) and the evidence noted for it. */
public record DimensionScore(Dimension dimension, Integer score, String notes) {

    public DimensionScore {
        if (dimension == null) {
            throw new IllegalArgumentException("a score needs its dimension");
        }
        if (score != null && (score < 1 || score > 5)) {
            throw new IllegalArgumentException(dimension.title() + ": a score is 1 to 5, not " + score);
        }
        notes = notes == null ? "" : notes;
    }

    public static DimensionScore open(Dimension dimension) {
        return new DimensionScore(dimension, null, "");
    }

    public boolean isScored() {
        return score != null;
    }
}
