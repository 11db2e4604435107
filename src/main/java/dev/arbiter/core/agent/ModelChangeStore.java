package dev.arbiter.core.agent;

import dev.arbiter.core.audit.AuditTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SQL of model change requests. Callers own the transaction. */
final class ModelChangeStore {

    private static final String COLUMNS = "id, agent_id, role, from_model, to_model, reason, evidence_kind, evidence,"
            + " evidence_note, status, requested_by, requested_at, decided_by, decided_at, decision_note, applied_by,"
            + " applied_at";

    private ModelChangeStore() {
    }

    static long insert(Connection c, String agentId, ModelRole role, String from, String to, String reason,
                       TestEvidence evidence, String actor, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO model_change(agent_id, role, from_model, to_model,"
                + " reason, evidence_kind, evidence, evidence_note, status, requested_by, requested_at) VALUES "
                + "(?, ?, ?, ?, ?, ?, ?, ?, 'REQUESTED', ?, ?) RETURNING id")) {
            ps.setString(1, agentId);
            ps.setString(2, role.name());
            ps.setString(3, from);
            ps.setString(4, to);
            ps.setString(5, reason);
            ps.setString(6, evidence.kind());
            ps.setString(7, evidence.reference());
            ps.setString(8, evidence instanceof TestEvidence.JUnitReport j ? j.note() : "");
            ps.setString(9, actor);
            ps.setString(10, AuditTime.format(now));
            try (ResultSet keys = ps.executeQuery()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    static Optional<ModelChangeRequest> find(Connection c, long id) throws SQLException {
        List<ModelChangeRequest> found = query(c, "WHERE id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Every request, newest first; only those of {@code agentId} when it is not null. */
    static List<ModelChangeRequest> list(Connection c, String agentId) throws SQLException {
        return agentId == null ? query(c, "ORDER BY id DESC") : query(c, "WHERE agent_id = ? ORDER BY id DESC",
                agentId);
    }

    /** The open (requested or approved) request for {@code agentId}'s {@code role}, if any. */
    static Optional<ModelChangeRequest> open(Connection c, String agentId, ModelRole role) throws SQLException {
        List<ModelChangeRequest> found = query(c, "WHERE agent_id = ? AND role = ? AND status IN ('REQUESTED', "
                + "'APPROVED') ORDER BY id LIMIT 1", agentId, role.name());
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Moves request {@code id} from {@code from} to a decision; false when it is no longer in {@code from}. */
    static boolean decide(Connection c, long id, ModelChangeStatus from, ModelChangeStatus to, String actor,
                          String note, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE model_change SET status = ?, decided_by = ?, "
                + "decided_at = ?, decision_note = ? WHERE id = ? AND status = ?")) {
            ps.setString(1, to.name());
            ps.setString(2, actor);
            ps.setString(3, AuditTime.format(now));
            ps.setString(4, note);
            ps.setLong(5, id);
            ps.setString(6, from.name());
            return ps.executeUpdate() == 1;
        }
    }

    /** Marks an approved request applied; false when it is no longer approved. */
    static boolean applied(Connection c, long id, String actor, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE model_change SET status = 'APPLIED', applied_by = ?, "
                + "applied_at = ? WHERE id = ? AND status = 'APPROVED'")) {
            ps.setString(1, actor);
            ps.setString(2, AuditTime.format(now));
            ps.setLong(3, id);
            return ps.executeUpdate() == 1;
        }
    }

    private static List<ModelChangeRequest> query(Connection c, String where, Object... args) throws SQLException {
        List<ModelChangeRequest> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM model_change " + where)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(request(rs));
                }
            }
        }
        return out;
    }

    private static ModelChangeRequest request(ResultSet rs) throws SQLException {
        TestEvidence evidence = "JUNIT".equals(rs.getString("evidence_kind"))
                ? junit(rs.getString("evidence"), rs.getString("evidence_note"))
                : new TestEvidence.Reference(rs.getString("evidence"));
        return new ModelChangeRequest(rs.getLong("id"), rs.getString("agent_id"), ModelRole.valueOf(rs.getString("role")),
                rs.getString("from_model"), rs.getString("to_model"), rs.getString("reason"), evidence,
                ModelChangeStatus.valueOf(rs.getString("status")), rs.getString("requested_by"),
                time(rs.getString("requested_at")), rs.getString("decided_by"), time(rs.getString("decided_at")),
                rs.getString("decision_note"), rs.getString("applied_by"), time(rs.getString("applied_at")));
    }

    private static TestEvidence.JUnitReport junit(String path, String note) {
        String[] n = note.split(",");
        int[] v = new int[4];
        for (int i = 0; i < 4 && i < n.length; i++) {
            v[i] = n[i].isBlank() ? 0 : Integer.parseInt(n[i].strip());
        }
        return new TestEvidence.JUnitReport(path, v[0], v[1], v[2], v[3]);
    }

    private static Instant time(String text) {
        return text == null ? null : AuditTime.parse(text);
    }
}
