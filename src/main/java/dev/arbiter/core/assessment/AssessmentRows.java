package dev.arbiter.core.assessment;

import dev.arbiter.core.audit.AuditTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the rows of one assessment version into values: the version row itself and its risks, reviews and
 * exceptions. Part of the store layer ({@link AssessmentStore} says which version); every method takes the
 * caller's connection.
 */
final class AssessmentRows {

    private AssessmentRows() {
    }

    /** The version in the current row of {@code rs} (selected with the store's version columns), with its parts. */
    static Assessment assessment(ResultSet rs, List<Risk> risks, List<Review> reviews,
                                 List<RiskException> exceptions) throws SQLException {
        SystemOverview overview = new SystemOverview(rs.getString("system_name"), rs.getString("business_purpose"),
                rs.getInt("agent_count"), AssessmentColumns.strings(rs.getString("agent_ids")), AssessmentColumns.strings(rs.getString("external_tools")),
                rs.getString("owner"));
        DataClassification data = new DataClassification(
                AssessmentColumns.enums(DataClass.class, rs.getString("data_classes")),
                AssessmentColumns.enums(Regulation.class, rs.getString("regulations")),
                rs.getString("data_residency"), rs.getString("retention"));
        AssessmentContent content = new AssessmentContent(overview, data, risks,
                ReviewCadence.valueOf(rs.getString("review_cadence")));
        AssessmentStatus status = AssessmentStatus.valueOf(rs.getString("status"));
        Decision decision = rs.getString("decided_at") == null ? null
                : new Decision(status == AssessmentStatus.APPROVED, rs.getString("decided_by"),
                        AuditTime.parse(rs.getString("decided_at")), rs.getString("decision_comment"));
        String next = rs.getString("next_review_date");
        return new Assessment(rs.getLong("assessment_id"), rs.getInt("version"), status, content, reviews, exceptions,
                rs.getString("created_by"), AuditTime.parse(rs.getString("created_at")), rs.getString("updated_by"),
                AuditTime.parse(rs.getString("updated_at")), rs.getString("submitted_by"),
                AssessmentColumns.instant(rs.getString("submitted_at")), decision, next == null ? null : LocalDate.parse(next));
    }

    /** The risks of one version, in the order the assessor listed them. */
    static List<Risk> risks(Connection c, long id, int version) throws SQLException {
        List<Risk> risks = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT category, from_guide, likelihood, impact, mitigation,"
                + " owner, residual_likelihood, residual_impact FROM assessment_risk"
                + " WHERE assessment_id = ? AND version = ? ORDER BY position")) {
            ps.setLong(1, id);
            ps.setInt(2, version);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    risks.add(new Risk(rs.getString(1), rs.getInt(2) != 0, AssessmentColumns.nullableInt(rs, 3), AssessmentColumns.nullableInt(rs, 4),
                            rs.getString(5), rs.getString(6), AssessmentColumns.nullableInt(rs, 7), AssessmentColumns.nullableInt(rs, 8)));
                }
            }
        }
        return risks;
    }

    /** The reviews of one version, at most one per kind, in {@link ReviewKind} order. */
    static List<Review> reviews(Connection c, long id, int version) throws SQLException {
        Map<ReviewKind, Review> byKind = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT kind, verdict, reviewer, reviewed_at, comment,"
                + " recorded_by FROM assessment_review WHERE assessment_id = ? AND version = ?")) {
            ps.setLong(1, id);
            ps.setInt(2, version);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ReviewKind kind = ReviewKind.valueOf(rs.getString(1));
                    byKind.put(kind, new Review(kind, Verdict.valueOf(rs.getString(2)), rs.getString(3),
                            AuditTime.parse(rs.getString(4)), rs.getString(5), rs.getString(6)));
                }
            }
        }
        List<Review> ordered = new ArrayList<>();
        for (ReviewKind kind : ReviewKind.values()) {
            if (byKind.containsKey(kind)) {
                ordered.add(byKind.get(kind));
            }
        }
        return ordered;
    }

    /** The accepted risk exceptions of one version, oldest first. */
    static List<RiskException> exceptions(Connection c, long id, int version) throws SQLException {
        List<RiskException> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT category, justification, accepted_by, accepted_at"
                + " FROM assessment_exception WHERE assessment_id = ? AND version = ? ORDER BY accepted_at")) {
            ps.setLong(1, id);
            ps.setInt(2, version);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RiskException(rs.getString(1), rs.getString(2), rs.getString(3),
                            AuditTime.parse(rs.getString(4))));
                }
            }
        }
        return out;
    }

    /** The highest residual rating among one version's risks, or null when none is rated. */
    static Rating topResidual(Connection c, long id, int version) throws SQLException {
        return Assessment.highestResidual(risks(c, id, version)).map(Risk::residual).orElse(null);
    }
}
