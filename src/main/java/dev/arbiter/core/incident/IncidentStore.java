package dev.arbiter.core.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.core.audit.AuditTime;
import dev.arbiter.core.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SQL of incidents. Every method takes the connection of the caller's transaction (or a read
 * connection); the rules live in {@link IncidentRegister}, and the V14 triggers keep the timeline
 * append-only and a closed incident locked.
 */
final class IncidentStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<List<Long>> SEQS = new TypeReference<>() { };
    private static final String COLUMNS = "id, title, severity, status, agents, entries, pinned_from, pinned_to,"
            + " source_alert, policies, serious, aware_at, reported_at, root_cause, follow_ups, opened_at, opened_by,"
            + " updated_at";

    /** An open incident whose pinned range meets a range. */
    record Pin(long id, String title, LedgerRange range) {
    }

    long insert(Connection c, NewIncident n, Optional<LedgerRange> pinned, List<String> policies, Instant awareAt,
                Instant now, String actor) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO incident(title, severity, status, agents, entries,"
                + " pinned_from, pinned_to, source_alert, policies, serious, aware_at, opened_at, opened_by, updated_at)"
                + " VALUES (?, ?, 'OPEN', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
            ps.setString(1, n.title());
            ps.setString(2, n.severity().name());
            ps.setString(3, json(n.agents()));
            ps.setString(4, json(n.entries()));
            setRange(ps, 5, pinned);
            ps.setString(7, n.sourceAlert());
            ps.setString(8, json(policies));
            ps.setString(9, n.classification().name());
            ps.setString(10, AuditTime.format(awareAt));
            ps.setString(11, AuditTime.format(now));
            ps.setString(12, actor);
            ps.setString(13, AuditTime.format(now));
            try (ResultSet keys = ps.executeQuery()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static void setRange(PreparedStatement ps, int i, Optional<LedgerRange> range) throws SQLException {
        if (range.isPresent()) {
            ps.setLong(i, range.get().from());
            ps.setLong(i + 1, range.get().to());
        } else {
            ps.setNull(i, Types.BIGINT);
            ps.setNull(i + 1, Types.BIGINT);
        }
    }

    void appendEvent(Connection c, long id, TimelineEvent e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO incident_event(incident_id, position, kind, at,"
                + " actor, note, audit_seq) VALUES (?, (SELECT COALESCE(MAX(position), 0) + 1 FROM incident_event"
                + " WHERE incident_id = ?), ?, ?, ?, ?, ?)")) {
            ps.setLong(1, id);
            ps.setLong(2, id);
            ps.setString(3, e.kind().name());
            ps.setString(4, AuditTime.format(e.at()));
            ps.setString(5, e.actor());
            ps.setString(6, e.note());
            if (e.auditSeq() == null) {
                ps.setNull(7, Types.BIGINT);
            } else {
                ps.setLong(7, e.auditSeq());
            }
            ps.executeUpdate();
        }
    }

    void setStatus(Connection c, long id, IncidentStatus status, Instant now) throws SQLException {
        update(c, id, "status = ?", status.name(), now);
    }

    void setClassification(Connection c, long id, SeriousIncidentClass cls, Instant now) throws SQLException {
        update(c, id, "serious = ?", cls.name(), now);
    }

    void setReported(Connection c, long id, Instant at, Instant now) throws SQLException {
        update(c, id, "reported_at = ?", AuditTime.format(at), now);
    }

    void setRootCause(Connection c, long id, String text, Instant now) throws SQLException {
        update(c, id, "root_cause = ?", text, now);
    }

    void setFollowUps(Connection c, long id, List<String> followUps, Instant now) throws SQLException {
        update(c, id, "follow_ups = ?", json(followUps), now);
    }

    void setEvidence(Connection c, long id, List<Long> entries, Optional<LedgerRange> pinned, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE incident SET entries = ?, pinned_from = ?,"
                + " pinned_to = ?, updated_at = ? WHERE id = ?")) {
            ps.setString(1, json(entries));
            setRange(ps, 2, pinned);
            ps.setString(4, AuditTime.format(now));
            ps.setLong(5, id);
            ps.executeUpdate();
        }
    }

    private static void update(Connection c, long id, String assignment, String value, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE incident SET " + assignment
                + ", updated_at = ? WHERE id = ?")) {
            ps.setString(1, value);
            ps.setString(2, AuditTime.format(now));
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }

    Optional<Incident> load(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM incident WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(incident(rs, timeline(c, id)));
            }
        }
    }

    /** Every incident, newest first, each with its timeline. */
    List<Incident> list(Connection c) throws SQLException {
        Map<Long, List<TimelineEvent>> timelines = new LinkedHashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT incident_id, kind, at, actor,"
                + " note, audit_seq FROM incident_event ORDER BY incident_id, position")) {
            while (rs.next()) {
                timelines.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(event(rs, 2));
            }
        }
        List<Incident> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT " + COLUMNS
                + " FROM incident ORDER BY id DESC")) {
            while (rs.next()) {
                out.add(incident(rs, timelines.getOrDefault(rs.getLong(1), List.of())));
            }
        }
        return out;
    }

    /** The incidents not closed whose pinned range meets {@code from}..{@code to}, oldest first. */
    List<Pin> activePinsOverlapping(Connection c, long from, long to) throws SQLException {
        List<Pin> pins = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, title, pinned_from, pinned_to FROM incident"
                + " WHERE status <> 'CLOSED' AND pinned_from IS NOT NULL AND pinned_from <= ? AND pinned_to >= ?"
                + " ORDER BY id")) {
            ps.setLong(1, to);
            ps.setLong(2, from);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    pins.add(new Pin(rs.getLong(1), rs.getString(2), new LedgerRange(rs.getLong(3), rs.getLong(4))));
                }
            }
        }
        return pins;
    }

    /** The event of ledger entry {@code seq}, empty when there is no such entry (never written, or pruned). */
    Optional<String> entryEvent(Connection c, long seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT event FROM audit_entry WHERE seq = ?")) {
            ps.setLong(1, seq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** The first entry after {@code afterSeq} of {@code event} for {@code agentId} (null: no agent), if any. */
    Optional<Long> firstEntryAfter(Connection c, long afterSeq, String event, String agentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MIN(seq) FROM audit_entry WHERE seq > ? AND event = ?"
                + (agentId == null ? " AND agent_id IS NULL" : " AND agent_id = ?"))) {
            ps.setLong(1, afterSeq);
            ps.setString(2, event);
            if (agentId != null) {
                ps.setString(3, agentId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long seq = rs.getLong(1);
                return rs.wasNull() ? Optional.empty() : Optional.of(seq);
            }
        }
    }

    private static List<TimelineEvent> timeline(Connection c, long id) throws SQLException {
        List<TimelineEvent> events = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT kind, at, actor, note, audit_seq FROM incident_event"
                + " WHERE incident_id = ? ORDER BY position")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(event(rs, 1));
                }
            }
        }
        return events;
    }

    private static TimelineEvent event(ResultSet rs, int first) throws SQLException {
        long seq = rs.getLong(first + 4);
        Long auditSeq = rs.wasNull() ? null : seq;
        return new TimelineEvent(TimelineKind.valueOf(rs.getString(first)), AuditTime.parse(rs.getString(first + 1)),
                rs.getString(first + 2), rs.getString(first + 3), auditSeq);
    }

    private static Incident incident(ResultSet rs, List<TimelineEvent> timeline) throws SQLException {
        long from = rs.getLong("pinned_from");
        Optional<LedgerRange> pinned = rs.wasNull() ? Optional.empty()
                : Optional.of(new LedgerRange(from, rs.getLong("pinned_to")));
        String reported = rs.getString("reported_at");
        return new Incident(rs.getLong("id"), rs.getString("title"), Severity.valueOf(rs.getString("severity")),
                IncidentStatus.valueOf(rs.getString("status")), parse(rs.getString("agents"), STRINGS),
                parse(rs.getString("entries"), SEQS), pinned, rs.getString("source_alert"),
                parse(rs.getString("policies"), STRINGS), SeriousIncidentClass.valueOf(rs.getString("serious")),
                AuditTime.parse(rs.getString("aware_at")), reported == null ? null : AuditTime.parse(reported),
                rs.getString("root_cause"), parse(rs.getString("follow_ups"), STRINGS),
                AuditTime.parse(rs.getString("opened_at")), rs.getString("opened_by"),
                AuditTime.parse(rs.getString("updated_at")), List.copyOf(timeline));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreException("Cannot encode " + value, e);
        }
    }

    private static <T> List<T> parse(String text, TypeReference<List<T>> type) {
        try {
            return List.copyOf(JSON.readValue(text, type));
        } catch (JsonProcessingException e) {
            throw new StoreException("Unreadable incident field: " + e.getOriginalMessage(), e);
        }
    }
}
