package dev.arbiter.core.decision;

import dev.arbiter.core.audit.AuditTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * SQL of the shared counters: daily spend per agent, the sliding rate windows (V7; per millisecond since
 * V34, with their totals V33) and time-boxed autonomy (V10). Every statement is portable (standard
 * {@code INSERT ... ON CONFLICT ... DO UPDATE ... RETURNING}, {@code CASE} instead of vendor MIN/MAX of
 * two values) so that the PostgreSQL store can run the same text. Sums saturate: neither Java's
 * {@code long} nor SQL integer arithmetic may wrap or throw.
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
     * An agent's events of one kind: all it holds ({@code total}, V33 {@code rate_total}), and those at or before
     * an edge that are not pruned yet ({@code atOrBefore}) in how many buckets ({@code staleBuckets}); the window's
     * count is {@code total - atOrBefore}. {@code prunedTo}: the newest event a prune removed (V34), so a window
     * whose edge is before it lost events; {@link Long#MIN_VALUE} when there is no total yet. Counts are at least 0.
     */
    record Rows(long total, long atOrBefore, long staleBuckets, long prunedTo) {
    }

    /**
     * The agent's {@code kind} events, and those at or before {@code edgeMs}: one seek on {@code rate_total} and a
     * walk over the buckets not pruned yet (V34 {@code rate_bucket}), which {@link RateWindowBatch} keeps few.
     * Counting the window itself walked every event in it up to the limit; a {@code LIMIT} subquery bounding that
     * walk alone cost SQLite 3.50 about 35 µs a count, five times this whole statement.
     */
    static Rows rowsAt(Connection c, String agentId, String kind, long edgeMs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT t.events, t.pruned_to, COALESCE(SUM(b.events), 0),"
                + " COUNT(b.at_ms) FROM rate_total t LEFT JOIN rate_bucket b ON b.agent_id = t.agent_id"
                + " AND b.kind = t.kind AND b.at_ms <= ? WHERE t.agent_id = ? AND t.kind = ?"
                + " GROUP BY t.events, t.pruned_to")) {
            ps.setLong(1, edgeMs);
            ps.setString(2, agentId);
            ps.setString(3, kind);
            try (ResultSet rs = ps.executeQuery()) {
                // no total: the agent has never had an event of this kind (the triggers add it with the first)
                return rs.next() ? new Rows(Math.max(0, rs.getLong(1)), Math.max(0, rs.getLong(3)),
                        Math.max(0, rs.getLong(4)), rs.getLong(2)) : new Rows(0, 0, 0, Long.MIN_VALUE);
            }
        }
    }

    /** Buckets a multi-row upsert carries at most: one statement text per size up to it, each kept compiled. */
    private static final int UPSERT_ROWS = 32;

    /**
     * Adds the agent's {@code kind} events, {@code events.get(ms)} of them at each epoch millisecond: a multi-row
     * upsert per 32 buckets, adding to a bucket an earlier transaction began.
     */
    static void recordEvents(Connection c, String agentId, String kind, SortedMap<Long, Integer> events)
            throws SQLException {
        List<Map.Entry<Long, Integer>> buckets = List.copyOf(events.entrySet());
        for (int from = 0; from < buckets.size(); from += UPSERT_ROWS) {
            int rows = Math.min(UPSERT_ROWS, buckets.size() - from);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO rate_bucket(agent_id, kind, at_ms, events)"
                    + " VALUES " + String.join(", ", Collections.nCopies(rows, "(?, ?, ?, ?)"))
                    + " ON CONFLICT(agent_id, kind, at_ms) DO UPDATE SET events = rate_bucket.events + excluded.events")) {
                int p = 1;
                for (Map.Entry<Long, Integer> b : buckets.subList(from, from + rows)) {
                    ps.setString(p++, agentId);
                    ps.setString(p++, kind);
                    ps.setLong(p++, b.getKey());
                    ps.setLong(p++, b.getValue());
                }
                ps.executeUpdate();
            }
        }
    }

    /**
     * Removes the agent's {@code kind} events at or before {@code beforeMs}, through the buckets' key, first
     * recording the newest of them ({@code rate_total.pruned_to}) so that a decision stamped before it but judged
     * after this knows its window lost events.
     */
    static void prune(Connection c, String agentId, String kind, long beforeMs) throws SQLException {
        long newest;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT MAX(at_ms) FROM rate_bucket WHERE agent_id = ? AND kind = ? AND at_ms <= ?")) {
            ps.setString(1, agentId);
            ps.setString(2, kind);
            ps.setLong(3, beforeMs);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                newest = rs.getLong(1);
                if (rs.wasNull()) {
                    return; // nothing to remove
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE rate_total SET pruned_to = CASE WHEN pruned_to < ?"
                + " THEN ? ELSE pruned_to END WHERE agent_id = ? AND kind = ?")) {
            ps.setLong(1, newest);
            ps.setLong(2, newest);
            ps.setString(3, agentId);
            ps.setString(4, kind);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM rate_bucket WHERE agent_id = ? AND kind = ? AND at_ms <= ?")) {
            ps.setString(1, agentId);
            ps.setString(2, kind);
            ps.setLong(3, beforeMs);
            ps.executeUpdate();
        }
    }

    /**
     * Removes every agent's {@code kind} events at or before {@code beforeMs}, one agent at a time as
     * {@link #prune(Connection, String, String, long)} does, so each records its newest removed event.
     */
    static void prune(Connection c, String kind, long beforeMs) throws SQLException {
        List<String> agents = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT agent_id FROM rate_total WHERE kind = ? AND events > 0")) {
            ps.setString(1, kind);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    agents.add(rs.getString(1));
                }
            }
        }
        for (String agentId : agents) {
            prune(c, agentId, kind, beforeMs);
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
