package dev.arbiter.core.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The workspace's SQLite file (the embedded default). One writer connection per process, guarded by a
 * lock and using {@code BEGIN IMMEDIATE} so that other processes on the same
 * file queue behind SQLite's own lock (with a busy timeout) instead of failing
 * halfway through a transaction. Readers use a small pool of their own
 * connections; WAL lets them read while the writer writes.
 */
public final class SqliteDatabase extends Database {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteDatabase.class);
    private static final int BUSY_TIMEOUT_MS = 10_000;
    private static final int MAX_READERS = 6;
    /**
     * The most the WAL file keeps once it has been checkpointed: SQLite's
     * {@code journal_size_limit}, plus a truncating checkpoint when it is
     * larger (see {@link Checkpointer}). Without it a burst left a 271 MB WAL
     * that was never given back while the gateway ran (issue 13 §1).
     */
    public static final int WAL_LIMIT_BYTES = 16 * 1024 * 1024;

    /** SQL texts whose statements the writer keeps compiled: the decision path uses about a dozen. */
    static final int WRITER_STATEMENTS = 64;

    private final Path file;
    private final String url;
    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final BlockingQueue<Connection> idleReaders = new ArrayBlockingQueue<>(MAX_READERS);
    private final List<Connection> allReaders = new ArrayList<>();
    private final AtomicInteger readerCount = new AtomicInteger();
    private final Checkpointer checkpointer;
    private boolean checkpointerStarted;
    private volatile boolean closed;

    private SqliteDatabase(Path file, Connection writer, int schemaVersion, int knownVersion) {
        super(schemaVersion, knownVersion);
        this.file = file;
        this.url = "jdbc:sqlite:" + file;
        this.writer = writer;
        this.checkpointer = isReadOnly() ? null
                : new Checkpointer(this::openDedicatedReader, Path.of(file + "-wal"), WAL_LIMIT_BYTES);
    }

    /** Opens (creating if needed) the file and brings its schema up to date (see {@link SchemaMigrator}). */
    public static SqliteDatabase open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            String url = "jdbc:sqlite:" + file;
            SQLiteDataSource migrations = new SQLiteDataSource(writerConfig());
            migrations.setUrl(url);
            SchemaMigrator migrator = new SchemaMigrator(migrations, SqlDialect.SQLITE);
            int found = migrator.foundVersion();
            int known = migrator.knownVersion();
            if (found > known) {
                LOG.warn("{} has schema version {}, this Arbiter knows {}: opened read-only", file, found, known);
                return new SqliteDatabase(file, writerConfig().createConnection(url), found, known);
            }
            int applied = migrator.migrate();
            if (applied > 0) {
                LOG.info("Migrated {} from schema {} to {}", file, found, known);
            }
            // The same statements commit every decision: keep them compiled (see CachedStatements).
            Connection writer = CachedStatements.wrap(writerConfig().createConnection(url), WRITER_STATEMENTS);
            // Checkpoints run on their own thread (see Checkpointer), not inside a commit.
            try (var st = writer.createStatement()) {
                st.execute("PRAGMA wal_autocheckpoint = 0");
            }
            return new SqliteDatabase(file, writer, known, known);
        } catch (SQLException | java.io.IOException e) {
            throw new StoreException("Cannot open the workspace database " + file + ": " + e.getMessage(), e);
        }
    }

    private static SQLiteConfig writerConfig() {
        SQLiteConfig config = new SQLiteConfig();
        // Else the driver matches every INSERT against a pattern and runs "SELECT last_insert_rowid()" after it,
        // wanted or not: a second statement per row on the ledger writer's thread. Keys come from RETURNING.
        config.setGetGeneratedKeys(false);
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // FULL: a commit is on disk when commit() returns, which is what
        // "audited before answered" promises to an agent.
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        // The commit that restarts the WAL from its beginning cuts the file back to this size.
        config.setJournalSizeLimit(WAL_LIMIT_BYTES);
        // Deleted content (an erased subject's personal data) is overwritten with zeros, not left in free space.
        config.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
        return config;
    }

    private static SQLiteConfig readerConfig() {
        SQLiteConfig config = new SQLiteConfig();
        config.setGetGeneratedKeys(false); // as the writer's
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        return config;
    }

    /** The workspace file. */
    public Path file() {
        return file;
    }

    @Override
    public String describe() {
        return file.toString();
    }

    @Override
    public SqlDialect dialect() {
        return SqlDialect.SQLITE;
    }

    @Override
    public synchronized void start() {
        if (checkpointer != null && !checkpointerStarted) {
            checkpointerStarted = true;
            checkpointer.start();
        }
    }

    @Override
    public AutoCloseable watchChanges(dev.arbiter.core.event.Events events) {
        return new ChangeWatcher(this, events);
    }

    @Override
    public <T> T write(TxWork<T> work) {
        if (isReadOnly()) {
            throw readOnly();
        }
        Tx tx;
        T result;
        writeLock.lock();
        try {
            ensureOpen();
            tx = new Tx(writer);
            try {
                writer.setAutoCommit(false);
                result = work.run(tx);
                tx.beforeCommitting();
                writer.commit();
            } catch (SQLException e) {
                rollbackQuietly();
                throw new StoreException("Could not save to " + file.getFileName() + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                rollbackQuietly();
                throw e;
            } finally {
                try {
                    writer.setAutoCommit(true);
                } catch (SQLException ignored) {
                    // the connection is broken; the next write reports it
                }
            }
        } finally {
            writeLock.unlock();
        }
        for (Runnable action : tx.afterCommitActions()) {
            action.run();
        }
        return result;
    }

    @Override
    public boolean scrubDeleted(String table) {
        if (isReadOnly()) {
            throw readOnly();
        }
        writeLock.lock();
        try (Statement st = writer.createStatement()) {
            ensureOpen();
            // TRUNCATE waits (busy timeout) for readers of older snapshots, then empties the WAL.
            try (ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                return rs.next() && rs.getInt(1) == 0 && rs.getInt(2) == rs.getInt(3);
            }
        } catch (SQLException e) {
            throw new StoreException("Could not clear the journal of " + file.getFileName() + ": " + e.getMessage()
                    + ". Run the erasure again once no other Arbiter process is reading.", e);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public <T> T read(SqlWork<T> work) {
        ensureOpen();
        Connection connection = borrowReader();
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException("Could not read " + file.getFileName() + ": " + e.getMessage(), e);
        } finally {
            idleReaders.offer(connection);
        }
    }

    /** A connection of its own for long-lived watchers; the caller closes it. */
    Connection openDedicatedReader() throws SQLException {
        return readerConfig().createConnection(url);
    }

    private Connection borrowReader() {
        Connection idle = idleReaders.poll();
        if (idle != null) {
            return idle;
        }
        if (readerCount.incrementAndGet() <= MAX_READERS) {
            try {
                Connection connection = readerConfig().createConnection(url);
                synchronized (allReaders) {
                    allReaders.add(connection);
                }
                return connection;
            } catch (SQLException e) {
                readerCount.decrementAndGet();
                throw new StoreException("Cannot open a read connection to " + file + ": " + e.getMessage(), e);
            }
        }
        readerCount.decrementAndGet();
        try {
            Connection connection = idleReaders.poll(BUSY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            if (connection == null) {
                throw new StoreException("All read connections to " + file.getFileName() + " are busy");
            }
            return connection;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted while waiting for a read connection", e);
        }
    }

    private void rollbackQuietly() {
        try {
            writer.rollback();
        } catch (SQLException e) {
            LOG.warn("Rollback failed", e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreException("The workspace database is closed");
        }
    }

    @Override
    public void close() {
        if (checkpointer != null) {
            checkpointer.close();
        }
        writeLock.lock();
        try {
            closed = true;
            closeQuietly(writer);
            synchronized (allReaders) {
                allReaders.forEach(SqliteDatabase::closeQuietly);
            }
        } finally {
            writeLock.unlock();
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("Close failed", e);
        }
    }
}
