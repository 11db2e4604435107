package dev.arbiter.core.decision;

/** Two-decimal text for scores and thresholds, without {@code String.format}'s cost on the hot path. */
final class Decimals {

    private Decimals() {
    }

    static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    static String two(double v) {
        long hundredths = Math.round(Math.abs(v) * 100);
        long fraction = hundredths % 100;
        return (v < 0 && hundredths != 0 ? "-" : "") + hundredths / 100 + (fraction < 10 ? ".0" : ".") + fraction;
    }

    /** Whole dollars without decimals, else two decimals. */
    static String usd(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? "$" + (long) v : "$" + two(v);
    }
}
