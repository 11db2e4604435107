package dev.arbiter.core.exercise;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.core.audit.AuditTime;
import dev.arbiter.core.playbook.Playbook;
import dev.arbiter.core.playbook.PlaybookCodec;
import dev.arbiter.core.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SQL of tabletop exercises. Every method takes the connection of the caller's transaction (or a read
 * connection); the rules live in {@link Exercises}, and the V17 triggers keep steps unchanged and an ended
 * exercise locked.
 */
final class ExerciseStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final String COLUMNS = "id, scenario, playbook_id, playbook_yaml, participants, facilitator,"
            + " status, planned_at, planned_by, started_at, ended_at, findings, score";

    long insert(Connection c, ExercisePlan plan, Playbook playbook, String yaml, Instant now, String actor)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO exercise(scenario, playbook_id, playbook_yaml,"
                + " participants, facilitator, status, planned_at, planned_by, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, 'PLANNED', ?, ?, ?) RETURNING id")) {
            ps.setString(1, plan.scenario());
            ps.setString(2, playbook.id());
            ps.setString(3, yaml);
            ps.setString(4, json(plan.participants()));
            ps.setString(5, plan.facilitator());
            ps.setString(6, AuditTime.format(now));
            ps.setString(7, actor);
            ps.setString(8, AuditTime.format(now));
            try (ResultSet keys = ps.executeQuery()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    void start(Connection c, long id, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE exercise SET status = 'RUNNING', started_at = ?,"
                + " updated_at = ? WHERE id = ?")) {
            ps.setString(1, AuditTime.format(now));
            ps.setString(2, AuditTime.format(now));
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }

    void end(Connection c, long id, String findings, int score, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE exercise SET status = 'ENDED', ended_at = ?,"
                + " findings = ?, score = ?, updated_at = ? WHERE id = ?")) {
            ps.setString(1, AuditTime.format(now));
            ps.setString(2, findings);
            ps.setInt(3, score);
            ps.setString(4, AuditTime.format(now));
            ps.setLong(5, id);
            ps.executeUpdate();
        }
    }

    void insertStep(Connection c, long id, StepDone s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO exercise_step(exercise_id, step, done_at,"
                + " done_by, note, recorded_by, audit_seq) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, id);
            ps.setInt(2, s.step());
            ps.setString(3, AuditTime.format(s.doneAt()));
            ps.setString(4, s.doneBy());
            ps.setString(5, s.note());
            ps.setString(6, s.recordedBy());
            ps.setLong(7, s.auditSeq());
            ps.executeUpdate();
        }
    }

    Optional<Exercise> load(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM exercise WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(exercise(rs, steps(c, id))) : Optional.empty();
            }
        }
    }

    /** Every exercise, newest first, each with its steps. */
    List<Exercise> list(Connection c) throws SQLException {
        Map<Long, List<StepDone>> steps = new LinkedHashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT exercise_id, step, done_at,"
                + " done_by, note, recorded_by, audit_seq FROM exercise_step ORDER BY exercise_id, step")) {
            while (rs.next()) {
                steps.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(step(rs, 2));
            }
        }
        List<Exercise> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT " + COLUMNS
                + " FROM exercise ORDER BY id DESC")) {
            while (rs.next()) {
                out.add(exercise(rs, steps.getOrDefault(rs.getLong(1), List.of())));
            }
        }
        return out;
    }

    /** How many exercises ended, and the latest one's end and score. */
    ExerciseEvidence evidence(Connection c) throws SQLException {
        int count;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT COUNT(*) FROM exercise WHERE status = 'ENDED'")) {
            rs.next();
            count = rs.getInt(1);
        }
        if (count == 0) {
            return ExerciseEvidence.NONE;
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT ended_at, score FROM exercise"
                + " WHERE status = 'ENDED' ORDER BY ended_at DESC, id DESC LIMIT 1")) {
            rs.next();
            return new ExerciseEvidence(count, Optional.of(AuditTime.parse(rs.getString(1))),
                    Optional.of(rs.getInt(2)));
        }
    }

    private static List<StepDone> steps(Connection c, long id) throws SQLException {
        List<StepDone> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT step, done_at, done_by, note, recorded_by, audit_seq"
                + " FROM exercise_step WHERE exercise_id = ? ORDER BY step")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(step(rs, 1));
                }
            }
        }
        return out;
    }

    private static StepDone step(ResultSet rs, int first) throws SQLException {
        return new StepDone(rs.getInt(first), AuditTime.parse(rs.getString(first + 1)), rs.getString(first + 2),
                rs.getString(first + 3), rs.getString(first + 4), rs.getLong(first + 5));
    }

    private static Exercise exercise(ResultSet rs, List<StepDone> steps) throws SQLException {
        long id = rs.getLong("id");
        PlaybookCodec.Result parsed = PlaybookCodec.parse(rs.getString("playbook_id") + ".yaml",
                rs.getString("playbook_yaml"));
        Playbook playbook = parsed.playbook().orElseThrow(() -> new StoreException("Exercise " + id
                + ": its copy of the playbook no longer reads: " + parsed.problems()));
        String started = rs.getString("started_at");
        String ended = rs.getString("ended_at");
        int score = rs.getInt("score");
        Optional<Integer> scored = rs.wasNull() ? Optional.empty() : Optional.of(score);
        return new Exercise(id, rs.getString("scenario"), playbook, parse(rs.getString("participants")),
                rs.getString("facilitator"), ExerciseStatus.valueOf(rs.getString("status")),
                AuditTime.parse(rs.getString("planned_at")), rs.getString("planned_by"),
                started == null ? null : AuditTime.parse(started), ended == null ? null : AuditTime.parse(ended),
                rs.getString("findings"), scored, steps);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreException("Cannot encode " + value, e);
        }
    }

    private static List<String> parse(String text) {
        try {
            return List.copyOf(JSON.readValue(text, STRINGS));
        } catch (JsonProcessingException e) {
            throw new StoreException("Unreadable exercise participants: " + e.getOriginalMessage(), e);
        }
    }
}
