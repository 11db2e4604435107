package dev.arbiter.core.decision;

/** Tokens and dollars an agent spent today. */
record Spent(long tokens, double costUsd) {
    static final Spent NONE = new Spent(0, 0);

    Spent plus(long moreTokens, double moreUsd) {
        return new Spent(tokens + moreTokens, costUsd + moreUsd);
    }
}
