package dev.arbiter.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.decision.TestClock;
import dev.arbiter.core.store.StoreLocation;
import dev.arbiter.testing.StoreKind;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key cases of {@link ForgedCheckpointTest} on a real PostgreSQL: the V9 PL/pgSQL triggers refuse
 * what the SQLite triggers refuse (a permit, a checkpoint or a deletion retention did not write, entries
 * younger than a year), retention itself gets through twice, and verify catches what the triggers let by.
 */
class ForgedCheckpointPostgresTest {

    static final Duration THREE_YEARS = ForgedCheckpointTest.THREE_YEARS;

    @TempDir
    Path dir;
    TestClock clock = new TestClock(ForgedCheckpointTest.NOW);
    StoreKind.Place place;
    Workspace ws;

    @BeforeEach
    void open() {
        place = StoreKind.POSTGRESQL.fresh(dir);
        ws = place.open(1, clock);
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private void entries(int old, int young) {
        for (int i = 0; i < old; i++) {
            ws.ledger().append(AuditEntry.of("decision").traceId("old-" + i).timestamp(clock.instant().minus(THREE_YEARS))
                    .build());
        }
        for (int i = 0; i < young; i++) {
            ws.ledger().append(AuditEntry.of("decision").traceId("young-" + i).build());
        }
    }

    private Connection attacker() throws SQLException {
        return DriverManager.getConnection(((StoreLocation.PostgresServer) place.location()).url().jdbcUrl());
    }

    private String hashOf(long seq) throws SQLException {
        try (Connection c = attacker(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT hash FROM audit_entry WHERE seq = " + seq)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private VerificationResult.Broken broken() {
        VerificationResult result = ws.verifier().verify();
        assertThat(result.intact()).as("verify must fail, said: %s", result.describe()).isFalse();
        return (VerificationResult.Broken) result;
    }

    @Test
    void thePermitCheckpointAndDeletionRetentionDidNotWriteAreRefused() throws Exception {
        entries(10, 3);
        String link = hashOf(5);
        try (Connection c = attacker(); Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.execute("INSERT INTO audit_prune_permit(checkpoint_id, up_to_seq, pruned_seq, "
                    + "cutoff) VALUES (1, 5, 13, '2099-01-01T00:00:00.000Z')"))
                    .hasMessageContaining("only issued by retention");
            assertThatThrownBy(() -> st.execute("INSERT INTO audit_checkpoint(first_seq, prev_hash, archive_file, "
                    + "archive_sha256, pruned_seq, created_at) VALUES (6, '" + link + "', 'x.jsonl', '"
                    + "0".repeat(64) + "', 13, '2026-11-24T12:00:00.000Z')"))
                    .hasMessageContaining("must match the audit.pruned entry");
            assertThatThrownBy(() -> st.execute("DELETE FROM audit_entry WHERE seq <= 5"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> st.execute("TRUNCATE audit_entry CASCADE")).hasMessageContaining("append-only");
        }
        assertThat(ws.verifier().verify().intact()).isTrue();
    }

    @Test
    void aRealPruningVerifiesAndSoDoesASecondOneAYearLaterAndItsCheckpointsCannotBeRemoved() throws Exception {
        entries(10, 3);
        assertThat(ws.retention().prune(2, "alice")).isPresent();
        clock.advance(Duration.ofDays(4 * 366));
        ws.ledger().append(AuditEntry.of("decision").traceId("later").build());
        assertThat(ws.retention().prune(2, "alice")).isPresent();

        VerificationResult result = ws.verifier().verify();

        assertThat(result.intact()).as(result.describe()).isTrue();
        assertThat(ws.ledger().append(AuditEntry.of("decision").build()).seq()).isEqualTo(17);
        try (Connection c = attacker(); Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.execute("UPDATE audit_checkpoint SET archive_file = 'x'"))
                    .hasMessageContaining("cannot be changed");
            assertThatThrownBy(() -> st.execute("DELETE FROM audit_checkpoint")).hasMessageContaining("cannot be removed");
            assertThatThrownBy(() -> st.execute("TRUNCATE audit_checkpoint")).hasMessageContaining("cannot be removed");
        }
    }

    @Test
    void aPermitForARangeNotYetArchivedPassesTheTriggersOnlyForOldEntriesAndVerifyStillFails() throws Exception {
        entries(10, 3);
        String link = hashOf(5);
        String cutoff = AuditTime.format(ForgedCheckpointTest.NOW.minus(Duration.ofDays(2 * 366)));
        LedgerEntry record = ws.ledger().append(AuditEntry.of("audit.pruned").detail(AuditDetail.of("up_to_seq", 5,
                "archive", "never-written.jsonl", "archive_sha256", "cd".repeat(32), "link_hash", link,
                "cutoff", cutoff, "retention_years", 2)).build());
        try (Connection c = attacker(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("INSERT INTO audit_checkpoint(first_seq, prev_hash, archive_file, archive_sha256, pruned_seq, "
                    + "created_at) VALUES (6, '" + link + "', 'never-written.jsonl', '" + "cd".repeat(32) + "', "
                    + record.seq() + ", 'x')");
            st.execute("INSERT INTO audit_prune_permit VALUES ((SELECT MAX(id) FROM audit_checkpoint), 5, "
                    + record.seq() + ", '" + cutoff + "')");
            st.execute("DELETE FROM audit_entry WHERE seq <= 5");
            st.execute("DELETE FROM audit_prune_permit");
            c.commit();
        }

        assertThat(broken().problem()).contains("never-written.jsonl").contains("missing");
    }

    @Test
    void thePermitTriggerRefusesToDeleteEntriesYoungerThanAYear() throws Exception {
        entries(3, 5);
        String link = hashOf(6);
        String cutoff = AuditTime.format(ForgedCheckpointTest.NOW.minus(Duration.ofDays(366)));
        LedgerEntry record = ws.ledger().append(AuditEntry.of("audit.pruned").detail(AuditDetail.of("up_to_seq", 6,
                "archive", "a.jsonl", "archive_sha256", "cd".repeat(32), "link_hash", link,
                "cutoff", cutoff, "retention_years", 1)).build());
        try (Connection c = attacker(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("INSERT INTO audit_checkpoint(first_seq, prev_hash, archive_file, archive_sha256, pruned_seq, "
                    + "created_at) VALUES (7, '" + link + "', 'a.jsonl', '" + "cd".repeat(32) + "', "
                    + record.seq() + ", 'x')");
            st.execute("INSERT INTO audit_prune_permit VALUES ((SELECT MAX(id) FROM audit_checkpoint), 6, "
                    + record.seq() + ", '" + cutoff + "')");
            assertThatThrownBy(() -> st.execute("DELETE FROM audit_entry WHERE seq <= 6"))
                    .hasMessageContaining("append-only");
            c.rollback();
        }
    }

    @Test
    void aPermitWhoseCutoffIsWithinAYearOfThePruneRecordIsRefused() throws Exception {
        entries(10, 3);
        String link = hashOf(5);
        String cutoff = AuditTime.format(ForgedCheckpointTest.NOW.minus(Duration.ofDays(200)));
        LedgerEntry record = ws.ledger().append(AuditEntry.of("audit.pruned").detail(AuditDetail.of("up_to_seq", 5,
                "archive", "a.jsonl", "archive_sha256", "cd".repeat(32), "link_hash", link,
                "cutoff", cutoff, "retention_years", 1)).build());
        try (Connection c = attacker(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("INSERT INTO audit_checkpoint(first_seq, prev_hash, archive_file, archive_sha256, pruned_seq, "
                    + "created_at) VALUES (6, '" + link + "', 'a.jsonl', '" + "cd".repeat(32) + "', "
                    + record.seq() + ", 'x')");
            assertThatThrownBy(() -> st.execute("INSERT INTO audit_prune_permit VALUES ((SELECT MAX(id) FROM "
                    + "audit_checkpoint), 5, " + record.seq() + ", '" + cutoff + "')"))
                    .hasMessageContaining("only issued by retention");
            c.rollback();
        }
    }

    @Test
    void aPermitLeftInTheDatabaseFails() throws Exception {
        entries(3, 0);
        try (Connection c = attacker(); Statement st = c.createStatement()) {
            st.execute("DROP TRIGGER audit_prune_permit_agrees ON audit_prune_permit");
            st.execute("INSERT INTO audit_prune_permit VALUES (1, 2, 3, '2000-01-01T00:00:00.000Z')");
        }

        assertThat(broken().problem()).contains("prune permit");
    }
}
