package dev.arbiter.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.decision.TestClock;
import dev.arbiter.core.store.DataDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Any cut of the oldest entries that retention did not make fails verification, whatever the range and
 * however the checkpoint is dressed up; the one thing that passes is a by-hand pruning that is exactly
 * what retention would have done (archive, record, only entries older than the cutoff), which loses nothing.
 */
class ForgedCheckpointPropertyTest {

    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    static final String[] TRIGGERS = {"audit_entry_no_delete", "audit_checkpoint_agrees", "audit_prune_permit_agrees"};

    enum Forgery {
        /** a checkpoint row linking to the first kept entry, nothing else */
        BARE,
        /** plus the genuine archive of the cut range, but no audit.pruned record */
        ARCHIVE_WITHOUT_RECORD,
        /** plus an audit.pruned record hashed onto the tail that matches the checkpoint and archive */
        ARCHIVE_AND_RECORD
    }

    @Property(tries = 24)
    void aCutOfTheOldestEntriesVerifiesOnlyWhenItIsExactlyWhatRetentionWouldHaveDone(
            @ForAll @IntRange(min = 1, max = 12) int old, @ForAll @IntRange(min = 1, max = 8) int young,
            @ForAll @IntRange(min = 1, max = 19) int cut, @ForAll Forgery forgery) throws Exception {
        int upTo = Math.min(cut, old + young - 1);
        Path dir = Files.createTempDirectory("arbiter-forged");
        try (Workspace ws = Workspace.open(new DataDirectory(dir), new TestClock(NOW))) {
            for (int i = 0; i < old; i++) {
                ws.ledger().append(AuditEntry.of("decision").traceId("old-" + i)
                        .timestamp(NOW.minus(Duration.ofDays(3 * 366))).build());
            }
            for (int i = 0; i < young; i++) {
                ws.ledger().append(AuditEntry.of("decision").traceId("young-" + i).build());
            }
            String link = ws.database().read(c -> LedgerRows.hashOf(c, upTo)).orElseThrow();
            String file = "cut-" + upTo + ".jsonl";
            String digest = "00".repeat(32);
            long recordSeq = old + young;
            if (forgery != Forgery.BARE) {
                digest = ws.database().read(c -> {
                    try {
                        return RetentionArchive.write(c, upTo, dir.resolve("archive").resolve(file));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }).sha256();
            }
            if (forgery == Forgery.ARCHIVE_AND_RECORD) {
                recordSeq = ws.ledger().append(AuditEntry.of(LedgerRetention.PRUNED_EVENT).detail(AuditDetail.of(
                        "up_to_seq", upTo, "archive", file, "archive_sha256", digest, "link_hash", link,
                        "cutoff", AuditTime.format(NOW.minus(Duration.ofDays(2 * 366))), "retention_years", 2))
                        .build()).seq();
            }
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("arbiter.db"));
                 Statement st = c.createStatement()) {
                for (String trigger : TRIGGERS) {
                    st.execute("DROP TRIGGER " + trigger);
                }
                st.execute("DELETE FROM audit_entry WHERE seq <= " + upTo);
                st.execute("INSERT INTO audit_checkpoint(first_seq, prev_hash, archive_file, archive_sha256, "
                        + "pruned_seq, created_at) VALUES (" + (upTo + 1) + ", '" + link + "', '" + file + "', '"
                        + digest + "', " + recordSeq + ", 'x')");
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM audit_entry")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isEqualTo(old + young - upTo + (recordSeq > old + young ? 1 : 0));
                }
            }

            VerificationResult result = ws.verifier().verify();

            boolean whatRetentionWouldDo = forgery == Forgery.ARCHIVE_AND_RECORD && upTo <= old;
            assertThat(result.intact()).as("%s: %s", forgery, result.describe()).isEqualTo(whatRetentionWouldDo);
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
