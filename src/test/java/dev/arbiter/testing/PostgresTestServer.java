package dev.arbiter.testing;

import dev.arbiter.bench.PrivatePostgres;
import dev.arbiter.core.store.DatabaseUrl;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real, throw-away PostgreSQL server for the tests: a {@link PrivatePostgres}
 * cluster (the one {@code arbiter bench team} starts, with fsync off for
 * speed), shared by every test of the JVM (each test takes a database of its
 * own) and stopped when the JVM exits.
 *
 * <p>Needs Debian's {@code postgresql} package (or any install with
 * {@code initdb} under {@code /usr/lib/postgresql/<v>/bin}, or on the PATH, or in
 * {@code $ARBITER_PG_BIN}); {@code .ci/run} installs it. Without it the tests
 * fail with that advice — they are never skipped.
 */
public final class PostgresTestServer {

    private static PostgresTestServer instance;

    private final PrivatePostgres cluster;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresTestServer(PrivatePostgres cluster) {
        this.cluster = cluster;
    }

    /** The JVM's server, started on first use. */
    public static synchronized PostgresTestServer get() {
        if (instance == null) {
            try {
                instance = new PostgresTestServer(PrivatePostgres.start(false));
            } catch (IOException e) {
                throw new IllegalStateException("Cannot start the test PostgreSQL server: " + e.getMessage(), e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(instance.cluster::close, "pg-test-stop"));
        }
        return instance;
    }

    /** A new, empty database on the server, owned by the superuser the URL names. */
    public DatabaseUrl newDatabase() {
        String name = "arbiter_test_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection(cluster.url("postgres").jdbcUrl())) {
            c.createStatement().execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name + ": " + e.getMessage(), e);
        }
        return cluster.url(name);
    }

    /** The server's port (for tests that need to reach it by hand). */
    public int port() {
        return cluster.port();
    }

    /** Stops the server (fast: no checkpoint), as a crash or a network loss would. */
    public void stopServer() {
        cluster.stopServer();
    }

    /** Starts the server again on the same port after {@link #stopServer()}. */
    public void startServer() {
        cluster.startServer();
    }
}
