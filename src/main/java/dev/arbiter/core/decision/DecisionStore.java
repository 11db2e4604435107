package dev.arbiter.core.decision;

import dev.arbiter.core.audit.AuditTime;
import dev.arbiter.core.store.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * SQL of the decision engine: trace id blocks (V5), and what its in-memory
 * counters start from after a restart, read back from the ledger (the one
 * source of truth for what agents spent and did).
 */
final class DecisionStore {

    /**
     * Ledger entries after which an agent's time-boxed autonomy starts afresh: a
     * person looked (the same rule as the V10 trigger that resets the shared
     * count). Review entries count only when a person decided ({@code
     * human_override}); the kill switch and timeouts deny queued items too.
     */
    private static final String HUMAN_REVIEW = "(event IN ('agent.resumed', 'agent.added')"
            + " OR (event IN ('review.approved', 'review.denied')"
            + " AND CAST(%s AS TEXT) IN ('1', 'true')))";

    private DecisionStore() {
    }

    /**
     * Reserves {@code size} trace numbers of {@code day} for this process and
     * returns the first. A day's first block starts after the highest number
     * already in the ledger, so a restored or hand-edited table cannot repeat one.
     */
    static long reserveTraceBlock(Connection c, String day, int size) throws SQLException {
        long start;
        try (PreparedStatement ps = c.prepareStatement("SELECT next FROM trace_block WHERE day = ?")) {
            ps.setString(1, day);
            try (ResultSet rs = ps.executeQuery()) {
                start = rs.next() ? rs.getLong(1) : highestInLedger(c, day) + 1;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO trace_block(day, next) VALUES (?, ?) "
                + "ON CONFLICT(day) DO UPDATE SET next = excluded.next")) {
            ps.setString(1, day);
            ps.setLong(2, start + size);
            ps.executeUpdate();
        }
        return start;
    }

    /**
     * Claims the one outcome of {@code traceId} (V32); false when it was claimed before, also by another process
     * (PostgreSQL makes a concurrent claim wait for the first one's commit, then find it).
     */
    static boolean claimOutcome(Connection c, String traceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO action_outcome(trace_id) VALUES (?) ON CONFLICT(trace_id) DO NOTHING")) {
            ps.setString(1, traceId);
            return ps.executeUpdate() == 1;
        }
    }

    private static long highestInLedger(Connection c, String day) throws SQLException {
        String prefix = TraceIds.PREFIX + day + "-";
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(CAST(substr(trace_id, ?) AS INTEGER)), 0)"
                + " FROM audit_entry WHERE trace_id >= ? AND trace_id < ?")) {
            ps.setInt(1, prefix.length() + 1);
            ps.setString(2, prefix);
            ps.setString(3, prefix + "~");
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /**
     * Tokens and dollars an agent's decisions and outcomes recorded since
     * {@code since}, added up here with saturation: SQL {@code SUM} throws
     * "integer overflow" on an absurd entry, which would make every later
     * decision of the agent fail until the day is over.
     */
    static Spent spentSince(Connection c, String agentId, Instant since) throws SQLException {
        SqlDialect sql = SqlDialect.of(c);
        try (PreparedStatement ps = c.prepareStatement("SELECT " + sql.jsonNumber("body", "tokens_consumed") + ", "
                + sql.jsonNumber(sql.jsonText("body", "detail"), "cost_usd")
                + " FROM audit_entry WHERE agent_id = ? AND timestamp >= ?"
                + " AND event IN ('decision', 'action.outcome')")) {
            ps.setString(1, agentId);
            ps.setString(2, AuditTime.format(since));
            ps.setFetchSize(4096); // a busy agent's day: summed as it streams
            long tokens = 0;
            double usd = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tokens = Saturating.add(tokens, Saturating.tokens(asLong(rs.getObject(1))));
                    usd = Saturating.add(usd, Saturating.usd(asDouble(rs.getObject(2))));
                }
            }
            return new Spent(tokens, usd);
        }
    }

    /** A ledger number as a token count: integers as they are, larger ones (stored as real) saturated. */
    private static Long asLong(Object value) {
        if (value instanceof java.math.BigDecimal d) {
            // PostgreSQL's numeric: any size, so saturate before narrowing (longValue() keeps the low bits).
            return d.compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE
                    : d.compareTo(java.math.BigDecimal.valueOf(Long.MIN_VALUE)) <= 0 ? Long.MIN_VALUE : d.longValue();
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            return n instanceof Double || n instanceof Float ? (d >= 0x1p63 ? Long.MAX_VALUE : (long) d) : n.longValue();
        }
        return null;
    }

    private static Double asDouble(Object value) {
        return value instanceof Number n ? n.doubleValue() : null;
    }

    /**
     * How many actions the agent was allowed without a person since a person
     * last looked, and when the first of them was: where time-boxed autonomy
     * starts when the agent has no shared count yet (made before V10).
     */
    static AutonomyTracker.Window autonomySinceReview(Connection c, String agentId) throws SQLException {
        long since;
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM audit_entry"
                + " WHERE agent_id = ? AND " + HUMAN_REVIEW.formatted(
                        SqlDialect.of(c).jsonText("body", "human_override")))) {
            ps.setString(1, agentId);
            try (ResultSet rs = ps.executeQuery()) {
                since = rs.next() ? rs.getLong(1) : 0;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), MIN(timestamp) FROM audit_entry"
                + " WHERE agent_id = ? AND seq > ? AND event = 'decision'"
                + " AND " + SqlDialect.of(c).jsonText("body", "decision") + " = 'allow'")) {
            ps.setString(1, agentId);
            ps.setLong(2, since);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getLong(1) == 0) {
                    return AutonomyTracker.Window.EMPTY;
                }
                return new AutonomyTracker.Window(rs.getLong(1), AuditTime.parse(rs.getString(2)));
            }
        }
    }
}
