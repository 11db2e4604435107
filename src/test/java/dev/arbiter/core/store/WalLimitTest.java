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
}
