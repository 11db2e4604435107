package dev.arbiter.core.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
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

/**
 * The workspace's SQLite file. One writer connection per process, guarded by a
 * lock and using {@code BEGIN IMMEDIATE} so that other processes on the same
 * file queue behind SQLite's own lock (with a busy timeout) instead of failing
 * halfway through a transaction. Readers use a small pool of their own
 * connections; WAL lets them read while the writer writes.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final int BUSY_TIMEOUT_MS = 10_000;
    private static final int MAX_READERS = 6;

    private final Path file;
    private final String url;
    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final BlockingQueue<Connection> idleReaders = new ArrayBlockingQueue<>(MAX_READERS);
    private final List<Connection> allReaders = new ArrayList<>();
    private final AtomicInteger readerCount = new AtomicInteger();
    private final int schemaVersion;
    private final int knownVersion;
    private final Checkpointer checkpointer;
    private volatile boolean closed;

    private Database(Path file, Connection writer, int schemaVersion, int knownVersion) {
        this.file = file;
        this.url = "jdbc:sqlite:" + file;
        this.writer = writer;
        this.schemaVersion = schemaVersion;
        this.knownVersion = knownVersion;
        this.checkpointer = schemaVersion > knownVersion ? null : new Checkpointer(this::openDedicatedReader);
    }

    /** Opens (creating if needed) the file and brings its schema up to date. */
    public static Database open(Path file) {
        Migrations migrations = Migrations.fromClasspath();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Connection writer = writerConfig().createConnection("jdbc:sqlite:" + file);
            int found = Migrations.currentVersion(writer);
            int known = migrations.latestVersion();
            if (found > known) {
                LOG.warn("{} has schema version {}, this Arbiter knows {}: opened read-only", file, found, known);
                return new Database(file, writer, found, known);
            }
            // Checkpoints run on their own thread (see Checkpointer), not inside a commit.
            try (var st = writer.createStatement()) {
                st.execute("PRAGMA wal_autocheckpoint = 0");
            }
            int applied = migrations.migrate(writer);
            if (applied > 0) {
                LOG.info("Migrated {} from schema {} to {}", file, found, known);
            }
            return new Database(file, writer, known, known);
        } catch (SQLException | java.io.IOException e) {
            throw new StoreException("Cannot open the workspace database " + file + ": " + e.getMessage(), e);
        }
    }

    private static SQLiteConfig writerConfig() {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // FULL: a commit is on disk when commit() returns, which is what
        // "audited before answered" promises to an agent.
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        return config;
    }

    private static SQLiteConfig readerConfig() {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        return config;
    }

    public Path file() {
        return file;
    }

    /** True when a newer Arbiter made this file: reads work, writes are refused. */
    public boolean isReadOnly() {
        return schemaVersion > knownVersion;
    }

    public int schemaVersion() {
        return schemaVersion;
    }

    /**
     * Runs {@code work} in one write transaction and commits it durably; on any
     * failure the transaction is rolled back and a {@link StoreException} names
     * what went wrong. After-commit actions run once the commit has returned.
     */
    public <T> T write(TxWork<T> work) {
        if (isReadOnly()) {
            throw new ReadOnlyWorkspaceException("This workspace was created by a newer version of Arbiter "
                    + "(schema " + schemaVersion + ", this version knows " + knownVersion
                    + "). It is open read-only; update Arbiter to make changes.");
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

    /** Runs {@code work} on a pooled read connection (never the writer). */
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
    public Connection openDedicatedReader() throws SQLException {
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
                allReaders.forEach(Database::closeQuietly);
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
