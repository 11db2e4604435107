package dev.arbiter.core.decision;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The shared counters of one agent as one claim reads them inside the ledger writer's transaction,
 * each read at most once (a shadow version and the version in force share the reads) and before the
 * claim's own rate events count. What was read becomes the decision's {@link CountersSeen}. The windows
 * are the transaction's ({@link RateWindowBatch}): the rows as written plus the events the transaction's
 * earlier decisions accepted. A refused claim counts nothing: the savepoint around it is rolled back, and
 * with it the events it accepted ({@link dev.arbiter.core.store.Tx#rollback}). Not thread-safe: one per
 * claim run.
 */
final class CounterView {

    private final Connection connection;
    private final RateWindowBatch windows;
    private final String agentId;
    private final Instant now;
    private final Spent spent;
    private Integer actions;
    private int actionsCap;
    private Integer escalations;
    private int escalationsCap;
    private AutonomyTracker.Window autonomy;

    CounterView(Connection connection, RateWindowBatch windows, String agentId, Instant now, Spent spent) {
        this.connection = connection;
        this.windows = windows;
        this.agentId = agentId;
        this.now = now;
        this.spent = spent;
    }

    /** The day's totals, this request's spend included. */
    Spent spent() {
        return spent;
    }

    Instant now() {
        return now;
    }

    /** Accepted actions in the minute before now, counted up to {@code cap} (a window never needs more). */
    int actions(int cap) throws SQLException {
        if (actions == null || actions >= actionsCap && cap > actionsCap) {
            actions = windows.count(connection, agentId, RateLimiter.ACTION, now.toEpochMilli(), cap);
            actionsCap = cap;
        }
        return actions;
    }

    /** Escalations in the hour before now, counted up to {@code cap}. */
    int escalations(int cap) throws SQLException {
        if (escalations == null || escalations >= escalationsCap && cap > escalationsCap) {
            escalations = windows.count(connection, agentId, RateLimiter.ESCALATION, now.toEpochMilli(), cap);
            escalationsCap = cap;
        }
        return escalations;
    }

    /**
     * An event of {@code kind} this claim accepts: it joins the transaction's window after this view read it, and
     * leaves it again if the claim's savepoint is rolled back. Always true.
     */
    boolean accept(String kind) throws SQLException {
        windows.add(connection, agentId, kind, now.toEpochMilli());
        return true;
    }

    /** Actions without a human review so far and since when (the row, else rebuilt from the ledger). */
    AutonomyTracker.Window autonomy() throws SQLException {
        if (autonomy == null) {
            AutonomyTracker.Window w = CounterStore.autonomy(connection, agentId);
            autonomy = w != null ? w : DecisionStore.autonomySinceReview(connection, agentId);
        }
        return autonomy;
    }

    /** What was read, for the decision's entry. */
    CountersSeen seen() {
        return new CountersSeen(spent.tokens(), spent.costUsd(), actions, escalations,
                autonomy == null ? null : autonomy.actions(), autonomy == null ? null : autonomy.since());
    }
}
