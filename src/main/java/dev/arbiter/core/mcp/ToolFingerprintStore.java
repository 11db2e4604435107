package dev.arbiter.core.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.core.audit.AuditTime;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SQL of pinned MCP tools. They live in the {@code setting} table under
 * {@code mcp.tool/<agent>/<tool>} (one JSON value each), so the feature needs
 * no schema change; a dedicated table can replace this class alone.
 */
final class ToolFingerprintStore {

    private static final String PREFIX = "mcp.tool/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ToolFingerprintStore() {
    }

    static Optional<PinnedTool> find(Connection c, String agentId, String tool) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM setting WHERE key = ?")) {
            ps.setString(1, key(agentId, tool));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(parse(agentId, tool, rs.getString(1))) : Optional.empty();
            }
        }
    }

    static List<PinnedTool> list(Connection c, String agentId) throws SQLException {
        String prefix = agentId == null ? PREFIX : PREFIX + agentId + "/";
        List<PinnedTool> tools = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT key, value FROM setting WHERE substr(key, 1, ?) = ? ORDER BY key")) {
            ps.setInt(1, prefix.length());
            ps.setString(2, prefix);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String rest = rs.getString(1).substring(PREFIX.length());
                    int slash = rest.indexOf('/');
                    tools.add(parse(rest.substring(0, slash), rest.substring(slash + 1), rs.getString(2)));
                }
            }
        }
        return tools;
    }

    static void put(Connection c, PinnedTool tool) throws SQLException {
        ObjectNode value = JSON.createObjectNode();
        value.put("accepted", tool.acceptedFingerprint());
        value.put("seen", tool.seenFingerprint());
        value.put("accepted_description", tool.acceptedDescription());
        value.put("description", tool.description());
        value.put("accepted_schema", tool.acceptedSchema());
        value.put("schema", tool.schema());
        value.put("first_seen", AuditTime.format(tool.firstSeen()));
        value.put("changed_at", tool.changedAt() == null ? null : AuditTime.format(tool.changedAt()));
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO setting(key, value) VALUES (?, ?) "
                + "ON CONFLICT(key) DO UPDATE SET value = excluded.value")) {
            ps.setString(1, key(tool.agentId(), tool.tool()));
            ps.setString(2, value.toString());
            ps.executeUpdate();
        }
    }

    private static String key(String agentId, String tool) {
        return PREFIX + agentId + "/" + tool;
    }

    private static PinnedTool parse(String agentId, String tool, String text) throws SQLException {
        try {
            JsonNode v = JSON.readTree(text);
            return new PinnedTool(agentId, tool, v.path("accepted").asText(), v.path("seen").asText(),
                    v.path("accepted_description").asText(), v.path("description").asText(),
                    v.path("accepted_schema").asText(), v.path("schema").asText(),
                    AuditTime.parse(v.path("first_seen").asText()),
                    v.path("changed_at").isTextual() ? AuditTime.parse(v.get("changed_at").asText()) : null);
        } catch (IOException | RuntimeException e) {
            throw new SQLException("pinned tool " + tool + " of " + agentId + " is unreadable: " + e.getMessage(), e);
        }
    }
}
