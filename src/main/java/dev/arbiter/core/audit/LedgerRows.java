package dev.arbiter.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** SQL of the {@code audit_entry} table: the one place that knows its columns. */
final class LedgerRows {

    static final String COLUMNS = "seq, body, hash";
    static final String INSERT = "INSERT INTO audit_entry(seq, body, hash) VALUES (?, ?, ?)";
    static final String UP_TO = "SELECT seq, hash, body FROM audit_entry WHERE seq <= ? ORDER BY seq";
    static final String OF_EVENT = "SELECT body FROM audit_entry WHERE event = ? ORDER BY seq";
    static final String LAST = "SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1";

    private static final ObjectMapper JSON = new ObjectMapper();

    private LedgerRows() {
    }

    /** Where the chain starts: after the newest retention checkpoint, else at genesis. */
    static HeadAnchor.Head chainStart(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT first_seq, prev_hash FROM audit_checkpoint ORDER BY first_seq DESC LIMIT 1")) {
            if (rs.next()) {
                return new HeadAnchor.Head(rs.getLong(1) - 1, rs.getString(2));
            }
        }
        return HeadAnchor.Head.genesis();
    }

    /** The newest entry, else where the chain starts (after the newest checkpoint, or genesis). */
    static HeadAnchor.Head head(Connection c) throws SQLException {
        // prepared, not a plain statement: read in every ledger commit, and the writer keeps prepared ones compiled
        try (java.sql.PreparedStatement ps = c.prepareStatement(LAST); ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                return new HeadAnchor.Head(rs.getLong(1), rs.getString(2));
            }
        }
        return chainStart(c);
    }

    /** The body of entry {@code seq}, empty when there is no such entry. */
    static java.util.Optional<String> bodyOf(Connection c, long seq) throws SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT body FROM audit_entry WHERE seq = ?")) {
            ps.setLong(1, seq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? java.util.Optional.of(rs.getString(1)) : java.util.Optional.empty();
            }
        }
    }

    /** The bodies of every entry of one event, oldest first. */
    static List<String> bodiesOf(Connection c, String event) throws SQLException {
        List<String> bodies = new ArrayList<>();
        try (java.sql.PreparedStatement ps = c.prepareStatement(OF_EVENT)) {
            ps.setString(1, event);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    bodies.add(rs.getString(1));
                }
            }
        }
        return bodies;
    }

    /**
     * The seq before the oldest entry written at or after {@code cutoff} (or without a time), or the newest
     * seq when every entry is older: the end of the prefix retention may prune. 0 when there is none.
     */
    static long lastOfRunBefore(Connection c, String cutoff) throws SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT (SELECT MIN(seq) FROM audit_entry WHERE "
                + "timestamp >= ? OR timestamp IS NULL), (SELECT COALESCE(MAX(seq), 0) FROM audit_entry)")) {
            ps.setString(1, cutoff);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long firstYoung = rs.getLong(1);
                return rs.wasNull() ? rs.getLong(2) : firstYoung - 1;
            }
        }
    }

    /** The newest timestamp of each event in entries #{@code fromSeq}..#{@code toSeq} (a null key or value: missing). */
    static java.util.Map<String, String> newestByEvent(Connection c, long fromSeq, long toSeq) throws SQLException {
        java.util.Map<String, String> newest = new java.util.HashMap<>();
        try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT event, MAX(timestamp), COUNT(*), "
                + "COUNT(timestamp) FROM audit_entry WHERE seq >= ? AND seq <= ? GROUP BY event")) {
            ps.setLong(1, fromSeq);
            ps.setLong(2, toSeq);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    newest.put(rs.getString(1), rs.getLong(3) == rs.getLong(4) ? rs.getString(2) : null);
                }
            }
        }
        return newest;
    }

    /** The hash of entry {@code seq}, empty when there is no such entry. */
    static java.util.Optional<String> hashOf(Connection c, long seq) throws SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT hash FROM audit_entry WHERE seq = ?")) {
            ps.setLong(1, seq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? java.util.Optional.of(rs.getString(1)) : java.util.Optional.empty();
            }
        }
    }

    /** Reads the current row (selected with {@link #COLUMNS}) back into an entry. */
    static LedgerEntry entry(ResultSet rs) throws SQLException {
        long seq = rs.getLong(1);
        String body = rs.getString(2);
        try {
            JsonNode n = JSON.readTree(body);
            List<String> tools = new ArrayList<>();
            n.path("tools_used").forEach(t -> tools.add(t.asText()));
            AuditEntry entry = new AuditEntry(text(n, "trace_id"), text(n, "agent_id"), text(n, "session_id"),
                    AuditTime.parse(n.get("timestamp").asText()), n.get("event").asText(), text(n, "action"),
                    text(n, "input_summary"), text(n, "reasoning"), text(n, "output"), tools,
                    n.path("tokens_consumed").isNumber() ? n.get("tokens_consumed").asLong() : null,
                    n.path("latency_ms").isNumber() ? n.get("latency_ms").asLong() : null,
                    n.path("human_override").asBoolean(),
                    n.path("risk_score").isNumber() ? n.get("risk_score").asDouble() : null,
                    text(n, "decision"), text(n, "tier"), text(n, "reason_code"), text(n, "actor"),
                    text(n, "detail"), null);
            JsonNode personal = n.get(PersonalData.KEY);
            if (personal != null && personal.isObject()) {
                Connection c = rs.getStatement().getConnection();
                entry = PersonalData.open(entry, personal, PersonalDataStore.of(c, seq),
                        PersonalDataStore.subjectOf(c, seq));
            }
            return new LedgerEntry(seq, entry, text(n, "prev_hash"), rs.getString(3));
        } catch (IOException | RuntimeException e) {
            throw new SQLException("Audit entry #" + seq + " cannot be read (run Verify chain): " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
