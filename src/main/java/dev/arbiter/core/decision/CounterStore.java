package dev.arbiter.core.decision;

import dev.arbiter.core.audit.AuditTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * SQL of the shared counters: daily spend per agent and the sliding rate windows (V7, with their
 * totals V33), time-boxed autonomy (V10). Every statement is portable (standard {@code INSERT ...
 * ON CONFLICT ... DO UPDATE ... RETURNING}, {@code CASE} instead of vendor MIN/MAX of two values) so
 * that the PostgreSQL store can run the same text. Sums saturate: neither Java's {@code long} nor
 * SQL integer arithmetic may wrap or throw.
 */
final class CounterStore {

    private static final String ADD_SPEND = "INSERT INTO agent_spend(agent_id, day, tokens, cost_usd) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT(agent_id, day) DO UPDATE SET"
            + " tokens = CASE WHEN agent_spend.tokens > " + Long.MAX_VALUE + " - excluded.tokens"
            + " THEN " + Long.MAX_VALUE + " ELSE agent_spend.tokens + excluded.tokens END,"
            + " cost_usd = CASE WHEN agent_spend.cost_usd > ? - excluded.cost_usd"
            + " THEN ? ELSE agent_spend.cost_usd + excluded.cost_usd END"
            + " RETURNING tokens, cost_usd";

    private CounterStore() {
    }

    /** The UTC day of {@code at} as the spend table keys it. */
    static String dayOf(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
    }

    /**
     * Adds to an agent's spend of {@code day} (saturating) and returns the new
     * totals. Amounts must be clamped already ({@link Saturating#tokens}, {@link Saturating#usd}).
     */
    static Spent addSpend(Connection c, String agentId, String day, long tokens, double usd) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ADD_SPEND)) {
            ps.setString(1, agentId);
            ps.setString(2, day);
            ps.setLong(3, tokens);
            ps.setDouble(4, usd);
            ps.setDouble(5, Double.MAX_VALUE);
            ps.setDouble(6, Double.MAX_VALUE);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Spent(rs.getLong(1), rs.getDouble(2));
            }
        }
    }

    /** The spend row of {@code day}; null when there is none yet. */
    static Spent spend(Connection c, String agentId, String day) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT tokens, cost_usd FROM agent_spend WHERE agent_id = ? AND day = ?")) {
            ps.setString(1, agentId);
            ps.setString(2, day);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Spent(rs.getLong(1), rs.getDouble(2)) : null;
            }
        }
    }

    /**
     * Creates the spend row of {@code day} from the ledger when there is none
     * (the first decision of the day, or the first after upgrading from a
     * version without this table); leaves an existing row alone.
     */
    static void seedSpend(Connection c, String agentId, String day, Instant midnight) throws SQLException {
        if (spend(c, agentId, day) != null) {
            return;
        }
        Spent fromLedger = DecisionStore.spentSince(c, agentId, midnight);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO agent_spend(agent_id, day, tokens, cost_usd)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT(agent_id, day) DO NOTHING")) {
            ps.setString(1, agentId);
            ps.setString(2, day);
            ps.setLong(3, fromLedger.tokens());
            ps.setDouble(4, fromLedger.costUsd());
            ps.executeUpdate();
        }
    }

    /**
     * How many {@code kind} events of the agent are newer than {@code afterMs}, counting no further than
     * {@code cap} (a window never needs more to decide): the agent's total (V33 {@code rate_total}) less its
     * rows at or before {@code afterMs} that are not pruned yet. Costs one seek and a walk over those stale
     * rows, which this count prunes once there are {@value #PRUNE_STALE} or more, so that the next counts
     * walk few (an agent back after a pause walks its old window once).
     */
    static int countSince(Connection c, String agentId, String kind, long afterMs, int cap) throws SQLException {
        return countSince(c, agentId, kind, afterMs, cap, PRUNE_STALE);
    }

    /**
     * Stale rows a count finds that make it prune them: walking them costs each count about 0.3 µs a row, a
     * prune a few µs however few it removes; 16 cost the least of 4, 8, 16 and 64 (SQLite 3.50, 150,000 rows
     * in the window).
     */
    static final int PRUNE_STALE = 16;

    /**
     * {@link #countSince(Connection, String, String, long, int)}, pruning the agent's stale rows when a count
     * finds {@code pruneAt} or more. Exact whatever the cap; a count with a cap used to walk the window itself
     * up to the cap, or took the total less a walk bounded by a {@code LIMIT} subquery: that subquery alone cost
     * SQLite 3.50 about 35 µs a count whatever it walked, five times this whole statement (150,000 rows in the
     * window, a prune every 64 records: 41 µs against 12 µs), on the ledger writer's thread.
     */
    static int countSince(Connection c, String agentId, String kind, long afterMs, int cap, int pruneAt)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT (SELECT events FROM rate_total WHERE agent_id = ?"
                + " AND kind = ?), (SELECT COUNT(*) FROM rate_event WHERE agent_id = ? AND kind = ? AND at_ms <= ?)")) {
            ps.setString(1, agentId);
            ps.setString(2, kind);
            ps.setString(3, agentId);
            ps.setString(4, kind);
            ps.setLong(5, afterMs);
            long total = 0;
            long stale = 0;
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    total = rs.getLong(1);
                    stale = rs.getLong(2);
                }
            }
            if (stale >= pruneAt) {
                prune(c, agentId, kind, afterMs);
            }
            return (int) Math.max(0, Math.min(cap, total - stale));
        }
    }

    static void recordEvent(Connection c, String agentId, String kind, long atMs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO rate_event(agent_id, kind, at_ms) VALUES (?, ?, ?)")) {
            ps.setString(1, agentId);
            ps.setString(2, kind);
            ps.setLong(3, atMs);
            ps.executeUpdate();
        }
    }

    /** Removes the agent's {@code kind} events at or before {@code beforeMs}, through the window's index. */
    static void prune(Connection c, String agentId, String kind, long beforeMs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM rate_event WHERE agent_id = ? AND kind = ? AND at_ms <= ?")) {
            ps.setString(1, agentId);
            ps.setString(2, kind);
            ps.setLong(3, beforeMs);
            ps.executeUpdate();
        }
    }

    /** Removes {@code kind} events at or before {@code beforeMs}: they can no longer be in any window. */
    static void prune(Connection c, String kind, long beforeMs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM rate_event WHERE kind = ? AND at_ms <= ?")) {
            ps.setString(1, kind);
            ps.setLong(2, beforeMs);
            ps.executeUpdate();
        }
    }

    /** The agent's autonomy row; null when there is none (nothing counted since the last review, or before V10). */
    static AutonomyTracker.Window autonomy(Connection c, String agentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT actions, since FROM agent_autonomy WHERE agent_id = ?")) {
            ps.setString(1, agentId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new AutonomyTracker.Window(rs.getLong(1), AuditTime.parse(rs.getString(2))) : null;
            }
        }
    }

    /** Sets the agent's autonomy row (at least one action and its instant), inside the write lock. */
    static void putAutonomy(Connection c, String agentId, AutonomyTracker.Window w) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO agent_autonomy(agent_id, actions, since)"
                + " VALUES (?, ?, ?) ON CONFLICT(agent_id) DO UPDATE SET actions = excluded.actions,"
                + " since = excluded.since")) {
            ps.setString(1, agentId);
            ps.setLong(2, w.actions());
            ps.setString(3, AuditTime.format(w.since()));
            ps.executeUpdate();
        }
    }

    /** Drops the agent's autonomy row, if any. */
    static void forgetAutonomy(Connection c, String agentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM agent_autonomy WHERE agent_id = ?")) {
            ps.setString(1, agentId);
            ps.executeUpdate();
        }
    }
}
