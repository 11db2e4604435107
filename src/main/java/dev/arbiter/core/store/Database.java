package dev.arbiter.core.store;

import dev.arbiter.core.event.Events;
import java.nio.file.Path;

/**
 * The workspace's database: the seam between core services and the vendor.
 * Services run their (portable) SQL through {@link #write} and {@link #read}
 * and never learn which database they run on; the few spellings that differ
 * are in {@link SqlDialect}. Two implementations: {@link SqliteDatabase}, one
 * file (the embedded default), and {@link PostgresDatabase}, one server shared
 * by a team.
 *
 * <p>Both give the same transaction semantics: one writer at a time across
 * every process on the workspace ({@code BEGIN IMMEDIATE} on SQLite, a
 * transaction-scoped advisory lock on PostgreSQL), so read-then-write work
 * inside {@link #write} (the ledger's chain head, the next policy version, the
 * queue's revision) never races another process.
 */
public abstract sealed class Database implements AutoCloseable permits SqliteDatabase, PostgresDatabase {

    private final int schemaVersion;
    private final int knownVersion;

    /**
     * @param schemaVersion the schema version found in the database after any migration
     * @param knownVersion  the newest schema version this Arbiter knows; a higher {@code schemaVersion} makes the
     *                      database read-only
     */
    Database(int schemaVersion, int knownVersion) {
        this.schemaVersion = schemaVersion;
        this.knownVersion = knownVersion;
    }

    /** Opens (creating if needed) a SQLite workspace file and brings its schema up to date. */
    public static Database open(Path file) {
        return SqliteDatabase.open(file);
    }

    /** Opens the database at {@code location}, migrating its schema unless it is newer than this Arbiter. */
    public static Database open(StoreLocation location) {
        if (location instanceof StoreLocation.PostgresServer server) {
            return PostgresDatabase.open(server);
        }
        return SqliteDatabase.open(((StoreLocation.SqliteFile) location).path());
    }

    /** Where the data is, for messages and the status bar: a file path or {@code postgresql://host:port/db}. */
    public abstract String describe();

    /** The spellings this database needs where SQL differs. */
    public abstract SqlDialect dialect();

    /** True when a newer Arbiter made this schema: reads work, writes are refused. */
    public final boolean isReadOnly() {
        return schemaVersion > knownVersion;
    }

    /** The schema version found in the database (the newest migration applied). */
    public final int schemaVersion() {
        return schemaVersion;
    }

    /**
     * Runs {@code work} in one write transaction and commits it durably; on any
     * failure the transaction is rolled back and a {@link StoreException} names
     * what went wrong. After-commit actions run once the commit has returned.
     *
     * @throws ReadOnlyWorkspaceException when a newer Arbiter made the schema
     * @throws StoreException when the database refused or could not be reached
     */
    public abstract <T> T write(TxWork<T> work);

    /**
     * Runs {@code work} on a read connection (never the writer's). A scan whose result has no bound (a range of
     * the ledger) sets a fetch size on its statement and then streams: SQLite steps row by row, and PostgreSQL
     * reads inside a read-only transaction, where the driver fetches that many rows at a time.
     */
    public abstract <T> T read(SqlWork<T> work);

    /**
     * Makes rows deleted from {@code table} so far unreadable in the store's files, for an erasure (GDPR
     * Art. 17). SQLite zeroes deleted content as it deletes ({@code secure_delete}); this also copies the WAL
     * into the database and cuts it to nothing, so no older copy of a page remains. PostgreSQL rewrites the
     * table ({@code VACUUM FULL}); its WAL segments are recycled by the server.
     *
     * @param table one of our table names
     * @return false when a reader held on to the WAL so part of it is left (the next checkpoint removes it)
     */
    public abstract boolean scrubDeleted(String table);

    /**
     * Starts telling {@code events} of commits made by any process (including
     * this one) as {@link dev.arbiter.core.event.WorkspaceChanged}, by table
     * where the database says which; close the handle to stop.
     */
    public abstract AutoCloseable watchChanges(Events events);

    /**
     * Starts the database's own background work, if it has any (SQLite: the WAL checkpointer). Not
     * started, the database still reads and writes; a one-shot command leaves it so and starts no thread
     * (SQLite then checkpoints the WAL when the last connection closes). Idempotent.
     */
    public void start() {
    }

    /** Closes every connection; work after this fails with {@link StoreException}. */
    @Override
    public abstract void close();

    /** The refusal of a write to a read-only workspace ({@link #isReadOnly}), saying what to do. */
    final ReadOnlyWorkspaceException readOnly() {
        return new ReadOnlyWorkspaceException("This workspace was created by a newer version of Arbiter "
                + "(schema " + schemaVersion + ", this version knows " + knownVersion
                + "). It is open read-only; update Arbiter to make changes.");
    }
}
