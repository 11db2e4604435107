package dev.arbiter.core.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the WAL back into the database file from a background thread.
 *
 * <p>By default SQLite checkpoints inside whichever commit pushes the WAL past
 * 1,000 pages; that commit then also fsyncs the database file and takes ten
 * times longer than the others, which is the tail latency an agent waiting for
 * a decision sees. With automatic checkpoints off on the writer, this thread
 * runs a PASSIVE checkpoint (which never blocks writers or readers) twice a
 * second on a connection of its own.
 */
final class Checkpointer implements AutoCloseable {

    /** Opens the checkpointer's own connection. */
    @FunctionalInterface
    interface ConnectionSource {
        Connection open() throws SQLException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);
    private static final long PERIOD_MS = 500;

    private final ConnectionSource source;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "arbiter-checkpointer");
        t.setDaemon(true);
        return t;
    });
    private Connection connection;

    Checkpointer(ConnectionSource source) {
        this.source = source;
        timer.scheduleWithFixedDelay(this::checkpoint, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    private void checkpoint() {
        try {
            if (connection == null) {
                connection = source.open();
            }
            try (Statement st = connection.createStatement()) {
                st.execute("PRAGMA wal_checkpoint(PASSIVE)");
            }
        } catch (SQLException e) {
            LOG.debug("WAL checkpoint skipped: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("close failed", e);
            }
        }
    }
}
