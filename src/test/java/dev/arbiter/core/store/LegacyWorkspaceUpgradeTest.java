package dev.arbiter.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditEntry;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A workspace made by Arbiter before Flyway (schema_version table, V1–V5 from
 * the hand-written runner; the fixture is a demo workspace written by main at
 * 538a9a6) upgrades in place: nothing is re-run, the data and the chain stay.
 */
class LegacyWorkspaceUpgradeTest {

    @TempDir
    Path dir;

    @Test
    void aPreFlywayWorkspaceOpensBaselinedAndKeepsItsDataAndChain() throws Exception {
        for (String name : new String[] {"arbiter.db", "ledger.head"}) {
            try (InputStream in = getClass().getResourceAsStream("/fixtures/workspace-schema-v5/" + name)) {
                Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        long entriesBefore = count("audit_entry");
        long agentsBefore = count("agent");

        try (Workspace ws = Workspace.open(new DataDirectory(dir))) {
            assertThat(ws.database().isReadOnly()).isFalse();
            assertThat(ws.database().schemaVersion()).isEqualTo(DatabaseTest.LATEST);
            assertThat(ws.verifier().verify().intact()).isTrue();
            ws.ledger().append(AuditEntry.of("test.after_upgrade").actor("test").build());
            assertThat(ws.verifier().verify().intact()).isTrue();
            assertThat(ws.agents().list("", true)).hasSize((int) agentsBefore);
        }

        assertThat(count("audit_entry")).isEqualTo(entriesBefore + 1);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("arbiter.db"));
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT type, version FROM flyway_schema_history ORDER BY installed_rank")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("BASELINE");
            assertThat(rs.getString(2)).isEqualTo("5");
            while (rs.next()) {
                assertThat(rs.getString(1)).as("nothing re-run over the old schema, newer versions run").isEqualTo("SQL");
                assertThat(Integer.parseInt(rs.getString(2))).isGreaterThan(5);
            }
        }
    }

    /**
     * The old runner ran every script it had not recorded, so a workspace made by main after the ledger
     * branch holds V9 without V6..V8. It is baselined at V5, V9 is only recorded, the others run.
     */
    @Test
    void aPreFlywayWorkspaceThatRanV9BeforeV6RunsTheGapAndOnlyRecordsV9() throws Exception {
        for (String name : new String[] {"arbiter.db", "ledger.head"}) {
            try (InputStream in = getClass().getResourceAsStream("/fixtures/workspace-schema-v5/" + name)) {
                Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        String v9;
        try (InputStream in = getClass().getResourceAsStream(
                "/db/migration/sqlite/V9__retention_checkpoint_guards.sql")) {
            v9 = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("arbiter.db"));
             var st = c.createStatement()) {
            c.setAutoCommit(false);
            for (String sql : v9.split("\n;\n")) {
                if (!sql.isBlank()) {
                    st.execute(sql);
                }
            }
            st.execute("INSERT INTO schema_version VALUES (9, 'by the old runner')");
            c.commit();
        }

        try (Workspace ws = Workspace.open(new DataDirectory(dir))) {
            assertThat(ws.database().isReadOnly()).isFalse();
            assertThat(ws.database().schemaVersion()).isEqualTo(DatabaseTest.LATEST);
            ws.ledger().append(AuditEntry.of("test.after_upgrade").actor("test").build());
            assertThat(ws.verifier().verify().intact()).isTrue();
        }

        java.util.List<String> history = new java.util.ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("arbiter.db"));
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT type, version FROM flyway_schema_history WHERE success ORDER BY installed_rank")) {
            while (rs.next()) {
                history.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        java.util.List<String> expected = new java.util.ArrayList<>(java.util.List.of("BASELINE 5"));
        for (int v = 6; v <= DatabaseTest.LATEST; v++) {
            if (getClass().getResource("/db/migration/sqlite/") != null && shipped(v)) {
                expected.add("SQL " + v);
            }
        }
        assertThat(history).containsExactlyElementsOf(expected);
        assertThat(count("sqlite_master WHERE type = 'trigger' AND name = 'audit_checkpoint_agrees'")).isEqualTo(1);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("arbiter.db"));
             ResultSet rs = c.createStatement().executeQuery("SELECT version FROM schema_version ORDER BY version")) {
            java.util.List<Integer> legacy = new java.util.ArrayList<>();
            while (rs.next()) {
                legacy.add(rs.getInt(1));
            }
            assertThat(legacy).contains(1, 2, 3, 4, 5, 9).doesNotHaveDuplicates();
        }
    }

    private static boolean shipped(int version) throws Exception {
        try (var files = Files.list(Path.of(LegacyWorkspaceUpgradeTest.class.getResource("/db/migration/sqlite/").toURI()))) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith("V" + version + "__"));
        }
    }

    private long count(String table) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("arbiter.db"));
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
