package dev.arbiter.core.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/** Key/value workspace settings (retention, thresholds, gateway port, reviewer name). */
public final class Settings {

    private final Database database;

    public Settings(Database database) {
        this.database = database;
    }

    public Optional<String> get(String key) {
        return database.read(c -> get(c, key));
    }

    public String get(String key, String fallback) {
        return get(key).orElse(fallback);
    }

    public int getInt(String key, int fallback) {
        return get(key).map(v -> {
            try {
                return Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }).orElse(fallback);
    }

    public boolean getBoolean(String key, boolean fallback) {
        return get(key).map(Boolean::parseBoolean).orElse(fallback);
    }

    public void put(String key, String value) {
        database.write(tx -> put(tx, key, value));
    }

    /** Reads a setting inside a caller's transaction (sees what it wrote). */
    public static Optional<String> get(java.sql.Connection c, String key) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM setting WHERE key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Writes a setting as part of a caller's transaction. */
    public static Void put(Tx tx, String key, String value) throws java.sql.SQLException {
        try (PreparedStatement ps = tx.connection().prepareStatement(
                "INSERT INTO setting(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")) {
            ps.setString(1, key);
            ps.setString(2, value);
            ps.executeUpdate();
        }
        return null;
    }
}
