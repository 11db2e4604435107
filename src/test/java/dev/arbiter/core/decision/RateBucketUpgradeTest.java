package dev.arbiter.core.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.store.DataDirectory;
import dev.arbiter.core.store.DatabaseUrl;
import dev.arbiter.core.store.StoreLocation;
import dev.arbiter.testing.PostgresTestServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V34 turns V7's one row per rate event into one bucket per agent, kind and millisecond: a workspace upgraded
 * with events in its windows keeps every event (several in one millisecond included), {@code rate_total} still
 * agrees with the buckets, and the windows count as before, on both stores.
 */
class RateBucketUpgradeTest {

    private static final long T = 1_700_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void aSqliteWorkspaceKeepsItsWindowsThroughV34() throws Exception {
        Path file = dir.resolve(DataDirectory.DATABASE_FILE);
        String url = "jdbc:sqlite:" + file;
        upgradeAndCheck(url, "sqlite", new StoreLocation.SqliteFile(file));
    }

    @Test
    void aPostgresWorkspaceKeepsItsWindowsThroughV34() throws Exception {
        DatabaseUrl db = PostgresTestServer.get().newDatabase();
        upgradeAndCheck(db.jdbcUrl(), "postgresql", new StoreLocation.PostgresServer(db, null));
    }

    private void upgradeAndCheck(String url, String vendor, StoreLocation location) throws Exception {
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration/" + vendor)
                .table("flyway_schema_history").target("33").load().migrate();
        List<Object[]> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(new Object[] {"a", "action", T}); // five in one millisecond
        }
        events.add(new Object[] {"a", "action", T + 1});
        events.add(new Object[] {"a", "escalation", T});
        events.add(new Object[] {"b", "action", T + 30_000});
        try (Connection c = DriverManager.getConnection(url)) {
            for (Object[] e : events) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO rate_event(agent_id, kind, at_ms) VALUES (?, ?, ?)")) {
                    ps.setString(1, (String) e[0]);
                    ps.setString(2, (String) e[1]);
                    ps.setLong(3, (Long) e[2]);
                    ps.executeUpdate();
                }
            }
        }
        try (Workspace ws = Workspace.open(new DataDirectory(dir.resolve("home")), location, Clock.systemUTC())) {
            ws.database().read(c -> {
                assertThat(rows(c, "a", "action", T - 1)).isEqualTo(new CounterStore.Rows(6, 0, 0, 0));
                assertThat(rows(c, "a", "action", T)).isEqualTo(new CounterStore.Rows(6, 5, 1, 0));
                assertThat(rows(c, "a", "escalation", T)).isEqualTo(new CounterStore.Rows(1, 1, 1, 0));
                assertThat(rows(c, "b", "action", T)).isEqualTo(new CounterStore.Rows(1, 0, 0, 0));
                return null;
            });
            // the triggers follow the buckets: a prune and more events keep the total right
            ws.database().write(tx -> {
                CounterStore.prune(tx.connection(), "a", "action", T);
                CounterStore.prune(tx.connection(), "escalation", T); // every agent's, as once per 32,768 events
                CounterStore.recordEvents(tx.connection(), "a", "action", new java.util.TreeMap<>(
                        java.util.Map.of(T + 1, 2, T + 2, 1)));
                return null;
            });
            ws.database().read(c -> {
                assertThat(rows(c, "a", "action", T)).isEqualTo(new CounterStore.Rows(4, 0, 0, T));
                assertThat(rows(c, "a", "action", T + 1)).isEqualTo(new CounterStore.Rows(4, 3, 1, T));
                assertThat(rows(c, "a", "escalation", T)).isEqualTo(new CounterStore.Rows(0, 0, 0, T));
                assertThat(rows(c, "b", "action", T + 30_000)).isEqualTo(new CounterStore.Rows(1, 1, 1, 0));
                return null;
            });
        }
    }

    private static CounterStore.Rows rows(Connection c, String agent, String kind, long edge) throws SQLException {
        return CounterStore.rowsAt(c, agent, kind, edge);
    }
}
