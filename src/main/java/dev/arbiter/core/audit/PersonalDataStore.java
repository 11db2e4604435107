package dev.arbiter.core.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** SQL of {@code audit_personal}: the personal fields kept beside the ledger ({@link PersonalData}). */
public final class PersonalDataStore {

    /** An entry holding a subject's personal data, with the agent it is about (for legal holds) and its trace. */
    public record Held(long seq, String agentId, String traceId) {
    }

    private PersonalDataStore() {
    }

    /** Inserts the values split off entry {@code seq}; runs in the transaction that inserts the entry. */
    static void insert(Connection c, List<Long> seqs, List<PersonalData.Value> values, List<String> subjects)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO audit_personal(seq, field, subject_id, salt, value) VALUES (?, ?, ?, ?, ?)")) {
            for (int i = 0; i < values.size(); i++) {
                PersonalData.Value v = values.get(i);
                ps.setLong(1, seqs.get(i));
                ps.setString(2, v.field());
                ps.setString(3, subjects.get(i));
                ps.setString(4, v.salt());
                ps.setString(5, v.literal());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Entry {@code seq}'s stored values by field (commitment left empty), empty after erasure. */
    static Map<String, PersonalData.Value> of(Connection c, long seq) throws SQLException {
        Map<String, PersonalData.Value> values = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT field, salt, value FROM audit_personal WHERE seq = ?")) {
            ps.setLong(1, seq);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.put(rs.getString(1), new PersonalData.Value(rs.getString(1), rs.getString(2),
                            rs.getString(3), ""));
                }
            }
        }
        return values;
    }

    /** The subject entry {@code seq}'s values are stored under, or null (none, or erased). */
    static String subjectOf(Connection c, long seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT subject_id FROM audit_personal WHERE seq = ? LIMIT 1")) {
            ps.setLong(1, seq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** The entries holding personal data of {@code subjectId} (exact match), oldest first. */
    public static List<Held> entriesOf(Connection c, String subjectId) throws SQLException {
        List<Held> held = new ArrayList<>();
        // agent_id and trace_id are generated from the hashed body on both vendors, so no edit can move them.
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT p.seq, e.agent_id, e.trace_id FROM audit_personal p "
                + "JOIN audit_entry e ON e.seq = p.seq WHERE p.subject_id = ? ORDER BY p.seq")) {
            ps.setString(1, subjectId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    held.add(new Held(rs.getLong(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return held;
    }

    /** Deletes {@code subjectId}'s values of the given entries; returns how many fields were deleted. */
    public static int erase(Connection c, String subjectId, List<Long> seqs) throws SQLException {
        int fields = 0;
        // The subject's own commitment row goes too (the id is personal data), but is not a field to count.
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM audit_personal WHERE subject_id = ? AND seq = ? AND field <> ?");
             PreparedStatement subject = c.prepareStatement(
                "DELETE FROM audit_personal WHERE subject_id = ? AND seq = ? AND field = ?")) {
            for (long seq : seqs) {
                ps.setString(1, subjectId);
                ps.setLong(2, seq);
                ps.setString(3, PersonalData.SUBJECT);
                fields += ps.executeUpdate();
                subject.setString(1, subjectId);
                subject.setLong(2, seq);
                subject.setString(3, PersonalData.SUBJECT);
                subject.executeUpdate();
            }
        }
        return fields;
    }

    /**
     * The first stored value that does not open the commitment its entry's signed body holds for it (the table was
     * edited), as a sentence naming the entry and field; empty when every value opens. Where the body commits to
     * its subject, every row of the entry must also name that subject: a changed {@code subject_id} would let an
     * erasure miss the person's fields (or erase another's).
     */
    static java.util.Optional<String> firstAltered(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT p.seq, p.field, p.salt, p.value, e.body, p.subject_id "
                + "FROM audit_personal p JOIN audit_entry e ON e.seq = p.seq ORDER BY p.seq, p.field")) {
            ps.setFetchSize(1024);
            try (ResultSet rs = ps.executeQuery()) {
                long seq = -1;
                List<String> subjects = new ArrayList<>();
                String body = null;
                while (rs.next()) {
                    if (rs.getLong(1) != seq) {
                        java.util.Optional<String> problem = subjectProblem(seq, body, subjects);
                        if (problem.isPresent()) {
                            return problem;
                        }
                        seq = rs.getLong(1);
                        subjects.clear();
                        body = rs.getString(5);
                    }
                    String field = rs.getString(2);
                    String commitment = PersonalData.commitmentIn(body, field);
                    if (commitment == null || !PersonalData.opens(rs.getString(3), rs.getString(4), commitment)) {
                        return java.util.Optional.of("Entry #" + seq + "'s personal field " + field + " was altered: "
                                + "its stored value no longer matches the commitment in the signed entry.");
                    }
                    if (field.equals(PersonalData.SUBJECT)
                            && !rs.getString(6).equals(PersonalData.subjectIn(rs.getString(4)))) {
                        return java.util.Optional.of(subjectAltered(seq));
                    }
                    subjects.add(rs.getString(6));
                }
                return subjectProblem(seq, body, subjects);
            }
        }
    }

    /** Every row of an entry names one subject, and the one its body commits to is there when it commits to one. */
    private static java.util.Optional<String> subjectProblem(long seq, String body, List<String> subjects) {
        if (body == null) {
            return java.util.Optional.empty();
        }
        boolean committed = PersonalData.commitmentIn(body, PersonalData.SUBJECT) != null;
        if (subjects.stream().distinct().count() > 1 || (committed && subjects.size() > 0
                && !hasSubjectRow(subjects.size(), body))) {
            return java.util.Optional.of(subjectAltered(seq));
        }
        return java.util.Optional.empty();
    }

    /** Whether as many rows as the body has commitments are left (the subject's among them; erasure takes all). */
    private static boolean hasSubjectRow(int rows, String body) {
        int committed = 0;
        for (String field : PersonalData.FIELDS) {
            if (PersonalData.commitmentIn(body, field) != null) {
                committed++;
            }
        }
        return rows == committed + 1;
    }

    private static String subjectAltered(long seq) {
        return "Entry #" + seq + "'s personal data in audit_personal was altered: its rows no longer match the data "
                + "subject the signed entry commits to (a changed subject_id, or a row removed outside an erasure), so "
                + "an erasure would miss or wrongly erase its fields.";
    }
}
