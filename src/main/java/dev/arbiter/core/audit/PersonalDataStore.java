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
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM audit_personal WHERE subject_id = ? AND seq = ?")) {
            for (long seq : seqs) {
                ps.setString(1, subjectId);
                ps.setLong(2, seq);
                fields += ps.executeUpdate();
            }
        }
        return fields;
    }

    /**
     * The first stored value that does not open the commitment its entry's signed body holds for it (the table was
     * edited), as a sentence naming the entry and field; empty when every value opens.
     */
    static java.util.Optional<String> firstAltered(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT p.seq, p.field, p.salt, p.value, e.body FROM "
                + "audit_personal p JOIN audit_entry e ON e.seq = p.seq ORDER BY p.seq, p.field")) {
            ps.setFetchSize(1024);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String commitment = PersonalData.commitmentIn(rs.getString(5), rs.getString(2));
                    if (commitment == null || !PersonalData.opens(rs.getString(3), rs.getString(4), commitment)) {
                        return java.util.Optional.of("Entry #" + rs.getLong(1) + "'s personal field "
                                + rs.getString(2) + " was altered: its stored value no longer matches the commitment "
                                + "in the signed entry.");
                    }
                }
            }
        }
        return java.util.Optional.empty();
    }
}
