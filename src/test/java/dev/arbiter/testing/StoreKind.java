package dev.arbiter.testing;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.store.DataDirectory;
import dev.arbiter.core.store.StoreLocation;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The two stores the same behavioural tests run on. A {@link Place} is one
 * workspace's data; {@link Place#open(int)} opens it as process number
 * {@code n} would (its own connections, watcher and ledger writer; on
 * PostgreSQL also its own data directory, as on another host).
 */
public enum StoreKind {
    SQLITE, POSTGRESQL;

    /** A fresh, empty workspace location under {@code dir}. */
    public Place fresh(Path dir) {
        StoreLocation location = this == SQLITE
                ? new StoreLocation.SqliteFile(dir.resolve(DataDirectory.DATABASE_FILE))
                : new StoreLocation.PostgresServer(PostgresTestServer.get().newDatabase(), null);
        return new Place(this, dir, location);
    }

    /** One workspace's data, opened by as many simulated processes as a test wants. */
    public record Place(StoreKind kind, Path dir, StoreLocation location) {

        public Workspace open(int process) {
            return open(process, Clock.systemUTC());
        }

        public Workspace open(int process, Clock clock) {
            Path home = kind == SQLITE ? dir : dir.resolve("host-" + process);
            return Workspace.open(new DataDirectory(home), location, clock);
        }
    }
}
