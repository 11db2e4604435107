package dev.arbiter.core.metrics;

import dev.arbiter.core.audit.AuditTime;
import dev.arbiter.core.store.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** SQL of the metrics: decisions by agent and outcome from the ledger, reviews from the escalation table. */
final class MetricsStore {

    /** One decided review: who, approved or not, queued and decided times. */
    record Review(String reviewer, boolean approved, Instant queuedAt, Instant decidedAt) {
    }

    private MetricsStore() {
    }

    static Map<String, TierCounts> tierCounts(Connection c, Instant from, Instant to) throws SQLException {
        SqlDialect d = SqlDialect.of(c);
        String tier = d.jsonText("body", "tier");
        String decision = d.jsonText("body", "decision");
        Map<String, TierCounts> counts = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT agent_id, " + tier + ", " + decision
                + ", COUNT(*) FROM audit_entry WHERE event = 'decision' AND timestamp >= ? AND timestamp < ? "
                + "AND agent_id IS NOT NULL GROUP BY agent_id, " + tier + ", " + decision)) {
            ps.setString(1, AuditTime.format(from));
            ps.setString(2, AuditTime.format(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String agent = rs.getString(1);
                    counts.put(agent, counts.getOrDefault(agent, new TierCounts(agent, 0, 0, 0, 0))
                            .plus(rs.getString(2), rs.getString(3), rs.getLong(4)));
                }
            }
        }
        return counts;
    }

    static List<Review> reviews(Connection c, Instant from, Instant to) throws SQLException {
        List<Review> reviews = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT reviewer, reason_code, created_at, decided_at "
                + "FROM escalation WHERE decided_at >= ? AND decided_at < ? AND reviewer IS NOT NULL "
                + "AND reason_code IN ('REVIEWER_APPROVED', 'REVIEWER_DENIED') ORDER BY decided_at")) {
            ps.setString(1, AuditTime.format(from));
            ps.setString(2, AuditTime.format(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reviews.add(new Review(rs.getString(1), "REVIEWER_APPROVED".equals(rs.getString(2)),
                            AuditTime.parse(rs.getString(3)), AuditTime.parse(rs.getString(4))));
                }
            }
        }
        return reviews;
    }

    /** Incidents opened in {@code [from, to)}, and incidents not closed (any opening date). */
    static IncidentFigures incidents(Connection c, Instant from, Instant to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT "
                + "(SELECT COUNT(*) FROM incident WHERE opened_at >= ? AND opened_at < ?), "
                + "(SELECT COUNT(*) FROM incident WHERE status <> 'CLOSED')")) {
            ps.setString(1, AuditTime.format(from));
            ps.setString(2, AuditTime.format(to));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new IncidentFigures(rs.getLong(1), rs.getLong(2));
            }
        }
    }
}
