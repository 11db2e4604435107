package dev.arbiter.core.store;

import java.nio.file.Path;

/**
 * Where a workspace's data lives: the SQLite file in the data directory (the
 * default), or a PostgreSQL server given by {@code --database URL} /
 * {@code ARBITER_DATABASE_URL} for team mode.
 */
public sealed interface StoreLocation {

    /** The embedded default: {@code arbiter.db} in the data directory. */
    record SqliteFile(Path path) implements StoreLocation {
    }

    /**
     * A PostgreSQL database. {@code jdbcUrl} never holds a password: pgjdbc
     * reads it from {@code PGPASSWORD} or {@code ~/.pgpass}, or the CLI passes
     * one typed at a prompt in {@code password} (null when none was typed).
     * {@link #toString()} leaves the password out, so it cannot reach a log.
     */
    record PostgresServer(DatabaseUrl url, String password) implements StoreLocation {
        @Override
        public String toString() {
            return "PostgresServer[" + url + "]";
        }
    }
}
