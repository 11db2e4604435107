package dev.arbiter.core.readiness;

/** How one dimension moved from the previous assessment to this one. */
public record DimensionChange(Dimension dimension, Integer before, Integer after) {

    public enum Direction { IMPROVED, FELL_BACK, UNCHANGED, NOT_COMPARABLE }

    public Direction direction() {
        if (before == null || after == null) {
            return Direction.NOT_COMPARABLE;
        }
        return after > before ? Direction.IMPROVED : after < before ? Direction.FELL_BACK : Direction.UNCHANGED;
    }

    /** "+2", "−1", "±0", or "" when one side is unscored. */
    public String deltaText() {
        if (direction() == Direction.NOT_COMPARABLE) {
            return "";
        }
        int delta = after - before;
        return delta > 0 ? "+" + delta : delta < 0 ? "−" + (-delta) : "±0";
    }
}
