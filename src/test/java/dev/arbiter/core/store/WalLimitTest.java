package dev.arbiter.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The WAL is given back after a burst (issue 13 §1): journal_size_limit plus a truncating checkpoint. */
class WalLimitTest {

    @TempDir
    Path dir;

    @Test
    void afterABurstThatOutgrewTheLimitTheWalShrinksBackUnderIt() throws Exception {
        Path file = dir.resolve("arbiter.db");
        Path wal = dir.resolve("arbiter.db-wal");
        try (SqliteDatabase db = SqliteDatabase.open(file)) {
            db.start(); // the WAL checkpointer is a background thread, started explicitly
            db.write(tx -> {
                try (Statement st = tx.connection().createStatement()) {
                    st.execute("CREATE TABLE burst(data BLOB)");
                }
                return null;
            });
            // A long read (an export, a verify) pins the WAL, so the burst cannot be checkpointed away meanwhile.
            try (Connection reader = db.openDedicatedReader(); Statement pin = reader.createStatement()) {
                reader.setAutoCommit(false);
                try (ResultSet rs = pin.executeQuery("SELECT COUNT(*) FROM burst")) {
                    rs.next();
                }
                byte[] chunk = new byte[256 * 1024];
                for (int i = 0; i < 100; i++) {
                    db.write(tx -> {
                        try (PreparedStatement ps = tx.connection().prepareStatement("INSERT INTO burst VALUES (?)")) {
                            ps.setBytes(1, chunk);
                            ps.executeUpdate();
                        }
                        return null;
                    });
                }
                assertThat(Files.size(wal)).isGreaterThan(SqliteDatabase.WAL_LIMIT_BYTES);
                reader.rollback();
            }

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> Files.size(wal) <= SqliteDatabase.WAL_LIMIT_BYTES);

            // ...and the writer keeps working on the shortened WAL, without growing it past the limit again.
            db.write(tx -> {
                try (Statement st = tx.connection().createStatement()) {
                    st.execute("DELETE FROM burst");
                }
                return null;
            });
            long rows = db.read(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM burst")) {
                    return rs.next() ? rs.getLong(1) : -1L;
                }
            });
            assertThat(rows).isZero();
        }
        try (Database reopened = Database.open(file)) {
            assertThat(reopened.schemaVersion()).isPositive();
        }
    }

    /**
     * Issue 15: a commit that extends the WAL file also commits file system metadata in its fsync. With readers
     * coming and going after every commit the log seldom restarted by itself, grew to the limit and was truncated
     * to nothing, so most commits extended the file. Now the checkpointer restarts the log at three quarters of
     * the limit: the file keeps its size and commits overwrite it. Ticked by hand, so no timing is assumed.
     */
    @Test
    void aSteadyStreamOfCommitsOverwritesTheWalInPlaceInsteadOfTruncatingAndRegrowingIt() throws Exception {
        Path file = dir.resolve("steady.db");
        Path wal = dir.resolve("steady.db-wal");
        long limit = 2 * 1024 * 1024;
        String url = "jdbc:sqlite:" + file;
        org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
        config.setJournalMode(org.sqlite.SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(org.sqlite.SQLiteConfig.SynchronousMode.NORMAL); // sizes are the point, not fsyncs
        config.setJournalSizeLimit((int) limit);
        config.setBusyTimeout(10_000);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        try (Connection writer = config.createConnection(url);
             Checkpointer checkpointer = new Checkpointer(() -> java.sql.DriverManager.getConnection(url), wal, limit)) {
            try (Statement st = writer.createStatement()) {
                st.execute("PRAGMA wal_autocheckpoint = 0");
                st.execute("CREATE TABLE steady(data BLOB)");
            }
            // readers that come and go all the time, as the change watcher and the faces do
            Thread readers = new Thread(() -> {
                try (Connection reader = java.sql.DriverManager.getConnection(url);
                     PreparedStatement count = reader.prepareStatement("SELECT COUNT(*) FROM steady")) {
                    while (!stop.get()) {
                        try (ResultSet rs = count.executeQuery()) {
                            rs.next();
                        }
                    }
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            }, "steady-readers");
            readers.start();
            byte[] chunk = new byte[16 * 1024];
            java.util.List<Long> sizes = new java.util.ArrayList<>();
            try (PreparedStatement insert = writer.prepareStatement("INSERT INTO steady VALUES (?)")) {
                for (int i = 0; i < 480; i++) { // about 10 MB of log: the limit five times over
                    insert.setBytes(1, chunk);
                    insert.executeUpdate();
                    sizes.add(Files.size(wal));
                    if (i % 4 == 3) {
                        checkpointer.checkpoint(); // every 4 commits (about 80 KB), far under the quarter left
                    }
                }
            } finally {
                stop.set(true);
                readers.join(30_000);
            }
            long largest = sizes.stream().mapToLong(Long::longValue).max().orElseThrow();
            assertThat(largest).as("the WAL file never outgrew the limit").isLessThanOrEqualTo(limit + 256 * 1024);
            for (int i = 1; i < sizes.size(); i++) {
                assertThat(sizes.get(i)).as("WAL file size after commit %d (never cut back while commits flow)", i)
                        .isGreaterThanOrEqualTo(sizes.get(i - 1));
            }
        }
    }
}
