package dev.arbiter.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.decision.TestClock;
import dev.arbiter.core.store.DataDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention checkpoints that retention did not write must not verify (issue 13 §3): the attack from the
 * issue with the ledger's own permit table, and its variants with the triggers dropped (a process with the
 * file open can do that), each checked against what verify says.
 */
class ForgedCheckpointTest {

    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    static final Duration THREE_YEARS = Duration.ofDays(3 * 366);

    @TempDir
    Path dir;
    TestClock clock = new TestClock(NOW);
    Workspace ws;

    @BeforeEach
    void open() {
        ws = Workspace.open(new DataDirectory(dir), clock);
    }

    @AfterEach
    void close() {
        ws.close();
    }

    /** {@code old} entries written three years ago, then {@code young} written now. */
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
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("arbiter.db"));
    }

    /** Raw SQL as a process with the file open would run it, after dropping every ledger trigger. */
    private void tamper(String... sql) throws SQLException {
        try (Connection c = attacker(); Statement st = c.createStatement()) {
            for (String trigger : List.of("audit_entry_no_update", "audit_entry_no_delete", "audit_checkpoint_agrees",
                    "audit_checkpoint_no_update", "audit_checkpoint_no_delete", "audit_prune_permit_agrees")) {
                st.execute("DROP TRIGGER IF EXISTS " + trigger);
            }
            for (String s : sql) {
                st.execute(s);
            }
        }
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
    void theIssuesAttackThePermitTableRefusesARowRetentionDidNotIssue() throws Exception {
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
        }
        assertThat(ws.verifier().verify().intact()).isTrue();
    }

    @Test
    void theIssuesAttackWithTriggersDroppedDeletingTheOldestAndLinkingACheckpointFails() throws Exception {
        entries(10, 3);
        String link = hashOf(5);
        tamper("DELETE FROM audit_entry WHERE seq <= 5",
                "INSERT INTO audit_checkpoint(first_seq, prev_hash, archive_file, created_at) VALUES (6, '" + link
                        + "', '" + dir.resolve("archive/none.jsonl") + "', '2026-11-24T12:00:00.000Z')");

        assertThat(broken().problem()).contains("not written by retention");
    }

    @Test
    void aCheckpointNamingANonPruneEntryAndAnInventedDigestFails() throws Exception {
        entries(10, 3);
        String link = hashOf(5);
        tamper("DELETE FROM audit_entry WHERE seq <= 5",
                "INSERT INTO audit_checkpoint(first_seq, prev_hash, archive_file, archive_sha256, pruned_seq, created_at)"
                        + " VALUES (6, '" + link + "', 'forged.jsonl', '" + "ab".repeat(32) + "', 13, 'x')");

        assertThat(broken().problem()).contains("forged.jsonl").contains("missing");
    }

    @Test
    void aGenuineArchiveButNoPruneRecordFails() throws Exception {
        entries(10, 3);
        String link = hashOf(5);
        RetentionArchive.Written archive = ws.database().read(c -> {
            try {
                return RetentionArchive.write(c, 5, dir.resolve("archive/real.jsonl"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        tamper("DELETE FROM audit_entry WHERE seq <= 5",
                "INSERT INTO audit_checkpoint(first_seq, prev_hash, archive_file, archive_sha256, pruned_seq, created_at)"
                        + " VALUES (6, '" + link + "', 'real.jsonl', '" + archive.sha256() + "', 12, 'x')");

        assertThat(broken().problem()).contains("#12 does not record the pruning");
    }

    @Test
    void aRealPruningVerifiesAndSoDoesASecondOneAYearLater() {
        entries(10, 3);
        assertThat(ws.retention().prune(2, "alice")).isPresent();
        clock.advance(Duration.ofDays(4 * 366));
        ws.ledger().append(AuditEntry.of("decision").traceId("later").build());
        assertThat(ws.retention().prune(2, "alice")).isPresent();

        VerificationResult result = ws.verifier().verify();

        assertThat(result.intact()).as(result.describe()).isTrue();
        assertThat(ws.ledger().append(AuditEntry.of("decision").build()).seq()).isEqualTo(17);
    }

    @Test
    void aMissingArchiveFails() throws Exception {
        entries(10, 3);
        Path archive = ws.retention().prune(2, "alice").orElseThrow().archive();
        Files.delete(archive);

        assertThat(broken().problem()).contains(archive.getFileName().toString()).contains("missing");
    }

    @Test
    void anEditedArchiveFails() throws Exception {
        entries(10, 3);
        Path archive = ws.retention().prune(2, "alice").orElseThrow().archive();
        Files.writeString(archive, Files.readString(archive).replace("old-3", "old-X"));

        assertThat(broken().seq()).isEqualTo(4);
    }

    @Test
    void anArchiveSwappedForAnotherValidArchiveFails() throws Exception {
        // a genuine, verifiable archive of the same ledger, but not the one this pruning wrote
        entries(10, 3);
        Path other = dir.resolve("archive/other.jsonl");
        ws.database().read(c -> {
            try {
                return RetentionArchive.write(c, 9, other);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Path archive = ws.retention().prune(2, "alice").orElseThrow().archive();
        Files.move(other, archive, StandardCopyOption.REPLACE_EXISTING);

        assertThat(broken().problem()).contains("SHA-256 differs");
    }

    @Test
    void aShortenedArchiveWhoseDigestIsAlsoChangedInTheCheckpointFails() throws Exception {
        entries(10, 3);
        Path archive = ws.retention().prune(2, "alice").orElseThrow().archive();
        List<String> lines = Files.readAllLines(archive);
        Files.write(archive, lines.subList(0, 7));
        String digest = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(archive)));
        tamper("UPDATE audit_checkpoint SET archive_sha256 = '" + digest + "'");

        assertThat(broken().problem()).contains("ends at #7");
    }

    @Test
    void aThirdForgedCheckpointAfterTwoRealOnesFails() throws Exception {
        entries(10, 0);
        assertThat(ws.retention().prune(2, "alice")).isPresent();
        clock.advance(Duration.ofDays(4 * 366));
        entries(0, 5);
        assertThat(ws.retention().prune(2, "alice")).isPresent();
        entries(0, 5);
        long keepFrom = ws.ledger().headSeq() - 2;
        String link = hashOf(keepFrom - 1);
        tamper("DELETE FROM audit_entry WHERE seq < " + keepFrom,
                "INSERT INTO audit_checkpoint(first_seq, prev_hash, archive_file, archive_sha256, pruned_seq, created_at)"
                        + " SELECT " + keepFrom + ", '" + link + "', archive_file, archive_sha256, pruned_seq, 'x' "
                        + "FROM audit_checkpoint ORDER BY id DESC LIMIT 1");

        assertThat(broken().problem()).contains("archive");
    }

    @Test
    void theSecondArchiveSwappedForTheFirstFails() throws Exception {
        entries(10, 0);
        Path first = ws.retention().prune(2, "alice").orElseThrow().archive();
        clock.advance(Duration.ofDays(4 * 366));
        entries(0, 5);
        Path second = ws.retention().prune(2, "alice").orElseThrow().archive();
        Files.copy(first, second, StandardCopyOption.REPLACE_EXISTING);

        assertThat(broken().problem()).contains(second.getFileName().toString());
    }

    @Test
    void deletingFromTheMiddleUnderAForgedCheckpointFails() throws Exception {
        entries(10, 5);
        String link = hashOf(8);
        tamper("DELETE FROM audit_entry WHERE seq BETWEEN 5 AND 8",
                "INSERT INTO audit_checkpoint(first_seq, prev_hash, archive_file, created_at) VALUES (9, '" + link
                        + "', 'x', 'x')");

        assertThat(ws.verifier().verify().intact()).isFalse();
    }

    @Test
    void deletingTheNewestEntriesFails() throws Exception {
        entries(10, 5);
        tamper("DELETE FROM audit_entry WHERE seq > 12");

        assertThat(broken().problem()).contains("tail was cut off");
    }

    @Test
    void aPermitForARangeNotYetArchivedPassesTheTriggersOnlyForOldEntriesAndVerifyStillFails() throws Exception {
        // The most an attacker gets through the triggers: hash a proper-looking audit.pruned entry onto the tail,
        // then checkpoint, permit and delete in one transaction. Only entries older than a year can go that way,
        // and without the archive the pruning does not verify.
        entries(10, 3);
        String link = hashOf(5);
        String cutoff = AuditTime.format(NOW.minus(Duration.ofDays(2 * 366)));
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
        String cutoff = AuditTime.format(NOW.minus(Duration.ofDays(366)));
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
    void entriesYoungerThanTheRetentionPrunedWithTriggersDroppedFail() throws Exception {
        entries(3, 5);
        String link = hashOf(6);
        RetentionArchive.Written archive = ws.database().read(c -> {
            try {
                return RetentionArchive.write(c, 6, dir.resolve("archive/young.jsonl"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String cutoff = AuditTime.format(NOW.minus(Duration.ofDays(366)));
        LedgerEntry record = ws.ledger().append(AuditEntry.of("audit.pruned").detail(AuditDetail.of("up_to_seq", 6,
                "archive", "young.jsonl", "archive_sha256", archive.sha256(), "link_hash", link,
                "cutoff", cutoff, "retention_years", 1)).build());
        tamper("DELETE FROM audit_entry WHERE seq <= 6",
                "INSERT INTO audit_checkpoint(first_seq, prev_hash, archive_file, archive_sha256, pruned_seq, created_at)"
                        + " VALUES (7, '" + link + "', 'young.jsonl', '" + archive.sha256() + "', " + record.seq()
                        + ", 'x')");

        assertThat(broken().problem()).contains("younger than the retention");
    }

    @Test
    void aPermitLeftInTheDatabaseFails() throws Exception {
        entries(3, 0);
        tamper("INSERT INTO audit_prune_permit VALUES (1, 2, 3, '2000-01-01T00:00:00.000Z')");

        assertThat(broken().problem()).contains("prune permit");
    }

    @Test
    void anAnchorNamingAPrunedEntryIsCheckedAgainstTheArchive() throws Exception {
        entries(10, 3);
        ws.retention().prune(2, "alice").orElseThrow();
        String realHashOf3 = Files.readAllLines(dir.resolve("archive").toFile().listFiles()[0].toPath()).get(2)
                .replaceAll(".*\"hash\":\"([0-9a-f]{64})\"}$", "$1");

        Files.writeString(dir.resolve("ledger.head"), String.format("%020d %s\n", 3, realHashOf3));
        assertThat(ws.verifier().verify().intact()).isTrue();

        Files.writeString(dir.resolve("ledger.head"), String.format("%020d %s\n", 3, "ef".repeat(32)));
        assertThat(broken().problem()).contains("#3 is not the entry the head anchor recorded");
    }
}
