package dev.arbiter.core.token;

import dev.arbiter.core.audit.AuditTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL of the {@code agent_token} table (V5). */
final class TokenStore {

    private static final String COLUMNS = "id, agent_id, created_at, created_by, expires_at, revoked_at, revoked_by, "
            + "token_sha256";

    /** A stored token with the hash to compare a presented one against. */
    record Row(TokenInfo info, String sha256) {
    }

    private TokenStore() {
    }

    static void insert(Connection c, TokenInfo t, String sha256) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO agent_token(" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, t.id());
            ps.setString(2, t.agentId());
            ps.setString(3, AuditTime.format(t.createdAt()));
            ps.setString(4, t.createdBy());
            ps.setString(5, AuditTime.format(t.expiresAt()));
            ps.setString(6, null);
            ps.setString(7, null);
            ps.setString(8, sha256);
            ps.executeUpdate();
        }
    }

    static Optional<Row> find(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM agent_token WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Row(info(rs), rs.getString(8))) : Optional.empty();
            }
        }
    }

    /** Every token, newest first. */
    static List<TokenInfo> all(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM agent_token ORDER BY created_at DESC, id"); ResultSet rs = ps.executeQuery()) {
            List<TokenInfo> out = new ArrayList<>();
            while (rs.next()) {
                out.add(info(rs));
            }
            return out;
        }
    }

    static boolean revoke(Connection c, String id, Instant at, String by) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE agent_token SET revoked_at = ?, revoked_by = ?"
                + " WHERE id = ? AND revoked_at IS NULL")) {
            ps.setString(1, AuditTime.format(at));
            ps.setString(2, by);
            ps.setString(3, id);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Stores the last use of each token; a stored time only moves forward, so of several gateways
     * writing the same token the latest use wins (V24). A token deleted meanwhile is skipped.
     */
    static void recordUses(Connection c, java.util.Map<String, Instant> uses) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO agent_token_use(token_id, last_used_at)"
                + " SELECT id, ? FROM agent_token WHERE id = ?"
                + " ON CONFLICT (token_id) DO UPDATE SET last_used_at = excluded.last_used_at"
                + " WHERE excluded.last_used_at > agent_token_use.last_used_at")) {
            for (java.util.Map.Entry<String, Instant> e : uses.entrySet()) {
                ps.setString(1, AuditTime.format(e.getValue()));
                ps.setString(2, e.getKey());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The stored last use of every token that has one. */
    static java.util.Map<String, Instant> lastUses(Connection c) throws SQLException {
        java.util.Map<String, Instant> out = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT token_id, last_used_at FROM agent_token_use");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), AuditTime.parse(rs.getString(2)));
            }
        }
        return out;
    }

    private static TokenInfo info(ResultSet rs) throws SQLException {
        String revoked = rs.getString(6);
        return new TokenInfo(rs.getString(1), rs.getString(2), AuditTime.parse(rs.getString(3)), rs.getString(4),
                AuditTime.parse(rs.getString(5)), revoked == null ? null : AuditTime.parse(revoked), rs.getString(7));
    }
}
