package dev.arbiter.core.store;

import dev.arbiter.core.event.DatabaseConnectivity;
import dev.arbiter.core.event.Events;
import dev.arbiter.core.event.WorkspaceChanged;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Change notices by topic on PostgreSQL: {@code LISTEN arbiter_change} on a
 * session of its own; the triggers of the schema send the changed table's
 * name on every commit (see {@code arbiter_watch} in migration V1). A notice
 * arrives within milliseconds of the commit, which is what lets a kill switch
 * engaged in one process stop every gateway well within 100 ms.
 *
 * <p>When the session drops, the listener reports the database offline, keeps
 * retrying every {@value #RETRY_MS} ms, and on reconnecting publishes a change
 * of everything, since notices sent meanwhile are lost.
 */
final class PostgresChangeListener implements AutoCloseable {

    static final String CHANNEL = "arbiter_change";
    private static final Logger LOG = LoggerFactory.getLogger(PostgresChangeListener.class);
    private static final int WAIT_MS = 500;
    private static final long RETRY_MS = 500;

    private final PostgresDatabase database;
    private final Events events;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Connection connection;

    PostgresChangeListener(PostgresDatabase database, Events events) {
        this.database = database;
        this.events = events;
        this.thread = new Thread(this::run, "arbiter-pg-listen");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        boolean wasOnline = true;
        boolean first = true;
        while (running) {
            try (Connection c = database.openDedicated()) {
                connection = c;
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + CHANNEL);
                }
                if (!wasOnline) {
                    LOG.info("{} is back online", database.describe());
                    events.publish(new DatabaseConnectivity(true, "connected"));
                }
                wasOnline = true;
                if (!first) {
                    events.publish(new WorkspaceChanged());
                }
                first = false;
                listen(c.unwrap(PGConnection.class));
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                if (wasOnline) {
                    LOG.warn("Lost the change feed of {}: {}", database.describe(), e.getMessage());
                    events.publish(new DatabaseConnectivity(false, e.getMessage()));
                }
                wasOnline = false;
                first = false;
                pause();
            }
        }
    }

    private void listen(PGConnection pg) throws SQLException {
        while (running) {
            PGNotification[] notices = pg.getNotifications(WAIT_MS);
            if (notices == null || notices.length == 0) {
                continue;
            }
            Set<String> tables = new HashSet<>();
            for (PGNotification n : notices) {
                tables.add(n.getParameter());
            }
            events.publish(new WorkspaceChanged(tables));
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing to wake the listener; nothing to keep
            }
        }
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
