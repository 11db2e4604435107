package dev.arbiter.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.Workspace;
import dev.arbiter.testing.StoreKind;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write whose connection breaks inside the work, where the work catches the break and rolls back to
 * its savepoint (as the ledger's work alongside an entry does), is still reported as the database
 * being offline, not as "Connection is closed" (the pool's own message after it closed the broken
 * connection, which has no SQLSTATE): /v1/health then says the server cannot be reached and to start
 * it. Found by TeamGatewaysFloodOfflineAttackTest failing once in CI.
 */
class PostgresConnectionLostInsideWorkTest {

    @TempDir
    Path dir;

    @Test
    void aBreakCaughtInsideTheWorkIsStillTheDatabaseOffline() throws Exception {
        try (Workspace ws = StoreKind.POSTGRESQL.fresh(dir).open(1)) {
            Database db = ws.database();
            assertThatThrownBy(() -> db.write(tx -> {
                Savepoint savepoint = tx.connection().setSavepoint();
                try (Statement st = tx.connection().createStatement()) {
                    st.execute("SELECT pg_terminate_backend(pg_backend_pid())");
                } catch (SQLException broken) {
                    tx.connection().rollback(savepoint); // throws: the pool has closed the connection
                }
                return null;
            })).isInstanceOf(DatabaseOfflineException.class).hasMessageContaining("is offline");

            // the pool hands out a fresh connection: the next write works
            Boolean answered = db.write(tx -> {
                try (Statement st = tx.connection().createStatement()) {
                    return st.execute("SELECT 1");
                }
            });
            assertThat(answered).isTrue();
        }
    }
}
