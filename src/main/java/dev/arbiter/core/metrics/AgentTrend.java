package dev.arbiter.core.metrics;

/**
 * An agent's month against the month before: the change of its escalated (supervised + gated) share
 * in percentage points; positive means more went to a person.
 */
public record AgentTrend(TierCounts month, TierCounts previous) {

    /** Change of the escalated share in percentage points (−100 to 100); 0 without a previous month. */
    public double escalatedChangePoints() {
        return previous.total() == 0 ? 0 : (month.escalatedShare() - previous.escalatedShare()) * 100;
    }
}
