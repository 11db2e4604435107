package dev.arbiter.core.store;

import dev.arbiter.core.event.Events;
import dev.arbiter.core.event.WorkspaceChanged;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices commits made through other connections (another process on the same
 * file, or this process's writer) by polling {@code PRAGMA data_version}, which
 * SQLite bumps whenever another connection commits. Polling every 200 ms keeps
 * a kill switch engaged from the CLI effective in the desktop and gateway well
 * under a second, at the cost of one trivial query per tick.
 */
final class ChangeWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeWatcher.class);
    static final long PERIOD_MS = 200;

    private final Connection connection;
    private final Events events;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "arbiter-change-watcher");
        t.setDaemon(true);
        return t;
    });
    private long lastVersion = -1;

    ChangeWatcher(SqliteDatabase database, Events events) {
        try {
            this.connection = database.openDedicatedReader();
        } catch (SQLException e) {
            throw new StoreException("Cannot watch " + database.file() + " for changes: " + e.getMessage(), e);
        }
        this.events = events;
        lastVersion = dataVersion();
        timer.scheduleWithFixedDelay(this::poll, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    private void poll() {
        long version = dataVersion();
        if (version != lastVersion && version >= 0) {
            lastVersion = version;
            events.publish(new WorkspaceChanged());
        }
    }

    private long dataVersion() {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("PRAGMA data_version")) {
            return rs.next() ? rs.getLong(1) : -1;
        } catch (SQLException e) {
            LOG.warn("data_version poll failed: {}", e.getMessage());
            return -1;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("close failed", e);
        }
    }
}
