package dev.arbiter.core.readiness;

import dev.arbiter.core.audit.AuditTime;
import dev.arbiter.core.store.Tx;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SQL of readiness assessments and their checklist. Writes take the
 * caller's {@link Tx} so that a change and its audit entry commit together;
 * reads take a connection. Completed assessments are also guarded by triggers
 * (see V3.sql), so even a bug here cannot change history.
 */
final class ReadinessStore {

    private static final String ASSESSMENT_COLUMNS = "id, subject, assessed_on, assessor, status, copied_from, "
            + "created_at, updated_at, completed_at, completed_by, ready_minimum, warning_score";

    private ReadinessStore() {
    }

    static long insertAssessment(Tx tx, Assessment a) throws SQLException {
        long id;
        try (PreparedStatement ps = tx.connection().prepareStatement(
                "INSERT INTO readiness_assessment(subject, assessed_on, assessor, status, copied_from, created_at, "
                        + "updated_at) VALUES (?, ?, ?, 'draft', ?, ?, ?) RETURNING id")) {
            ps.setString(1, a.subject());
            ps.setString(2, a.assessedOn().toString());
            ps.setString(3, a.assessor());
            setLong(ps, 4, a.copiedFrom());
            ps.setString(5, AuditTime.format(a.createdAt()));
            ps.setString(6, AuditTime.format(a.updatedAt()));
            id = generatedId(ps);
        }
        writeScores(tx, id, a);
        return id;
    }

    /** Saves a draft's header and scores; returns false when no draft has that id. */
    static boolean updateDraft(Tx tx, Assessment a, Instant now) throws SQLException {
        try (PreparedStatement ps = tx.connection().prepareStatement(
                "UPDATE readiness_assessment SET subject = ?, assessed_on = ?, assessor = ?, updated_at = ? "
                        + "WHERE id = ? AND status = 'draft'")) {
            ps.setString(1, a.subject());
            ps.setString(2, a.assessedOn().toString());
            ps.setString(3, a.assessor());
            ps.setString(4, AuditTime.format(now));
            ps.setLong(5, a.id());
            if (ps.executeUpdate() == 0) {
                return false;
            }
        }
        writeScores(tx, a.id(), a);
        return true;
    }

    private static void writeScores(Tx tx, long id, Assessment a) throws SQLException {
        try (PreparedStatement ps = tx.connection().prepareStatement(
                "INSERT INTO readiness_score(assessment_id, dimension, score, notes) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT(assessment_id, dimension) DO UPDATE SET score = excluded.score, "
                        + "notes = excluded.notes")) {
            for (DimensionScore s : a.scores().values()) {
                ps.setLong(1, id);
                ps.setString(2, s.dimension().key());
                if (s.score() == null) {
                    ps.setNull(3, Types.INTEGER);
                } else {
                    ps.setInt(3, s.score());
                }
                ps.setString(4, s.notes());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static void markCompleted(Tx tx, long id, Instant at, String actor, ReadinessThresholds thresholds)
            throws SQLException {
        try (PreparedStatement ps = tx.connection().prepareStatement(
                "UPDATE readiness_assessment SET status = 'completed', completed_at = ?, completed_by = ?, "
                        + "updated_at = ?, ready_minimum = ?, warning_score = ? WHERE id = ? AND status = 'draft'")) {
            ps.setString(1, AuditTime.format(at));
            ps.setString(2, actor);
            ps.setString(3, AuditTime.format(at));
            ps.setInt(4, thresholds.readyMinimum());
            ps.setInt(5, thresholds.warningScore());
            ps.setLong(6, id);
            ps.executeUpdate();
        }
    }

    static void deleteDraft(Tx tx, long id) throws SQLException {
        try (PreparedStatement ps = tx.connection().prepareStatement(
                "DELETE FROM readiness_assessment WHERE id = ? AND status = 'draft'")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    /** Reads one assessment; {@code weakScore} fills in the one threshold not stored with it. */
    static Optional<Assessment> find(Connection c, long id, int weakScore) throws SQLException {
        List<Assessment> found = select(c, "WHERE id = ?", id, weakScore);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Every assessment, newest first (by date assessed, then by id). */
    static List<Assessment> all(Connection c, int weakScore) throws SQLException {
        return select(c, "", null, weakScore);
    }

    private static List<Assessment> select(Connection c, String where, Long id, int weakScore) throws SQLException {
        Map<Long, Map<Dimension, DimensionScore>> scores = scores(c, id);
        List<Assessment> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + ASSESSMENT_COLUMNS
                + " FROM readiness_assessment " + where + " ORDER BY assessed_on DESC, id DESC")) {
            if (id != null) {
                ps.setLong(1, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long rowId = rs.getLong("id");
                    int ready = rs.getInt("ready_minimum");
                    ReadinessThresholds thresholds = rs.wasNull() ? null
                            : new ReadinessThresholds(ready, rs.getInt("warning_score"), weakScore);
                    result.add(new Assessment(rowId, rs.getString("subject"),
                            LocalDate.parse(rs.getString("assessed_on")), rs.getString("assessor"),
                            AssessmentStatus.fromKey(rs.getString("status")), scores.get(rowId),
                            getLong(rs, "copied_from"), instant(rs, "created_at"), instant(rs, "updated_at"),
                            instant(rs, "completed_at"), rs.getString("completed_by"), thresholds));
                }
            }
        }
        return result;
    }

    private static Map<Long, Map<Dimension, DimensionScore>> scores(Connection c, Long id) throws SQLException {
        Map<Long, Map<Dimension, DimensionScore>> byAssessment = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT assessment_id, dimension, score, notes "
                + "FROM readiness_score" + (id == null ? "" : " WHERE assessment_id = ?"))) {
            if (id != null) {
                ps.setLong(1, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Dimension d = Dimension.fromKey(rs.getString(2));
                    int score = rs.getInt(3);
                    Integer value = rs.wasNull() ? null : score;
                    byAssessment.computeIfAbsent(rs.getLong(1), k -> new EnumMap<>(Dimension.class))
                            .put(d, new DimensionScore(d, value, rs.getString(4)));
                }
            }
        }
        return byAssessment;
    }

    // --- checklist

    private static final String ITEM_COLUMNS =
            "id, assessment_id, step_key, text, dimension, phase, owner, due_on, done_at, created_at";

    static long insertItem(Tx tx, ChecklistItem item) throws SQLException {
        try (PreparedStatement ps = tx.connection().prepareStatement("INSERT INTO readiness_step(assessment_id, "
                + "step_key, text, dimension, phase, owner, due_on, done_at, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
            ps.setLong(1, item.assessmentId());
            ps.setString(2, item.stepKey());
            ps.setString(3, item.text());
            ps.setString(4, item.dimension() == null ? null : item.dimension().key());
            ps.setString(5, item.phase().key());
            ps.setString(6, item.owner());
            ps.setString(7, item.dueOn() == null ? null : item.dueOn().toString());
            ps.setString(8, item.doneAt() == null ? null : AuditTime.format(item.doneAt()));
            ps.setString(9, AuditTime.format(item.createdAt()));
            return generatedId(ps);
        }
    }

    /** Runs an {@code INSERT ... RETURNING id} (portable: SQLite 3.35+ and PostgreSQL) and gives the id. */
    private static long generatedId(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void updateItem(Tx tx, ChecklistItem item) throws SQLException {
        try (PreparedStatement ps = tx.connection().prepareStatement(
                "UPDATE readiness_step SET owner = ?, due_on = ?, done_at = ? WHERE id = ?")) {
            ps.setString(1, item.owner());
            ps.setString(2, item.dueOn() == null ? null : item.dueOn().toString());
            ps.setString(3, item.doneAt() == null ? null : AuditTime.format(item.doneAt()));
            ps.setLong(4, item.id());
            ps.executeUpdate();
        }
    }

    static void deleteItem(Tx tx, long id) throws SQLException {
        try (PreparedStatement ps = tx.connection().prepareStatement("DELETE FROM readiness_step WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    static Optional<ChecklistItem> item(Connection c, long id) throws SQLException {
        List<ChecklistItem> found = items(c, "WHERE id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** The tracker of the subject of assessment {@code assessmentId}: items tracked from any of its assessments. */
    static List<ChecklistItem> tracker(Connection c, long assessmentId) throws SQLException {
        return items(c, "WHERE assessment_id IN (SELECT other.id FROM readiness_assessment other "
                + "JOIN readiness_assessment this ON lower(trim(other.subject)) = lower(trim(this.subject)) "
                + "WHERE this.id = ?)", assessmentId);
    }

    private static List<ChecklistItem> items(Connection c, String where, long key) throws SQLException {
        List<ChecklistItem> items = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + ITEM_COLUMNS + " FROM readiness_step " + where
                + " ORDER BY phase, due_on, id")) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String dimension = rs.getString("dimension");
                    String due = rs.getString("due_on");
                    items.add(new ChecklistItem(rs.getLong("id"), rs.getLong("assessment_id"),
                            rs.getString("step_key"), rs.getString("text"),
                            dimension == null ? null : Dimension.fromKey(dimension),
                            Phase.fromKey(rs.getString("phase")), rs.getString("owner"),
                            due == null ? null : LocalDate.parse(due), instant(rs, "done_at"),
                            instant(rs, "created_at")));
                }
            }
        }
        return items;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        String text = rs.getString(column);
        return text == null ? null : AuditTime.parse(text);
    }

    private static Long getLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setLong(index, value);
        }
    }
}
