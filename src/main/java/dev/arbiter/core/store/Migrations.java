package dev.arbiter.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The versioned schema runner. Migrations are classpath resources
 * {@code db/migration/V<n>.sql}, numbered from 1; each runs once, in its own
 * transaction, and is recorded in {@code schema_version}. Numbers are handed
 * out to engineers working in parallel, so a branch may hold V9 before V6..V8
 * exist: a gap is skipped, and a lower number that appears later (after a
 * merge) still runs, because what runs is every script not yet recorded, not
 * every number above the highest recorded.
 * (Flyway's SQLite support needs a newer Java than we target, and a dozen
 * lines do the job.) Statements are separated by a line holding only
 * {@code --;} so that trigger bodies may contain semicolons.
 */
public final class Migrations {

    private static final String RESOURCE = "/db/migration/V%d.sql";
    private static final String SEPARATOR = "\n--;";

    /** Scanning stops after this many missing numbers in a row. */
    private static final int MAX_GAP = 16;

    private final SortedMap<Integer, String> scripts;

    private Migrations(SortedMap<Integer, String> scripts) {
        this.scripts = scripts;
    }

    public static Migrations fromClasspath() {
        SortedMap<Integer, String> scripts = new TreeMap<>();
        for (int version = 1, missing = 0; missing < MAX_GAP; version++) {
            try (InputStream in = Migrations.class.getResourceAsStream(RESOURCE.formatted(version))) {
                if (in == null) {
                    missing++;
                    continue;
                }
                missing = 0;
                scripts.put(version, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new StoreException("Cannot read migration V" + version, e);
            }
        }
        return new Migrations(scripts);
    }

    /** The highest migration number this Arbiter ships. */
    public int latestVersion() {
        return scripts.isEmpty() ? 0 : scripts.lastKey();
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

    /** Applies every migration the file has not recorded yet, lowest first; returns how many ran. */
    public int migrate(Connection connection) throws SQLException {
        currentVersion(connection);
        Set<Integer> recorded = new HashSet<>();
        try (Statement st = connection.createStatement();
             var rs = st.executeQuery("SELECT version FROM schema_version")) {
            while (rs.next()) {
                recorded.add(rs.getInt(1));
            }
        }
        int applied = 0;
        for (var script : scripts.entrySet()) {
            int version = script.getKey();
            if (recorded.contains(version)) {
                continue;
            }
            connection.setAutoCommit(false);
            try (Statement st = connection.createStatement()) {
                for (String sql : script.getValue().split(SEPARATOR)) {
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
