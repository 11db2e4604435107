package dev.arbiter.core.policy;

import dev.arbiter.core.audit.AuditTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SQL of policies and their versions. Callers own the transaction. */
final class PolicyStore {

    private static final String VERSION_COLUMNS = "name, version, yaml, sha256, author, note, created_at";

    private PolicyStore() {
    }

    static Optional<Integer> latestVersion(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(version) FROM policy_version WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                int v = rs.next() ? rs.getInt(1) : 0;
                return v == 0 ? Optional.empty() : Optional.of(v);
            }
        }
    }

    static boolean exists(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM policy WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    static Optional<Integer> activeVersion(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT active_version FROM policy WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                int v = rs.getInt(1);
                return rs.wasNull() ? Optional.empty() : Optional.of(v);
            }
        }
    }

    static void createPolicy(Connection c, String name, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO policy(name, active_version, created_at, updated_at) VALUES (?, NULL, ?, ?)")) {
            ps.setString(1, name);
            ps.setString(2, AuditTime.format(at));
            ps.setString(3, AuditTime.format(at));
            ps.executeUpdate();
        }
    }

    static void insertVersion(Connection c, PolicyVersion v) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO policy_version(" + VERSION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, v.name());
            ps.setInt(2, v.version());
            ps.setString(3, v.yaml());
            ps.setString(4, v.sha256());
            ps.setString(5, v.author());
            ps.setString(6, v.note());
            ps.setString(7, AuditTime.format(v.createdAt()));
            ps.executeUpdate();
        }
        touch(c, v.name(), v.createdAt());
    }

    static void setActive(Connection c, String name, int version, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE policy SET active_version = ?, updated_at = ? WHERE name = ?")) {
            ps.setInt(1, version);
            ps.setString(2, AuditTime.format(at));
            ps.setString(3, name);
            ps.executeUpdate();
        }
    }

    private static void touch(Connection c, String name, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE policy SET updated_at = ? WHERE name = ?")) {
            ps.setString(1, AuditTime.format(at));
            ps.setString(2, name);
            ps.executeUpdate();
        }
    }

    static Optional<PolicyVersion> version(Connection c, String name, int version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + VERSION_COLUMNS + " FROM policy_version WHERE name = ? AND version = ?")) {
            ps.setString(1, name);
            ps.setInt(2, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(version(rs)) : Optional.empty();
            }
        }
    }

    /** Newest first. */
    static List<PolicyVersion> versions(Connection c, String name) throws SQLException {
        List<PolicyVersion> versions = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + VERSION_COLUMNS + " FROM policy_version WHERE name = ? ORDER BY version DESC")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    versions.add(version(rs));
                }
            }
        }
        return versions;
    }

    static List<PolicySummary> summaries(Connection c) throws SQLException {
        List<PolicySummary> list = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT p.name, p.active_version, (SELECT MAX(version) FROM policy_version v WHERE v.name = p.name),"
                        + " (SELECT COUNT(*) FROM agent a WHERE a.policy_name = p.name AND a.status <> 'retired'),"
                        + " p.updated_at FROM policy p ORDER BY p.name");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int active = rs.getInt(2);
                Integer activeVersion = rs.wasNull() ? null : active;
                list.add(new PolicySummary(rs.getString(1), activeVersion, rs.getInt(3), rs.getInt(4),
                        AuditTime.parse(rs.getString(5))));
            }
        }
        return list;
    }

    /** Every policy's active version number. */
    static java.util.Map<String, Integer> activeVersions(Connection c) throws SQLException {
        java.util.Map<String, Integer> active = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT name, active_version FROM policy WHERE active_version IS NOT NULL");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                active.put(rs.getString(1), rs.getInt(2));
            }
        }
        return active;
    }

    private static PolicyVersion version(ResultSet rs) throws SQLException {
        return new PolicyVersion(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), AuditTime.parse(rs.getString(7)));
    }
}
