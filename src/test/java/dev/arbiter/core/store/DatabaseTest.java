package dev.arbiter.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    /** The newest migration in db/migration/sqlite. */
    static final int LATEST = dev.arbiter.testing.ShippedMigrations.newest("sqlite");

    @TempDir
    Path dir;

    @Test
    void newFileGetsTheLatestSchemaInWalModeWithForeignKeys() throws Exception {
        try (Database db = Database.open(dir.resolve("a.db"))) {
            assertThat(db.schemaVersion()).isEqualTo(LATEST);
            String journal = db.read(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
                    return rs.next() ? rs.getString(1) : "";
                }
            });
            boolean foreignKeys = db.read(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("PRAGMA foreign_keys")) {
                    return rs.next() && rs.getInt(1) == 1;
                }
            });
            assertThat(journal).isEqualToIgnoringCase("wal");
            assertThat(foreignKeys).isTrue();
        }
    }

    @Test
    void aFileFromANewerVersionOpensReadOnlyAndSaysSo() throws Exception {
        Path file = dir.resolve("b.db");
        Database.open(file).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            c.createStatement().execute("INSERT INTO flyway_schema_history(installed_rank, version, description, type,"
                    + " script, checksum, installed_by, execution_time, success)"
                    + " VALUES (999, '999', 'future', 'SQL', 'V999__future.sql', 0, 'test', 0, 1)");
        }
        try (Database db = Database.open(file)) {
            assertThat(db.isReadOnly()).isTrue();
            int one = db.read(c -> 1);
            assertThat(one).isEqualTo(1);
            assertThatThrownBy(() -> db.write(tx -> null))
                    .isInstanceOf(ReadOnlyWorkspaceException.class)
                    .hasMessageContaining("newer version of Arbiter").hasMessageContaining("999");
        }
    }

    @Test
    void aFileFromANewerPreFlywayArbiterOpensReadOnlyToo() throws Exception {
        Path file = dir.resolve("c.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            c.createStatement().execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
            c.createStatement().execute("INSERT INTO schema_version VALUES (" + (LATEST + 1) + ", 'future')");
        }
        try (Database db = Database.open(file)) {
            assertThat(db.isReadOnly()).isTrue();
            assertThat(db.schemaVersion()).isEqualTo(LATEST + 1);
        }
    }

    @Test
    void theOldRunnersTableFollowsFlywaySoAnOlderArbiterSeesANewerSchema() throws Exception {
        Path file = dir.resolve("d.db");
        Database.open(file).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             ResultSet rs = c.createStatement().executeQuery("SELECT MAX(version) FROM schema_version")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(LATEST);
        }
    }

    @Test
    void aFailedTransactionLeavesNothingBehind() {
        try (Workspace ws = TestWorkspaces.open(dir)) {
            assertThatThrownBy(() -> ws.database().write(tx -> {
                Settings.put(tx, "half", "done");
                throw new java.sql.SQLException("disk full");
            })).isInstanceOf(StoreException.class).hasMessageContaining("disk full");

            assertThat(ws.settings().get("half")).isEmpty();
        }
    }

    @Test
    void dataDirectoryFollowsOverrideThenEnvironment() {
        assertThat(DataDirectory.resolve(Path.of("/x"), Map.of("ARBITER_HOME", "/y")).root()).isEqualTo(Path.of("/x"));
        assertThat(DataDirectory.resolve(null, Map.of("ARBITER_HOME", "/y")).root()).isEqualTo(Path.of("/y"));
        assertThat(DataDirectory.resolve(null, Map.of("XDG_DATA_HOME", "/z")).root()).isEqualTo(Path.of("/z/arbiter"));
    }
}
