package dev.arbiter.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.store.DatabaseOfflineException;
import dev.arbiter.core.store.StoreException;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The causes a failed ledger write is named by, however deep the driver's
 * exception sits, and that each reason says where and what to do. The real
 * file systems are in {@code LedgerFileSystemAttackTest}; the real server
 * stopping in {@code TeamGatewaysFloodOfflineAttackTest}.
 */
class LedgerWriteFailureTest {

    @TempDir
    Path dir;

    @Test
    void eachCauseIsNamedThroughWrappersAndSaysWhereAndWhatToDo() {
        String where = "/data/arbiter.db";
        assertThat(of(new SQLException("[SQLITE_FULL] Insertion failed because database is full"), where))
                .isInstanceOf(LedgerWriteFailure.DiskFull.class);
        assertThat(of(new SQLException("could not extend file: No space left on device", "53100"), where))
                .isInstanceOf(LedgerWriteFailure.DiskFull.class);
        assertThat(of(new SQLException("[SQLITE_READONLY] attempt to write a readonly database"), where))
                .isInstanceOf(LedgerWriteFailure.ReadOnly.class);
        assertThat(of(new SQLException("cannot execute INSERT in a read-only transaction", "25006"), where))
                .isInstanceOf(LedgerWriteFailure.ReadOnly.class);
        assertThat(of(new SQLException("An I/O error occurred while sending to the backend.", "08006"), where))
                .isInstanceOf(LedgerWriteFailure.ServerUnreachable.class);
        assertThat(LedgerWriteFailure.of(new DatabaseOfflineException("offline", new SQLException("refused")),
                "postgresql://db:5432/arbiter", null)).isInstanceOf(LedgerWriteFailure.ServerUnreachable.class);
        assertThat(of(new SQLException("something new"), where)).isInstanceOf(LedgerWriteFailure.Other.class);
        for (LedgerWriteFailure f : java.util.List.of(
                new LedgerWriteFailure.DiskFull(where, "d"), new LedgerWriteFailure.ReadOnly(where, "d"),
                new LedgerWriteFailure.DiskError(where, "d"), new LedgerWriteFailure.ServerUnreachable(where, "d"))) {
            assertThat(f.reason()).as(f.toString()).startsWith("the audit ledger cannot be written: ")
                    .contains(where).contains("(d)").contains("refused until");
        }
    }

    @Test
    void aBareDiskErrorOnAWritableDirectoryStaysADiskErrorAndOnAMissingOneIsNotGuessed() {
        SQLException io = new SQLException("[SQLITE_IOERR_WRITE] I/O error (disk I/O error)");
        assertThat(LedgerWriteFailure.of(new StoreException("write failed", io), "db", dir))
                .isInstanceOf(LedgerWriteFailure.DiskError.class);
        assertThat(LedgerWriteFailure.of(new StoreException("write failed", io), "db", dir.resolve("gone")))
                .as("a probe that fails for another reason names nothing new")
                .isInstanceOf(LedgerWriteFailure.DiskError.class);
        assertThat(dir.toFile().list()).as("the probe leaves nothing behind").isEmpty();
    }

    private static LedgerWriteFailure of(SQLException cause, String where) {
        return LedgerWriteFailure.of(new StoreException("write failed", new RuntimeException("wrapped", cause)),
                where, null);
    }
}
