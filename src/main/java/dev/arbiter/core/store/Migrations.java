package dev.arbiter.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The versioned schema runner. Migrations are classpath resources
 * {@code db/migration/V<n>.sql}, numbered from 1 without gaps; each runs once,
 * in its own transaction, and is recorded in {@code schema_version}.
 * (Flyway's SQLite support needs a newer Java than we target, and a dozen
 * lines do the job.) Statements are separated by a line holding only
 * {@code --;} so that trigger bodies may contain semicolons.
 */
public final class Migrations {

    private static final String RESOURCE = "/db/migration/V%d.sql";
    private static final String SEPARATOR = "\n--;";

    private final List<String> scripts;

    private Migrations(List<String> scripts) {
        this.scripts = scripts;
    }

    public static Migrations fromClasspath() {
        List<String> scripts = new ArrayList<>();
        for (int version = 1; ; version++) {
            try (InputStream in = Migrations.class.getResourceAsStream(RESOURCE.formatted(version))) {
                if (in == null) {
                    break;
                }
                scripts.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new StoreException("Cannot read migration V" + version, e);
            }
        }
        return new Migrations(scripts);
    }

    public int latestVersion() {
        return scripts.size();
    }

    /** The schema version recorded in the file, 0 for a new file. */
    public static int currentVersion(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                    + "version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
            try (var rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    /** Applies every migration above the file's version; returns how many ran. */
    public int migrate(Connection connection) throws SQLException {
        int current = currentVersion(connection);
        int applied = 0;
        for (int version = current + 1; version <= scripts.size(); version++) {
            connection.setAutoCommit(false);
            try (Statement st = connection.createStatement()) {
                for (String sql : scripts.get(version - 1).split(SEPARATOR)) {
                    if (!sql.isBlank()) {
                        st.execute(sql);
                    }
                }
                try (var ps = connection.prepareStatement(
                        "INSERT INTO schema_version(version, applied_at) VALUES (?, ?)")) {
                    ps.setInt(1, version);
                    ps.setString(2, Instant.now().toString());
                    ps.executeUpdate();
                }
                connection.commit();
                applied++;
            } catch (SQLException e) {
                connection.rollback();
                throw new SQLException("Migration V" + version + " failed: " + e.getMessage(), e);
            } finally {
                connection.setAutoCommit(true);
            }
        }
        return applied;
    }
}
