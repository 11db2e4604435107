package dev.arbiter.core.decision;

/**
 * Counter arithmetic that saturates instead of wrapping (issue 12 §2): a
 * request reporting {@code tokens_consumed: 9223372036854775807} must leave
 * an agent over budget, not wrap its day's total negative and so allow it
 * again. Negative, NaN and infinite inputs count as nothing for tokens and as
 * the most for dollars where that fails closed; validation at the gateway
 * refuses such input first, this keeps the counters safe whatever got in
 * (old ledger rows, another face).
 */
final class Saturating {

    private Saturating() {
    }

    /** {@code a + b} for non-negative counts, capped at {@link Long#MAX_VALUE}. */
    static long add(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    /** A reported token count as a counter increment: negative counts nothing. */
    static long tokens(Long reported) {
        return reported == null || reported < 0 ? 0 : reported;
    }

    /**
     * A reported dollar amount as a counter increment: negative and NaN count
     * nothing, infinity counts as the largest finite amount (over any budget).
     */
    static double usd(Double reported) {
        if (reported == null || reported.isNaN() || reported < 0) {
            return 0;
        }
        return reported.isInfinite() ? Double.MAX_VALUE : reported;
    }

    /** {@code a + b} for non-negative finite dollar amounts, capped at {@link Double#MAX_VALUE}. */
    static double add(double a, double b) {
        double sum = a + b;
        return Double.isFinite(sum) ? sum : Double.MAX_VALUE;
    }
}
