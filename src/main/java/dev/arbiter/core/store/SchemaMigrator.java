package dev.arbiter.core.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Brings a database's schema up to date with Flyway, from
 * {@code db/migration/<vendor>/V<n>__<what>.sql} (one folder per vendor, the
 * same version numbers in both; see {@code db/migration/README.md}).
 *
 * <p>Workspaces made before Flyway carry the old runner's {@code schema_version}
 * table; Flyway is told to baseline them at the version found there, so they
 * upgrade in place. The old table is kept up to date after each migration, so
 * an older Arbiter (which reads only that table) still sees a newer schema and
 * opens the file read-only instead of writing to it.
 *
 * <p>Versions are whole numbers: a database whose newest version is above
 * {@link #knownVersion()} was made by a newer Arbiter and is not touched.
 */
final class SchemaMigrator {

    /** Flyway's history table (its default name, spelled out because the read-only check queries it). */
    static final String HISTORY_TABLE = "flyway_schema_history";
    private static final String LEGACY_TABLE = "schema_version";

    private final DataSource dataSource;
    private final SqlDialect dialect;
    private final Flyway flyway;

    SchemaMigrator(DataSource dataSource, SqlDialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.flyway = configure(0);
    }

    private Flyway configure(int baseline) {
        return configure(baseline, null, false);
    }

    /** {@code target}: stop after this version (null: the newest); {@code recordOnly}: record, do not run. */
    private Flyway configure(int baseline, Integer target, boolean recordOnly) {
        var config = Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + dialect.name().toLowerCase(Locale.ROOT))
                .table(HISTORY_TABLE)
                .failOnMissingLocations(true)
                .validateMigrationNaming(true);
        if (target != null) {
            config = config.target(Integer.toString(target)).skipExecutingMigrations(recordOnly);
        }
        if (baseline > 0) {
            config = config.baselineOnMigrate(true).baselineVersion(Integer.toString(baseline))
                    .baselineDescription("schema of the pre-Flyway runner");
        }
        return config.load();
    }

    /** The newest version this Arbiter ships for the vendor. */
    int knownVersion() {
        int known = 0;
        for (MigrationInfo info : flyway.info().all()) {
            // all() also lists what the database holds; a newer Arbiter's migrations are not ours.
            if (info.getVersion() != null && info.getState().isResolved()) {
                known = Math.max(known, major(info.getVersion()));
            }
        }
        return known;
    }

    /** The version the database is at: Flyway's history, else the old runner's table, else 0 (empty). */
    int foundVersion() {
        try (Connection c = dataSource.getConnection()) {
            if (hasTable(c, HISTORY_TABLE)) {
                return maxVersion(c, "SELECT version FROM " + HISTORY_TABLE + " WHERE success AND version IS NOT NULL");
            }
            if (hasTable(c, LEGACY_TABLE)) {
                return maxVersion(c, "SELECT version FROM " + LEGACY_TABLE);
            }
            return 0;
        } catch (SQLException e) {
            throw new StoreException("Cannot read the schema version: " + e.getMessage(), e);
        }
    }

    /**
     * Applies every migration above the database's version and returns how many
     * ran. Call only when {@link #foundVersion()} is not above {@link #knownVersion()}.
     *
     * @throws StoreException naming the migration that failed; nothing of it is kept
     */
    int migrate() {
        int found = foundVersion();
        try (Connection c = dataSource.getConnection()) {
            boolean legacy = !hasTable(c, HISTORY_TABLE) && hasTable(c, LEGACY_TABLE);
            int applied = legacy && found > 0 ? migrateLegacy(c) : flyway.migrate().migrationsExecuted;
            if (dialect == SqlDialect.SQLITE) {
                recordForOlderArbiters(c, foundVersion());
            }
            return applied;
        } catch (FlywayException e) {
            throw new StoreException("Could not upgrade the database schema: " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new StoreException("Could not upgrade the database schema: " + e.getMessage(), e);
        }
    }

    /**
     * A pre-Flyway workspace: the old runner ran every script it had not recorded, so a file may hold V9
     * without V6..V8 (numbers were handed out to branches in parallel). Flyway is baselined at the end of
     * the unbroken run from V1, then each newer version is run, or only recorded when the old runner
     * already ran it, in order.
     */
    private int migrateLegacy(Connection c) throws SQLException {
        java.util.Set<Integer> recorded = new java.util.TreeSet<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT version FROM " + LEGACY_TABLE)) {
            while (rs.next()) {
                recorded.add(rs.getInt(1));
            }
        }
        int baseline = 0;
        while (recorded.contains(baseline + 1)) {
            baseline++;
        }
        java.util.SortedSet<Integer> shipped = new java.util.TreeSet<>();
        for (MigrationInfo info : flyway.info().all()) {
            if (info.getVersion() != null && info.getState().isResolved()) {
                shipped.add(major(info.getVersion()));
            }
        }
        if (baseline == 0) {
            return flyway.migrate().migrationsExecuted;
        }
        int applied = configure(baseline, baseline, false).migrate().migrationsExecuted;
        for (int version : shipped.tailSet(baseline + 1)) {
            boolean ranBefore = recorded.contains(version);
            int ran = configure(baseline, version, ranBefore).migrate().migrationsExecuted;
            applied += ranBefore ? 0 : ran;
        }
        return applied;
    }

    /** Mirrors the version into the old runner's table, the only one an Arbiter before Flyway reads. */
    private static void recordForOlderArbiters(Connection c, int version) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + LEGACY_TABLE
                    + " (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + LEGACY_TABLE + "(version, applied_at) "
                + "SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM " + LEGACY_TABLE + " WHERE version = ?)")) {
            for (int v = 1; v <= version; v++) {
                ps.setInt(3, v);
                ps.setInt(1, v);
                ps.setString(2, Instant.now().toString());
                ps.executeUpdate();
            }
        }
    }

    private static boolean hasTable(Connection c, String name) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        try (ResultSet rs = meta.getTables(null, null, name, new String[] {"TABLE"})) {
            return rs.next();
        }
    }

    private static int maxVersion(Connection c, String sql) throws SQLException {
        int max = 0;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                String text = rs.getString(1);
                if (text != null) {
                    max = Math.max(max, major(MigrationVersion.fromVersion(text)));
                }
            }
        }
        return max;
    }

    private static int major(MigrationVersion version) {
        return version.getMajor().intValueExact();
    }
}
