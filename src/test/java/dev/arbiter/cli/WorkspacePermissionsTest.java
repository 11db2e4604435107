package dev.arbiter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.store.DataDirectory;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A workspace is owner-only: its folder 700, its files 600, and an older, looser one is tightened on open. */
class WorkspacePermissionsTest {

    @TempDir
    Path dir;

    @Test
    void aNewWorkspaceAndEverythingWrittenIntoItIsOwnerOnly() throws Exception {
        Path data = dir.resolve("ws");
        Instant now = Instant.now();
        try (Workspace ws = Workspace.open(new DataDirectory(data), Clock.fixed(now, ZoneOffset.UTC))) {
            for (int i = 0; i < 3; i++) {
                ws.ledger().append(AuditEntry.of("decision").timestamp(now.minus(Duration.ofDays(3 * 366))).build());
            }
            ws.ledger().append(AuditEntry.of("decision").build());
            assertThat(ws.retention().prune(1, "test")).isPresent();
            // while the workspace is open its WAL and SHM exist: they must be owner-only too
            assertThat(data.resolve("arbiter.db-wal")).exists();
            assertThat(data.resolve("arbiter.db-shm")).exists();
            assertThat(looserThanOwnerOnly(data)).isEmpty();
        }
        Path export = data.resolve("exports/audit.jsonl");
        assertThat(CliRun.in(data, "audit", "export", "--out", export.toString()).exitCode()).isZero();
        try (Stream<Path> archives = Files.list(data.resolve("archive"))) {
            assertThat(archives).hasSize(1);
        }
        assertThat(data.resolve("ledger.head")).exists();
        assertThat(data.resolve("logs/arbiter.log")).exists();
        assertThat(export).exists();
        assertThat(perms(data)).isEqualTo("rwx------");
        assertThat(looserThanOwnerOnly(data)).isEmpty();
    }

    @Test
    void anExistingLooseWorkspaceIsTightenedOnOpenAndTheLogSaysWhatChanged() throws Exception {
        Path data = dir.resolve("ws");
        assertThat(CliRun.in(data, "demo").exitCode()).isZero();
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(data.resolve("arbiter.db"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(data.resolve("ledger.head"), PosixFilePermissions.fromString("rw-rw-rw-"));
        Files.setPosixFilePermissions(data.resolve("logs"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(data.resolve("notes.txt"), "an export someone left here");
        Files.setPosixFilePermissions(data.resolve("notes.txt"), PosixFilePermissions.fromString("rw-r--r--"));

        CliRun verify = CliRun.in(data, "audit", "verify");

        assertThat(verify.exitCode()).as(verify.err()).isZero();
        assertThat(looserThanOwnerOnly(data)).isEmpty();
        String log = Files.readString(data.resolve("logs/arbiter.log"));
        assertThat(log).contains("owner-only").contains("arbiter.db (was rw-r--r--)")
                .contains("ledger.head (was rw-rw-rw-)").contains("notes.txt (was rw-r--r--)");
    }

    /** Every file or folder under {@code root} (itself included) that is not 600 / 700. */
    private static List<String> looserThanOwnerOnly(Path root) throws Exception {
        List<String> loose = new ArrayList<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                String want = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "rwx------" : "rw-------";
                if (!perms(p).equals(want)) {
                    loose.add(root.relativize(p) + " " + perms(p));
                }
            }
        }
        return loose;
    }

    private static String perms(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }
}
