package dev.arbiter.core.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.arbiter.core.event.Events;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A workspace on a PostgreSQL server shared by a team: several gateways,
 * desktops and CLI runs at once. Connections come from a HikariCP pool, which
 * replaces broken ones by itself, so the workspace recovers when the server
 * comes back without a restart.
 *
 * <p>One writer at a time across every process: each write transaction first
 * takes the transaction-scoped advisory lock {@link #WRITER_LOCK}, the
 * PostgreSQL counterpart of SQLite's {@code BEGIN IMMEDIATE}. Everything a
 * write reads after that (the ledger's head, the queue's revision, the next
 * policy version) is the committed state of every process, so two gateways
 * can never fork the hash chain. The ledger's group commit makes one such
 * transaction per batch, not per entry. Commits use the server's default
 * {@code synchronous_commit = on}: durable when {@code commit()} returns.
 */
public final class PostgresDatabase extends Database {

    /** Key of the advisory lock held by the one writing transaction (an arbitrary constant: "ARBITER" in ASCII). */
    static final long WRITER_LOCK = 0x4152_4249_5445_52L;

    private static final Logger LOG = LoggerFactory.getLogger(PostgresDatabase.class);
    private static final int POOL_SIZE = 8;
    /** How long a caller waits for a connection before it is told the database is offline. */
    private static final long CONNECT_TIMEOUT_MS = 3_000;

    private final DatabaseUrl url;
    private final String password;
    private final HikariDataSource pool;
    private final ReentrantLock writeLock = new ReentrantLock();

    private PostgresDatabase(DatabaseUrl url, String password, HikariDataSource pool, int schemaVersion,
            int knownVersion) {
        super(schemaVersion, knownVersion);
        this.url = url;
        this.password = password;
        this.pool = pool;
    }

    /**
     * Connects, creates or upgrades the schema (unless a newer Arbiter made
     * it: then read-only), and returns the open database.
     *
     * @throws StoreException saying which server could not be reached or why the schema could not be upgraded
     */
    public static PostgresDatabase open(StoreLocation.PostgresServer server) {
        HikariDataSource pool = pool(server);
        try {
            SchemaMigrator migrator = new SchemaMigrator(pool, SqlDialect.POSTGRESQL);
            int found = migrator.foundVersion();
            int known = migrator.knownVersion();
            if (found > known) {
                LOG.warn("{} has schema version {}, this Arbiter knows {}: opened read-only", server.url(), found,
                        known);
                return new PostgresDatabase(server.url(), server.password(), pool, found, known);
            }
            int applied = migrator.migrate();
            if (applied > 0) {
                LOG.info("Migrated {} from schema {} to {}", server.url(), found, known);
            }
            return new PostgresDatabase(server.url(), server.password(), pool, known, known);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static HikariDataSource pool(StoreLocation.PostgresServer server) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.url().jdbcUrl());
        if (server.password() != null) {
            config.setPassword(server.password());
        }
        config.setPoolName("arbiter-postgresql");
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(CONNECT_TIMEOUT_MS);
        config.setValidationTimeout(1_000);
        // Fail at open, with the server's own message, when the first connection cannot be made.
        config.setInitializationFailTimeout(CONNECT_TIMEOUT_MS);
        config.addDataSourceProperty("ApplicationName", "arbiter");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        // Parameters bound with setString take the column's type, as SQLite's loose typing
        // lets the portable SQL do (e.g. "seq <= ?" bound from text).
        config.addDataSourceProperty("stringtype", "unspecified");
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (isMissingPassword(e)) {
                throw new PasswordRequiredException(server.url() + " wants a password: set PGPASSWORD, add it to "
                        + "~/.pgpass, or run from a terminal to be asked (" + cause.getMessage() + ")", e);
            }
            throw new StoreException("Cannot connect to " + server.url() + ": " + cause.getMessage()
                    + " (is the server running, and is the password in PGPASSWORD or ~/.pgpass?)", e);
        }
    }

    /** 28P01: wrong password; pgjdbc's own message when the server asked and none was given. */
    static boolean isMissingPassword(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && ("28P01".equals(sql.getSQLState())
                    || (sql.getMessage() != null && sql.getMessage().contains("no password was provided")))) {
                return true;
            }
        }
        return false;
    }

    /** The server and database, without any secret. */
    public DatabaseUrl url() {
        return url;
    }

    @Override
    public String describe() {
        return url.toString();
    }

    @Override
    public SqlDialect dialect() {
        return SqlDialect.POSTGRESQL;
    }

    @Override
    public <T> T write(TxWork<T> work) {
        if (isReadOnly()) {
            throw readOnly();
        }
        Tx tx;
        T result;
        // One transaction per process at a time keeps pool connections for readers
        // while writers queue on the server's lock.
        writeLock.lock();
        try {
            Connection c;
            try {
                c = borrow();
            } catch (SQLException e) {
                throw offline(e, true);
            }
            tx = new Tx(c);
            boolean committing = false;
            try {
                c.setAutoCommit(false);
                try (Statement st = c.createStatement()) {
                    st.execute("SELECT pg_advisory_xact_lock(" + WRITER_LOCK + ")");
                }
                result = work.run(tx);
                tx.beforeCommitting();
                committing = true;
                c.commit();
            } catch (SQLException e) {
                rollbackQuietly(c);
                // The pool closes a connection it saw break, so work that caught the break and went on (a
                // savepoint's rollback) fails with the pool's "Connection is closed", which has no SQLSTATE:
                // the break is still the cause.
                boolean lost = connectionLost(e) || closedByThePool(c);
                // Lost before COMMIT was sent: the server rolls the transaction back, nothing was
                // written, so the caller may safely try again. Lost during COMMIT: unknown, said so.
                if (!committing && lost) {
                    throw offline(e, true);
                }
                throw new StoreException("Could not save to " + url + ": " + e.getMessage()
                        + (committing && lost ? " (the connection broke while committing: check "
                                + "whether the change is there before trying again)" : ""), e);
            } catch (RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            } finally {
                resetQuietly(c);
                closeQuietly(c);
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
        if (!table.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not a table name: " + table);
        }
        try (Connection c = borrow(); Statement st = c.createStatement()) {
            st.execute("VACUUM FULL " + table);
            return true;
        } catch (SQLException e) {
            throw new StoreException("Could not rewrite " + table + " on " + url + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code work} in a read-only transaction, never under autocommit: the driver honours a statement's
     * fetch size only inside a transaction (it then reads the rows through a portal, a page at a time); under
     * autocommit it loads the whole result before the first row is seen, so a scan of a team's ledger (verify,
     * export, evidence bundle, retention archive) would need the whole table in memory. Doing it here rather
     * than in each scan means no long read can forget it. Read-only also makes a write slipped into a read fail
     * rather than commit. The cost is one round trip (the closing rollback) per read.
     */
    @Override
    public <T> T read(SqlWork<T> work) {
        try (Connection c = borrow()) {
            try {
                c.setAutoCommit(false);
                c.setReadOnly(true);
                return work.run(c);
            } catch (SQLException e) {
                throw new StoreException("Could not read " + url + ": " + e.getMessage(), e);
            } finally {
                rollbackQuietly(c); // it only read
                resetQuietly(c);
            }
        } catch (SQLException e) {
            throw offline(e, false);
        }
    }

    @Override
    public AutoCloseable watchChanges(Events events) {
        return new PostgresChangeListener(this, events);
    }

    /** A connection outside the pool, for the change listener's LISTEN (which must stay on one session). */
    Connection openDedicated() throws SQLException {
        java.util.Properties props = new java.util.Properties();
        props.setProperty("ApplicationName", "arbiter-listen");
        props.setProperty("tcpKeepAlive", "true");
        props.setProperty("stringtype", "unspecified");
        props.setProperty("connectTimeout", "3");
        if (password != null) {
            props.setProperty("password", password);
        }
        return java.sql.DriverManager.getConnection(url.jdbcUrl(), props);
    }

    private Connection borrow() throws SQLException {
        if (pool.isClosed()) {
            throw new StoreException("The workspace database is closed");
        }
        return pool.getConnection();
    }

    private StoreException offline(SQLException e, boolean write) {
        return new DatabaseOfflineException("The database " + url + " is offline" + (write ? ", nothing was saved: "
                : ": ") + e.getMessage(), e);
    }

    /** True when the pool closed {@code c} (it saw the connection break); only the pool closes it before we do. */
    private static boolean closedByThePool(Connection c) {
        try {
            return c.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.warn("Rollback failed: {}", e.getMessage());
        }
    }

    /** SQLSTATE class 08 (connection exception) or 57P01–57P03 (the server shut down or is starting). */
    static boolean connectionLost(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().matches("57P0[123]"))) {
                return true;
            }
        }
        return false;
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("Returning a connection failed: {}", e.getMessage());
        }
    }

    /**
     * Gives a connection back to the pool as it came out of it, whatever {@link #read} or {@link #write} changed:
     * autocommit on and read-only off. After the rollback or commit, so no transaction is open (the driver refuses
     * to change read-only inside one). Each step is tried even if the one before failed.
     */
    private static void resetQuietly(Connection c) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException ignored) {
            // a broken connection: the pool drops it
        }
        try {
            c.setReadOnly(false);
        } catch (SQLException ignored) {
            // a broken connection: the pool drops it
        }
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            pool.close();
        } finally {
            writeLock.unlock();
        }
    }
}
