package dev.arbiter.core.assessment;

import dev.arbiter.core.audit.AuditTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of assessments. Every method takes the connection of the caller's
 * transaction (or a read connection); the workflow rules live in
 * {@link AssessmentService}, and the V4 triggers refuse changes to decided versions.
 */
final class AssessmentStore {

    /** Edits of one field by one person closer together than this are one line of history. */
    static final Duration FOLD_WINDOW = Duration.ofMinutes(10);

    private static final String VERSION_COLUMNS = "assessment_id, version, status, system_name, business_purpose,"
            + " agent_count, agent_ids, external_tools, owner, data_classes, regulations, data_residency, retention,"
            + " review_cadence, created_at, created_by, updated_at, updated_by, submitted_at, submitted_by,"
            + " decided_at, decided_by, decision_comment, next_review_date";

    long insertAssessment(Connection c, Instant at, String actor) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO assessment(created_at, created_by) VALUES (?, ?) RETURNING id")) {
            ps.setString(1, AuditTime.format(at));
            ps.setString(2, actor);
            try (ResultSet keys = ps.executeQuery()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    void insertVersion(Connection c, long id, int version, AssessmentContent content, Instant at, String actor)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO assessment_version(assessment_id, version,"
                + " status, system_name, business_purpose, agent_count, agent_ids, external_tools, owner, data_classes,"
                + " regulations, data_residency, retention, review_cadence, created_at, created_by, updated_at,"
                + " updated_by) VALUES (?, ?, 'DRAFT', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, id);
            ps.setInt(2, version);
            int i = bindContent(ps, 3, content);
            ps.setString(i++, AuditTime.format(at));
            ps.setString(i++, actor);
            ps.setString(i++, AuditTime.format(at));
            ps.setString(i, actor);
            ps.executeUpdate();
        }
        insertRisks(c, id, version, content.risks());
    }

    void updateContent(Connection c, long id, int version, AssessmentContent content, Instant at, String actor)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE assessment_version SET system_name = ?,"
                + " business_purpose = ?, agent_count = ?, agent_ids = ?, external_tools = ?, owner = ?,"
                + " data_classes = ?, regulations = ?, data_residency = ?, retention = ?, review_cadence = ?,"
                + " updated_at = ?, updated_by = ? WHERE assessment_id = ? AND version = ?")) {
            int i = bindContent(ps, 1, content);
            ps.setString(i++, AuditTime.format(at));
            ps.setString(i++, actor);
            ps.setLong(i++, id);
            ps.setInt(i, version);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM assessment_risk WHERE assessment_id = ? AND version = ?")) {
            ps.setLong(1, id);
            ps.setInt(2, version);
            ps.executeUpdate();
        }
        insertRisks(c, id, version, content.risks());
    }

    private static int bindContent(PreparedStatement ps, int first, AssessmentContent content) throws SQLException {
        int i = first;
        SystemOverview o = content.overview();
        DataClassification d = content.data();
        ps.setString(i++, o.systemName());
        ps.setString(i++, o.businessPurpose());
        ps.setInt(i++, o.agentCount());
        ps.setString(i++, AssessmentColumns.json(o.agentIds()));
        ps.setString(i++, AssessmentColumns.json(o.externalTools()));
        ps.setString(i++, o.owner());
        ps.setString(i++, AssessmentColumns.json(d.classes().stream().map(Enum::name).toList()));
        ps.setString(i++, AssessmentColumns.json(d.regulations().stream().map(Enum::name).toList()));
        ps.setString(i++, d.residency());
        ps.setString(i++, d.retention());
        ps.setString(i++, content.cadence().name());
        return i;
    }

    private static void insertRisks(Connection c, long id, int version, List<Risk> risks) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO assessment_risk(assessment_id, version, position,"
                + " category, from_guide, likelihood, impact, mitigation, owner, residual_likelihood, residual_impact)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int p = 0; p < risks.size(); p++) {
                Risk r = risks.get(p);
                ps.setLong(1, id);
                ps.setInt(2, version);
                ps.setInt(3, p);
                ps.setString(4, r.category());
                ps.setInt(5, r.fromGuide() ? 1 : 0);
                AssessmentColumns.setNullableInt(ps, 6, r.likelihood());
                AssessmentColumns.setNullableInt(ps, 7, r.impact());
                ps.setString(8, r.mitigation());
                ps.setString(9, r.owner());
                AssessmentColumns.setNullableInt(ps, 10, r.residualLikelihood());
                AssessmentColumns.setNullableInt(ps, 11, r.residualImpact());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    void markSubmitted(Connection c, long id, int version, Instant at, String actor) throws SQLException {
        update(c, "UPDATE assessment_version SET status = 'IN_REVIEW', submitted_at = ?, submitted_by = ?"
                + " WHERE assessment_id = ? AND version = ?", AuditTime.format(at), actor, id, version);
    }

    /** Back to draft: the reviews and exceptions given to the submitted content no longer hold. */
    void markReturned(Connection c, long id, int version) throws SQLException {
        update(c, "DELETE FROM assessment_review WHERE assessment_id = ? AND version = ?", id, version);
        update(c, "DELETE FROM assessment_exception WHERE assessment_id = ? AND version = ?", id, version);
        update(c, "UPDATE assessment_version SET status = 'DRAFT', submitted_at = NULL, submitted_by = NULL"
                + " WHERE assessment_id = ? AND version = ?", id, version);
    }

    void markDecided(Connection c, long id, int version, Decision decision, LocalDate nextReviewDate)
            throws SQLException {
        update(c, "UPDATE assessment_version SET status = ?, decided_at = ?, decided_by = ?, decision_comment = ?,"
                        + " next_review_date = ? WHERE assessment_id = ? AND version = ?",
                decision.approved() ? AssessmentStatus.APPROVED.name() : AssessmentStatus.REJECTED.name(),
                AuditTime.format(decision.decidedAt()), decision.decidedBy(), decision.comment(),
                nextReviewDate == null ? null : nextReviewDate.toString(), id, version);
    }

    void putReview(Connection c, long id, int version, Review review) throws SQLException {
        update(c, "INSERT INTO assessment_review(assessment_id, version, kind, verdict, reviewer, reviewed_at, comment,"
                        + " recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(assessment_id, version, kind)"
                        + " DO UPDATE SET verdict = excluded.verdict, reviewer = excluded.reviewer,"
                        + " reviewed_at = excluded.reviewed_at, comment = excluded.comment,"
                        + " recorded_by = excluded.recorded_by",
                id, version, review.kind().name(), review.verdict().name(), review.reviewer(),
                AuditTime.format(review.reviewedAt()), review.comment(), review.recordedBy());
    }

    void putException(Connection c, long id, int version, RiskException exception) throws SQLException {
        update(c, "INSERT INTO assessment_exception(assessment_id, version, category, justification, accepted_by,"
                        + " accepted_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(assessment_id, version, category)"
                        + " DO UPDATE SET justification = excluded.justification, accepted_by = excluded.accepted_by,"
                        + " accepted_at = excluded.accepted_at",
                id, version, exception.category(), exception.justification(), exception.acceptedBy(),
                AuditTime.format(exception.acceptedAt()));
    }

    /**
     * Adds the differences to the version's history. A difference in the same
     * field by the same person as the newest line, within {@link #FOLD_WINDOW},
     * extends that line (typing a name is one change, not one per keystroke);
     * a field edited back to its old value drops the line.
     */
    void recordChanges(Connection c, long id, int version, Instant at, String actor,
                       List<ContentDiff.Difference> differences) throws SQLException {
        for (ContentDiff.Difference d : differences) {
            Optional<StoredChange> last = lastChange(c, id, version);
            if (last.isPresent() && last.get().change().field().equals(d.field())
                    && last.get().change().actor().equals(actor)
                    && Duration.between(last.get().change().at(), at).compareTo(FOLD_WINDOW) <= 0) {
                if (last.get().change().before().equals(d.after())) {
                    update(c, "DELETE FROM assessment_change WHERE id = ?", last.get().rowId());
                } else {
                    update(c, "UPDATE assessment_change SET after_value = ?, changed_at = ? WHERE id = ?",
                            d.after(), AuditTime.format(at), last.get().rowId());
                }
                continue;
            }
            update(c, "INSERT INTO assessment_change(assessment_id, version, changed_at, actor, field, before_value,"
                    + " after_value) VALUES (?, ?, ?, ?, ?, ?, ?)", id, version, AuditTime.format(at), actor,
                    d.field(), d.before(), d.after());
        }
    }

    private record StoredChange(long rowId, FieldChange change) {
    }

    private static Optional<StoredChange> lastChange(Connection c, long id, int version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, changed_at, actor, field, before_value, after_value"
                + " FROM assessment_change WHERE assessment_id = ? AND version = ? ORDER BY id DESC LIMIT 1")) {
            ps.setLong(1, id);
            ps.setInt(2, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new StoredChange(rs.getLong(1), change(rs, 2))) : Optional.empty();
            }
        }
    }

    List<FieldChange> changes(Connection c, long id, int version) throws SQLException {
        List<FieldChange> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT changed_at, actor, field, before_value, after_value"
                + " FROM assessment_change WHERE assessment_id = ? AND version = ? ORDER BY id")) {
            ps.setLong(1, id);
            ps.setInt(2, version);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(change(rs, 1));
                }
            }
        }
        return out;
    }

    private static FieldChange change(ResultSet rs, int first) throws SQLException {
        return new FieldChange(AuditTime.parse(rs.getString(first)), rs.getString(first + 1),
                rs.getString(first + 2), rs.getString(first + 3), rs.getString(first + 4));
    }

    /** The condition that a version (aliased {@code v}) is not discarded (V24). */
    private static final String NOT_DISCARDED = " NOT EXISTS (SELECT 1 FROM assessment_discard d"
            + " WHERE d.assessment_id = v.assessment_id AND d.version = v.version)";

    /** The newest version that is not discarded. */
    int latestVersion(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT MAX(v.version) FROM assessment_version v WHERE v.assessment_id = ? AND" + NOT_DISCARDED)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                int v = rs.next() ? rs.getInt(1) : 0;
                if (v == 0) {
                    throw new UnknownAssessmentException(id);
                }
                return v;
            }
        }
    }

    /** The highest version number ever used, discarded or not: the next version takes the one after. */
    int highestVersionNumber(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT MAX(version) FROM assessment_version WHERE assessment_id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    /** Marks a draft version discarded; the V24 trigger refuses any other status. */
    void markDiscarded(Connection c, long id, int version, Instant at, String actor) throws SQLException {
        update(c, "INSERT INTO assessment_discard(assessment_id, version, discarded_at, discarded_by)"
                + " VALUES (?, ?, ?, ?)", id, version, AuditTime.format(at), actor);
    }

    /** Removes the marker; false when the version was not discarded. */
    boolean unmarkDiscarded(Connection c, long id, int version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM assessment_discard WHERE assessment_id = ? AND version = ?")) {
            ps.setLong(1, id);
            ps.setInt(2, version);
            return ps.executeUpdate() == 1;
        }
    }

    /** The most recently discarded version of an assessment, if any. */
    Optional<Integer> lastDiscarded(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM assessment_discard"
                + " WHERE assessment_id = ? ORDER BY discarded_at DESC, version DESC LIMIT 1")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
            }
        }
    }

    boolean isDiscarded(Connection c, long id, int version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM assessment_discard WHERE assessment_id = ? AND version = ?")) {
            ps.setLong(1, id);
            ps.setInt(2, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * One version with its risks, reviews and exceptions; {@code version} null means the newest one not
     * discarded. A discarded version is not found (it has left every list and report until restored).
     */
    Assessment load(Connection c, long id, Integer version) throws SQLException {
        if (version != null && isDiscarded(c, id, version)) {
            throw UnknownAssessmentException.discarded(id, version);
        }
        int v = version != null ? version : latestVersion(c, id);
        Assessment head;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + VERSION_COLUMNS
                + " FROM assessment_version WHERE assessment_id = ? AND version = ?")) {
            ps.setLong(1, id);
            ps.setInt(2, v);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new UnknownAssessmentException(id, v);
                }
                head = AssessmentRows.assessment(rs, AssessmentRows.risks(c, id, v), AssessmentRows.reviews(c, id, v),
                        AssessmentRows.exceptions(c, id, v));
            }
        }
        return head;
    }

    List<VersionSummary> versions(Connection c, long id) throws SQLException {
        List<VersionSummary> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT version, status, created_by, created_at, decided_by,"
                + " decided_at, decision_comment FROM assessment_version v WHERE assessment_id = ? AND"
                + NOT_DISCARDED + " ORDER BY version")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    AssessmentStatus status = AssessmentStatus.valueOf(rs.getString(2));
                    Decision decision = rs.getString(6) == null ? null : new Decision(
                            status == AssessmentStatus.APPROVED, rs.getString(5), AuditTime.parse(rs.getString(6)),
                            rs.getString(7));
                    out.add(new VersionSummary(rs.getInt(1), status, rs.getString(3),
                            AuditTime.parse(rs.getString(4)), decision));
                }
            }
        }
        if (out.isEmpty()) {
            throw new UnknownAssessmentException(id);
        }
        return out;
    }

    /** The newest version of every assessment, most recently changed first. */
    List<AssessmentSummary> summaries(Connection c) throws SQLException {
        List<AssessmentSummary> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT v.assessment_id, v.version, v.system_name, v.status, v.owner, v.agent_ids, v.updated_at,"
                        + " (SELECT MAX(r.residual_likelihood * r.residual_impact) FROM assessment_risk r"
                        + "   WHERE r.assessment_id = v.assessment_id AND r.version = v.version) AS top_score,"
                        + " (SELECT a.next_review_date FROM assessment_version a WHERE a.assessment_id = v.assessment_id"
                        + "   AND a.status = 'APPROVED' ORDER BY a.version DESC LIMIT 1) AS next_review"
                        + " FROM assessment_version v"
                        + " WHERE v.version = (SELECT MAX(m.version) FROM assessment_version m"
                        + "   WHERE m.assessment_id = v.assessment_id AND NOT EXISTS (SELECT 1 FROM assessment_discard d"
                        + "     WHERE d.assessment_id = m.assessment_id AND d.version = m.version))"
                        + " ORDER BY v.updated_at DESC, v.assessment_id DESC")) {
            while (rs.next()) {
                long id = rs.getLong(1);
                int version = rs.getInt(2);
                out.add(new AssessmentSummary(id, version, rs.getString(3), AssessmentStatus.valueOf(rs.getString(4)),
                        rs.getString(5), AssessmentColumns.strings(rs.getString(6)), AssessmentRows.topResidual(c, id, version),
                        rs.getString(9) == null ? null : LocalDate.parse(rs.getString(9)),
                        AuditTime.parse(rs.getString(7))));
            }
        }
        return out;
    }

    private static void update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }
}
