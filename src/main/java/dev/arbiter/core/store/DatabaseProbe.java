package dev.arbiter.core.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Tries a team database once, without opening a workspace on it: one
 * connection (3 s to connect, 5 s per statement), the server's version and the
 * Arbiter schema version it holds. Nothing is written, no migration runs.
 * Blocks for up to about 8 s: call it off the UI thread.
 */
public final class DatabaseProbe {

    /** Seconds to wait for the TCP connection and the login. */
    static final int CONNECT_TIMEOUT_S = 3;

    private DatabaseProbe() {
    }

    /**
     * Connects to {@code url} and reports what it found; never throws for a
     * server-side problem (that is the answer).
     *
     * @param password the password to try, or null for {@code PGPASSWORD} / {@code ~/.pgpass} as at start
     */
    public static ConnectionCheck check(DatabaseUrl url, String password) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(url.jdbcUrl());
        String secret = password != null && !password.isEmpty() ? password : System.getenv("PGPASSWORD");
        if (secret != null && !secret.isEmpty()) {
            source.setPassword(secret);
        }
        source.setConnectTimeout(CONNECT_TIMEOUT_S);
        source.setLoginTimeout(CONNECT_TIMEOUT_S);
        source.setSocketTimeout(5);
        source.setApplicationName("arbiter-probe");
        String server;
        try (Connection c = source.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SHOW server_version")) {
            rs.next();
            server = "PostgreSQL " + rs.getString(1).split(" ")[0];
        } catch (SQLException e) {
            if (PostgresDatabase.isMissingPassword(e)) {
                return new ConnectionCheck.PasswordNeeded(url, firstLine(e));
            }
            return new ConnectionCheck.Failed(url, firstLine(e) + hint(e));
        }
        try {
            SchemaMigrator migrator = new SchemaMigrator(source, SqlDialect.POSTGRESQL);
            return new ConnectionCheck.Reached(url, server, migrator.foundVersion(), migrator.knownVersion());
        } catch (RuntimeException e) {
            return new ConnectionCheck.Failed(url, "connected, but the schema could not be read: " + e.getMessage());
        }
    }

    private static String firstLine(SQLException e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    /** What to check, by the SQLSTATE class: 08 connection, 3D000 no such database, 28 authorization. */
    private static String hint(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("08")) {
            return " (is the server running and the host and port right?)";
        }
        if (state.equals("3D000")) {
            return " (create it first: createdb, or CREATE DATABASE)";
        }
        if (state.startsWith("28")) {
            return " (check the user name and pg_hba.conf)";
        }
        return "";
    }
}
