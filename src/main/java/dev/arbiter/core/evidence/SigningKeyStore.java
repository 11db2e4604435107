package dev.arbiter.core.evidence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** SQL of {@code audit_signing_key}, the workspace's published signing-key set: the one place that knows it. */
final class SigningKeyStore {

    private SigningKeyStore() {
    }

    /** Publishes {@code key}; false when it was published already. */
    static boolean publish(Connection c, NoteKey key, String host, String now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_signing_key(verifier_key, key_id, host, "
                + "first_used) VALUES (?, ?, ?, ?) ON CONFLICT (verifier_key) DO NOTHING")) {
            ps.setString(1, key.verifierKey());
            ps.setString(2, java.util.HexFormat.of().formatHex(key.keyId()));
            ps.setString(3, host);
            ps.setString(4, now);
            return ps.executeUpdate() == 1;
        }
    }

    /** Every published key's verifier key, oldest first. */
    static List<String> all(Connection c) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT verifier_key FROM audit_signing_key "
                + "ORDER BY first_used, verifier_key"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
        }
        return keys;
    }
}
