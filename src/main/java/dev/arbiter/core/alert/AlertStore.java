package dev.arbiter.core.alert;

import dev.arbiter.core.audit.AuditTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** SQL of alerts, detection baselines, seen actions, rule edits (V12) and alert claims (V20). Portable SQL only. */
final class AlertStore {

    private static final String COLUMNS = "id, rule, agent_id, status, summary, figures, window_from, window_to, "
            + "first_seq, last_seq, first_anomaly_at, raised_at, response, triaged_by, triaged_at, note, incident_ref";

    private AlertStore() {
    }

    static void insert(Connection c, Alert a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert(" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, a.id());
            ps.setString(2, a.rule().key());
            ps.setString(3, a.agentId());
            ps.setString(4, a.status().key());
            ps.setString(5, a.summary());
            ps.setString(6, a.figures());
            ps.setString(7, AuditTime.format(a.windowFrom()));
            ps.setString(8, AuditTime.format(a.windowTo()));
            ps.setLong(9, a.firstSeq());
            ps.setLong(10, a.lastSeq());
            ps.setString(11, AuditTime.format(a.firstAnomalyAt()));
            ps.setString(12, AuditTime.format(a.raisedAt()));
            ps.setString(13, a.response().key());
            ps.setString(14, a.triagedBy());
            ps.setString(15, a.triagedAt() == null ? null : AuditTime.format(a.triagedAt()));
            ps.setString(16, a.note());
            ps.setString(17, a.incidentRef());
            ps.executeUpdate();
        }
    }

    /**
     * Claims rule and agent of {@code a} for its window: true if no alert of the same rule and agent ends
     * within {@code window} before {@code a} does, in any process (the claim moves to {@code a}); false
     * if one does, and then nothing changed. An upsert with a conditional update, atomic on both stores.
     */
    static boolean claim(Connection c, Alert a, java.time.Duration window) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_claim(rule, agent_id, window_to, alert_id) "
                + "VALUES (?, ?, ?, ?) ON CONFLICT(rule, agent_id) DO UPDATE SET window_to = excluded.window_to, "
                + "alert_id = excluded.alert_id WHERE alert_claim.window_to <= ?")) {
            ps.setString(1, a.rule().key());
            ps.setString(2, a.agentId());
            ps.setString(3, AuditTime.format(a.windowTo()));
            ps.setString(4, a.id());
            ps.setString(5, AuditTime.format(a.windowTo().minus(window)));
            return ps.executeUpdate() == 1;
        }
    }

    /** The end of the window of the newest alert of {@code rule} and {@code agentId} in any process, if any. */
    static Optional<Instant> claimedUntil(Connection c, RuleKind rule, String agentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT window_to FROM alert_claim WHERE rule = ? AND agent_id = ?")) {
            ps.setString(1, rule.key());
            ps.setString(2, agentId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(AuditTime.parse(rs.getString(1))) : Optional.empty();
            }
        }
    }

    static Optional<Alert> find(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM alert WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** Newest first; {@code openOnly} for the triage list; at most {@code limit}. */
    static List<Alert> list(Connection c, boolean openOnly, int limit) throws SQLException {
        String where = openOnly ? " WHERE status = 'open'" : "";
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM alert" + where
                + " ORDER BY raised_at DESC, id LIMIT ?")) {
            ps.setInt(1, limit);
            return readAll(ps);
        }
    }

    /** Alerts raised in {@code [from, to)}, oldest first (metrics). */
    static List<Alert> raisedBetween(Connection c, Instant from, Instant to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM alert WHERE raised_at >= ? AND raised_at < ? ORDER BY raised_at, id")) {
            ps.setString(1, AuditTime.format(from));
            ps.setString(2, AuditTime.format(to));
            return readAll(ps);
        }
    }

    static int countOpen(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM alert WHERE status = 'open'");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** The end of the newest alert's window per rule and agent (de-duplication after a restart). */
    static Map<String, Instant> lastWindowEnds(Connection c) throws SQLException {
        Map<String, Instant> ends = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT rule, agent_id, MAX(window_to) FROM alert GROUP BY rule, agent_id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ends.put(rs.getString(1) + "/" + rs.getString(2), AuditTime.parse(rs.getString(3)));
            }
        }
        return ends;
    }

    /** Sets the triage of an open alert; false when it was not open (someone else was first). */
    static boolean triage(Connection c, String id, AlertStatus verdict, String actor, Instant at, String note)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE alert SET status = ?, triaged_by = ?, triaged_at = ?, "
                + "note = ? WHERE id = ? AND status = 'open'")) {
            ps.setString(1, verdict.key());
            ps.setString(2, actor);
            ps.setString(3, AuditTime.format(at));
            ps.setString(4, note);
            ps.setString(5, id);
            return ps.executeUpdate() == 1;
        }
    }

    static boolean linkIncident(Connection c, String id, String ref) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE alert SET incident_ref = ? WHERE id = ?")) {
            ps.setString(1, ref);
            ps.setString(2, id);
            return ps.executeUpdate() == 1;
        }
    }

    static Optional<Baseline> baseline(Connection c, String agentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT minutes, per_minute, decisions, hours, days, last_day FROM alert_baseline WHERE agent_id = ?")) {
            ps.setString(1, agentId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Baseline.of(rs.getLong(1), rs.getDouble(2), rs.getLong(3),
                        rs.getString(4), rs.getLong(5), rs.getLong(6))) : Optional.empty();
            }
        }
    }

    static void saveBaseline(Connection c, String agentId, Baseline b) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_baseline(agent_id, minutes, per_minute, "
                + "decisions, hours, days, last_day) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(agent_id) DO UPDATE SET "
                + "minutes = excluded.minutes, per_minute = excluded.per_minute, decisions = excluded.decisions, "
                + "hours = excluded.hours, days = excluded.days, last_day = excluded.last_day")) {
            ps.setString(1, agentId);
            ps.setLong(2, b.minutes());
            ps.setDouble(3, b.perMinute());
            ps.setLong(4, b.decisions());
            ps.setString(5, b.hoursJson());
            ps.setLong(6, b.days());
            ps.setLong(7, b.lastDay());
            ps.executeUpdate();
        }
    }

    static Set<String> seenActions(Connection c, String agentId) throws SQLException {
        Set<String> seen = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT action FROM alert_seen_action WHERE agent_id = ?")) {
            ps.setString(1, agentId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    seen.add(rs.getString(1));
                }
            }
        }
        return seen;
    }

    static void addSeenActions(Connection c, String agentId, List<String> actions, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_seen_action(agent_id, action, first_seen) "
                + "VALUES (?, ?, ?) ON CONFLICT(agent_id, action) DO NOTHING")) {
            for (String action : actions) {
                ps.setString(1, agentId);
                ps.setString(2, action);
                ps.setString(3, AuditTime.format(at));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static Optional<String> ruleSet(Connection c, String scope) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT yaml FROM alert_rule_set WHERE scope = ?")) {
            ps.setString(1, scope);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    static void saveRuleSet(Connection c, String scope, String yaml, String actor, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_rule_set(scope, yaml, updated_at, "
                + "updated_by) VALUES (?, ?, ?, ?) ON CONFLICT(scope) DO UPDATE SET yaml = excluded.yaml, "
                + "updated_at = excluded.updated_at, updated_by = excluded.updated_by")) {
            ps.setString(1, scope);
            ps.setString(2, yaml);
            ps.setString(3, AuditTime.format(at));
            ps.setString(4, actor);
            ps.executeUpdate();
        }
    }

    private static List<Alert> readAll(PreparedStatement ps) throws SQLException {
        List<Alert> alerts = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                alerts.add(read(rs));
            }
        }
        return alerts;
    }

    private static Alert read(ResultSet rs) throws SQLException {
        String triagedAt = rs.getString(15);
        return new Alert(rs.getString(1), RuleKind.ofKey(rs.getString(2)).orElse(RuleKind.DETECTOR_OVERLOADED),
                rs.getString(3), AlertStatus.ofKey(rs.getString(4)).orElse(AlertStatus.OPEN), rs.getString(5),
                rs.getString(6), AuditTime.parse(rs.getString(7)), AuditTime.parse(rs.getString(8)), rs.getLong(9),
                rs.getLong(10), AuditTime.parse(rs.getString(11)), AuditTime.parse(rs.getString(12)),
                Response.ofKey(rs.getString(13)).orElse(Response.NONE), rs.getString(14),
                triagedAt == null ? null : AuditTime.parse(triagedAt), rs.getString(16), rs.getString(17));
    }
}
