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
 * SQL of the shared counters: daily spend per agent and the sliding rate
 * windows (V7, with their totals V33), time-boxed autonomy (V10). Every statement is portable (standard {@code INSERT ... ON CONFLICT
 * ... DO UPDATE ... RETURNING}, {@code CASE} instead of vendor MIN/MAX of two
 * values) so that the PostgreSQL store can run the same text. Sums saturate:
 * neither Java's {@code long} nor SQL integer arithmetic may wrap or throw.
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
     * How many {@code kind} events of the agent are newer than {@code afterMs},
     * counting no further than {@code cap} (a window never needs more to decide).
     * Costs about {@value #WALK} row steps at most, whatever the cap and the window, while decisions
     * keep the window pruned (see {@link #countSince(Connection, String, String, long, int, int)}).
     */
    static int countSince(Connection c, String agentId, String kind, long afterMs, int cap) throws SQLException {
        return countSince(c, agentId, kind, afterMs, cap, WALK);
    }

    /** Rows a count walks before it takes the agent's total instead (V33 {@code rate_total}). */
    static final int WALK = 1024;

    /**
     * {@link #countSince(Connection, String, String, long, int)}, walking at most {@code walk} rows of the
     * window itself: a larger cap is answered from the agent's total (kept by V33's triggers) less the rows
     * at or before {@code afterMs} that are not pruned yet, when fewer than {@code walk} are; else by the walk
     * up to the cap, as before V33. Exact either way; the rows not pruned yet are few while decisions come
     * ({@link RateLimiter} prunes the agent's every few dozen records).
     */
    static int countSince(Connection c, String agentId, String kind, long afterMs, int cap, int walk)
            throws SQLException {
        if (cap > walk) {
            Rows rows = totalAndStale(c, agentId, kind, afterMs, walk);
            if (rows.total() > walk && rows.stale() < walk) {
                return (int) Math.min(cap, rows.total() - rows.stale());
            }
        }
        return walk(c, agentId, kind, afterMs, cap);
    }

    /** An agent's rows of a kind: all of them, and those out of the window counted up to a bound. */
    private record Rows(long total, long stale) {
    }

    /**
     * The agent's total of {@code kind} rows (V33) and its rows at or before {@code afterMs} counted up to
     * {@code walk}, in one statement (it runs on the ledger writer's thread).
     */
    private static Rows totalAndStale(Connection c, String agentId, String kind, long afterMs, int walk)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT (SELECT events FROM rate_total WHERE agent_id = ?"
                + " AND kind = ?), (SELECT COUNT(*) FROM (SELECT 1 FROM rate_event WHERE agent_id = ? AND kind = ?"
                + " AND at_ms <= ? LIMIT ?) AS stale)")) {
            ps.setString(1, agentId);
            ps.setString(2, kind);
            ps.setString(3, agentId);
            ps.setString(4, kind);
            ps.setLong(5, afterMs);
            ps.setInt(6, walk);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Rows(rs.getLong(1), rs.getLong(2)) : new Rows(0, 0);
            }
        }
    }

    /** The agent's rows of {@code kind} newer than {@code afterMs}, counted up to {@code cap}. */
    private static int walk(Connection c, String agentId, String kind, long afterMs, int cap) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM (SELECT 1 FROM rate_event"
                + " WHERE agent_id = ? AND kind = ? AND at_ms > ? LIMIT ?) AS recent")) {
            ps.setString(1, agentId);
            ps.setString(2, kind);
            ps.setLong(3, afterMs);
            ps.setInt(4, cap);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
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
