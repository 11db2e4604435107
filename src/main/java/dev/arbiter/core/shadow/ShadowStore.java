package dev.arbiter.core.shadow;

import dev.arbiter.core.audit.AuditTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** SQL of the {@code policy_shadow} table (V18); portable (SQLite and PostgreSQL run the same text). */
final class ShadowStore {

    private ShadowStore() {
    }

    /** Every agent's shadow, by agent id. */
    static Map<String, ShadowAssignment> all(Connection c) throws SQLException {
        Map<String, ShadowAssignment> all = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT agent_id, policy_name, policy_version, started_at,"
                + " started_by FROM policy_shadow"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ShadowAssignment s = new ShadowAssignment(rs.getString(1), rs.getString(2), rs.getInt(3),
                        AuditTime.parse(rs.getString(4)), rs.getString(5));
                all.put(s.agentId(), s);
            }
        }
        return all;
    }

    /** The agent's shadow row read inside the caller's transaction; null when it has none. */
    static ShadowAssignment find(Connection c, String agentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT agent_id, policy_name, policy_version, started_at,"
                + " started_by FROM policy_shadow WHERE agent_id = ?")) {
            ps.setString(1, agentId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new ShadowAssignment(rs.getString(1), rs.getString(2), rs.getInt(3),
                        AuditTime.parse(rs.getString(4)), rs.getString(5)) : null;
            }
        }
    }

    /** Puts {@code s} in place of the agent's shadow, if any. */
    static void put(Connection c, ShadowAssignment s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO policy_shadow(agent_id, policy_name,"
                + " policy_version, started_at, started_by) VALUES (?, ?, ?, ?, ?) ON CONFLICT(agent_id) DO UPDATE"
                + " SET policy_name = excluded.policy_name, policy_version = excluded.policy_version,"
                + " started_at = excluded.started_at, started_by = excluded.started_by")) {
            ps.setString(1, s.agentId());
            ps.setString(2, s.policy());
            ps.setInt(3, s.version());
            ps.setString(4, AuditTime.format(s.startedAt()));
            ps.setString(5, s.startedBy());
            ps.executeUpdate();
        }
    }

    static void remove(Connection c, String agentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM policy_shadow WHERE agent_id = ?")) {
            ps.setString(1, agentId);
            ps.executeUpdate();
        }
    }
}
