package dev.arbiter.core.queue;

import dev.arbiter.core.audit.AuditTime;
import dev.arbiter.core.decision.ReasonCode;
import dev.arbiter.core.policy.RiskTier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL of the {@code escalation} table (V5). */
final class QueueStore {

    private static final String COLUMNS = "trace_id, agent_id, session_id, action, input_summary, reasoning, tier, "
            + "risk_score, confidence, reason, policy_name, policy_version, context, status, created_at, due_at, "
            + "decided_at, reviewer, note, reason_code, revision";
    private static final String NEXT_REVISION = "(SELECT COALESCE(MAX(revision), 0) + 1 FROM escalation)";

    private QueueStore() {
    }

    /** Inserts a new pending item; returns it with the revision it got. */
    static QueueItem insert(Connection c, QueueItem item) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO escalation(" + COLUMNS + ") VALUES "
                + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " + NEXT_REVISION + ")")) {
            ps.setString(1, item.traceId());
            ps.setString(2, item.agentId());
            ps.setString(3, item.sessionId());
            ps.setString(4, item.action());
            ps.setString(5, item.inputSummary());
            ps.setString(6, item.reasoning());
            ps.setString(7, item.tier().wireName());
            setDouble(ps, 8, item.riskScore());
            setDouble(ps, 9, item.confidence());
            ps.setString(10, item.reason());
            ps.setString(11, item.policyName());
            if (item.policyVersion() == null) {
                ps.setNull(12, Types.INTEGER);
            } else {
                ps.setInt(12, item.policyVersion());
            }
            ps.setString(13, item.contextJson());
            ps.setString(14, item.status().wireName());
            ps.setString(15, AuditTime.format(item.createdAt()));
            ps.setString(16, AuditTime.format(item.dueAt()));
            ps.setString(17, item.decidedAt() == null ? null : AuditTime.format(item.decidedAt()));
            ps.setString(18, item.reviewer());
            ps.setString(19, item.note());
            ps.setString(20, item.reasonCode() == null ? null : item.reasonCode().name());
            ps.executeUpdate();
        }
        return item.withRevision(maxRevision(c));
    }

    /**
     * Records a decision on a pending item. Returns false (and changes nothing)
     * when it was no longer pending: someone else, perhaps another process,
     * decided first.
     */
    static boolean decide(Connection c, QueueItem decided) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE escalation SET status = ?, decided_at = ?, reviewer = ?,"
                + " note = ?, reason_code = ?, revision = " + NEXT_REVISION
                + " WHERE trace_id = ? AND status = 'pending'")) {
            ps.setString(1, decided.status().wireName());
            ps.setString(2, AuditTime.format(decided.decidedAt()));
            ps.setString(3, decided.reviewer());
            ps.setString(4, decided.note());
            ps.setString(5, decided.reasonCode().name());
            ps.setString(6, decided.traceId());
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Records decisions on many pending items with one batched statement; the
     * items get consecutive revisions. Returns those that were still pending
     * (the others were decided first by someone else and are left alone).
     */
    static List<QueueItem> decideAll(Connection c, List<QueueItem> decided) throws SQLException {
        long revision = maxRevision(c);
        int[] counts;
        try (PreparedStatement ps = c.prepareStatement("UPDATE escalation SET status = ?, decided_at = ?, reviewer = ?,"
                + " note = ?, reason_code = ?, revision = ? WHERE trace_id = ? AND status = 'pending'")) {
            for (QueueItem d : decided) {
                ps.setString(1, d.status().wireName());
                ps.setString(2, AuditTime.format(d.decidedAt()));
                ps.setString(3, d.reviewer());
                ps.setString(4, d.note());
                ps.setString(5, d.reasonCode().name());
                ps.setLong(6, ++revision);
                ps.setString(7, d.traceId());
                ps.addBatch();
            }
            counts = ps.executeBatch();
        }
        List<QueueItem> done = new ArrayList<>(decided.size());
        long first = revision - decided.size();
        for (int i = 0; i < decided.size(); i++) {
            if (counts[i] == 1) {
                done.add(decided.get(i).withRevision(first + i + 1));
            }
        }
        return done;
    }

    static Optional<QueueItem> find(Connection c, String traceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM escalation WHERE trace_id = ?")) {
            ps.setString(1, traceId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(item(rs)) : Optional.empty();
            }
        }
    }

    /** Every pending item, oldest first. */
    static List<QueueItem> pending(Connection c) throws SQLException {
        return list(c, "SELECT " + COLUMNS + " FROM escalation WHERE status = 'pending' ORDER BY created_at, trace_id");
    }

    /** The newest decided items, newest first. */
    static List<QueueItem> recentlyDecided(Connection c, int limit) throws SQLException {
        return list(c, "SELECT " + COLUMNS + " FROM escalation WHERE status <> 'pending' ORDER BY revision DESC LIMIT "
                + limit);
    }

    /** Items inserted or changed after {@code revision}, in revision order. */
    static List<QueueItem> changedSince(Connection c, long revision) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM escalation WHERE revision > ? ORDER BY revision")) {
            ps.setLong(1, revision);
            try (ResultSet rs = ps.executeQuery()) {
                List<QueueItem> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(item(rs));
                }
                return out;
            }
        }
    }

    /** How {@code agentId}'s queued actions were decided, and how many still wait. */
    static ReviewTally tally(Connection c, String agentId) throws SQLException {
        int approved = 0;
        int denied = 0;
        int timedOut = 0;
        int stopped = 0;
        int pending = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT status, reason_code, COUNT(*) FROM escalation"
                + " WHERE agent_id = ? GROUP BY status, reason_code")) {
            ps.setString(1, agentId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int n = rs.getInt(3);
                    String code = rs.getString(2);
                    if ("pending".equals(rs.getString(1))) {
                        pending += n;
                    } else if ("REVIEWER_APPROVED".equals(code)) {
                        approved += n;
                    } else if ("REVIEWER_DENIED".equals(code)) {
                        denied += n;
                    } else if ("REVIEW_TIMEOUT".equals(code)) {
                        timedOut += n;
                    } else if ("KILL_SWITCH".equals(code)) {
                        stopped += n;
                    }
                }
            }
        }
        return new ReviewTally(approved, denied, timedOut, stopped, pending);
    }

    static long maxRevision(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(revision), 0) FROM escalation")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static List<QueueItem> list(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<QueueItem> out = new ArrayList<>();
            while (rs.next()) {
                out.add(item(rs));
            }
            return out;
        }
    }

    private static QueueItem item(ResultSet rs) throws SQLException {
        String code = rs.getString(20);
        return new QueueItem(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), RiskTier.parse(rs.getString(7)).orElseThrow(), getDouble(rs, 8), getDouble(rs, 9),
                rs.getString(10), rs.getString(11), getInteger(rs, 12), rs.getString(13),
                ReviewStatus.fromWire(rs.getString(14)), instant(rs.getString(15)), instant(rs.getString(16)),
                instant(rs.getString(17)), rs.getString(18), rs.getString(19),
                code == null ? null : ReasonCode.valueOf(code), rs.getLong(21));
    }

    private static Instant instant(String text) {
        return text == null ? null : AuditTime.parse(text);
    }

    private static void setDouble(PreparedStatement ps, int index, Double value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.REAL);
        } else {
            ps.setDouble(index, value);
        }
    }

    private static Double getDouble(ResultSet rs, int index) throws SQLException {
        double v = rs.getDouble(index);
        return rs.wasNull() ? null : v;
    }

    private static Integer getInteger(ResultSet rs, int index) throws SQLException {
        int v = rs.getInt(index);
        return rs.wasNull() ? null : v;
    }
}
