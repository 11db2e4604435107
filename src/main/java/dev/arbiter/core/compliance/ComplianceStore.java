package dev.arbiter.core.compliance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.core.audit.AuditTime;
import dev.arbiter.core.policy.ActionPattern;
import dev.arbiter.core.policy.DataClass;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The SQL of compliance mapping: user-added regulations and requirements, and recorded controls. */
final class ComplianceStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A regulation a user added (its requirements are read separately). */
    record UserRegulation(String id, String name, String summary) {
    }

    private ComplianceStore() {
    }

    static List<UserRegulation> regulations(Connection c) throws SQLException {
        List<UserRegulation> list = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, name, summary FROM compliance_regulation ORDER BY created_at, id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                list.add(new UserRegulation(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
        }
        return list;
    }

    static List<Requirement> requirements(Connection c) throws SQLException {
        List<Requirement> list = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, regulation_id, title, description, applies_to "
                + "FROM compliance_requirement ORDER BY created_at, id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Applicability appliesTo;
                try {
                    appliesTo = ComplianceCatalog.applicability(JSON.readTree(rs.getString(5)));
                } catch (JsonProcessingException e) {
                    throw new SQLException("requirement " + rs.getString(1) + " has unreadable applicability", e);
                }
                list.add(new Requirement(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        appliesTo, null, null, false));
            }
        }
        return list;
    }

    static void insertRegulation(Connection c, UserRegulation r, String actor, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO compliance_regulation(id, name, summary, "
                + "created_by, created_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, r.id());
            ps.setString(2, r.name());
            ps.setString(3, r.summary());
            ps.setString(4, actor);
            ps.setString(5, AuditTime.format(at));
            ps.executeUpdate();
        }
    }

    static void insertRequirement(Connection c, Requirement r, String actor, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO compliance_requirement(id, regulation_id, title, "
                + "description, applies_to, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, r.id());
            ps.setString(2, r.regulationId());
            ps.setString(3, r.title());
            ps.setString(4, r.description());
            ps.setString(5, json(r.appliesTo()));
            ps.setString(6, actor);
            ps.setString(7, AuditTime.format(at));
            ps.executeUpdate();
        }
    }

    static String json(Applicability a) {
        ObjectNode node = JSON.createObjectNode();
        node.put("all", a.all());
        ArrayNode classes = node.putArray("data_classes");
        a.dataClasses().stream().sorted().map(DataClass::label).forEach(classes::add);
        ArrayNode actions = node.putArray("actions");
        a.actions().stream().map(ActionPattern::text).forEach(actions::add);
        return node.toString();
    }

    /** Controls keyed by agent id, then requirement id. */
    static Map<String, Map<String, ControlRecord>> controls(Connection c) throws SQLException {
        Map<String, Map<String, ControlRecord>> all = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT agent_id, requirement_id, status, control, evidence, "
                + "recorded_by, recorded_at FROM compliance_control");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ControlRecord r = new ControlRecord(rs.getString(1), rs.getString(2),
                        ControlStatus.fromWire(rs.getString(3)), rs.getString(4), rs.getString(5), rs.getString(6),
                        AuditTime.parse(rs.getString(7)));
                all.computeIfAbsent(r.agentId(), k -> new HashMap<>()).put(r.requirementId(), r);
            }
        }
        return all;
    }

    static void upsertControl(Connection c, ControlRecord r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO compliance_control(agent_id, requirement_id, "
                + "status, control, evidence, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT(agent_id, requirement_id) DO UPDATE SET status = excluded.status, "
                + "control = excluded.control, evidence = excluded.evidence, recorded_by = excluded.recorded_by, "
                + "recorded_at = excluded.recorded_at")) {
            ps.setString(1, r.agentId());
            ps.setString(2, r.requirementId());
            ps.setString(3, r.status().wireName());
            ps.setString(4, r.control());
            ps.setString(5, r.evidence());
            ps.setString(6, r.recordedBy());
            ps.setString(7, AuditTime.format(r.recordedAt()));
            ps.executeUpdate();
        }
    }

    static boolean deleteControl(Connection c, String agentId, String requirementId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM compliance_control WHERE agent_id = ? AND requirement_id = ?")) {
            ps.setString(1, agentId);
            ps.setString(2, requirementId);
            return ps.executeUpdate() > 0;
        }
    }
}
