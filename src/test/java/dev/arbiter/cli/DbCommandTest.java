package dev.arbiter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.store.DataDirectory;
import dev.arbiter.core.store.DatabaseUrl;
import dev.arbiter.core.store.StoreLocation;
import dev.arbiter.testing.PostgresTestServer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code arbiter db migrate} and {@code db copy} against a real PostgreSQL server. */
class DbCommandTest {

    @TempDir
    Path data;

    @Test
    void migrateCreatesTheSchemaAndSaysItsVersion() {
        DatabaseUrl url = PostgresTestServer.get().newDatabase();
        CliRun run = CliRun.in(data, "db", "migrate", "--database", url.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("is at version " + dev.arbiter.testing.ShippedMigrations.newest("postgresql"));
        assertThat(CliRun.in(data, "db", "migrate", "--database", url.toString()).out())
                .contains("version " + dev.arbiter.testing.ShippedMigrations.newest("postgresql"));
    }

    @Test
    void aPasswordInTheUrlIsRefusedWithWhatToDoInstead() {
        CliRun run = CliRun.in(data, "db", "migrate", "--database", "postgresql://u:secret@localhost/arbiter");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--database").contains("PGPASSWORD").doesNotContain("secret");
    }

    @Test
    void copyMovesAWholeWorkspaceAndTheChainVerifiesOnTheCopy() throws Exception {
        for (String name : new String[] {"arbiter.db", "ledger.head"}) {
            try (InputStream in = getClass().getResourceAsStream("/fixtures/workspace-schema-v5/" + name)) {
                Files.copy(in, data.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        try (Workspace ws = Workspace.open(new DataDirectory(data))) {
            DemoAgents.ensure(ws);
            ws.decisions().decide(DecisionRequest.of(DemoAgents.REFUNDS, "issue:refund").withAmount(2500.0)
                    .withConfidence(0.9)).join();
        }
        DatabaseUrl url = PostgresTestServer.get().newDatabase();

        CliRun copy = CliRun.of("db", "copy", "--from", data.toString(), "--to", url.toString());
        assertThat(copy.exitCode()).as(copy.err()).isZero();
        assertThat(copy.out()).contains("Copied").contains("audit_entry");

        CliRun verify = CliRun.in(data, "audit", "verify", "--database", url.toString());
        assertThat(verify.exitCode()).as(verify.err()).isZero();
        assertThat(verify.out()).startsWith("Chain intact");

        CliRun again = CliRun.of("db", "copy", "--from", data.toString(), "--to", url.toString());
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("already holds data");

        // idle, as a CLI command opens them: a started queue would time out the fixture's expired approvals in
        // one of the two before the other, and the heads would differ by that entry
        try (Workspace sqlite = Workspace.openIdle(new DataDirectory(data), new StoreLocation.SqliteFile(
                     new DataDirectory(data).database()), Clock.systemUTC());
             Workspace pg = Workspace.openIdle(new DataDirectory(data.resolve("team-host")),
                     new StoreLocation.PostgresServer(url, null), Clock.systemUTC())) {
            assertThat(pg.ledger().headSeq()).isEqualTo(sqlite.ledger().headSeq());
            assertThat(pg.agents().list("", true)).isEqualTo(sqlite.agents().list("", true));
            assertThat(pg.queue().pending()).isEqualTo(sqlite.queue().pending());
            assertThat(pg.policies().list()).isEqualTo(sqlite.policies().list());
            // identities continue after the copied rows
            assertThat(pg.readiness().start("Team", java.time.LocalDate.now(), "tester", "t").id()).isPositive();
            pg.ledger().append(AuditEntry.of("test.after_copy").actor("t").build());
            assertThat(pg.verifier().verify().intact()).isTrue();
        }
    }
}
