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
            assertThat(rs.next()).as("nothing re-run over the old schema").isFalse();
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
