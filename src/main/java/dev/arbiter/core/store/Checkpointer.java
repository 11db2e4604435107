package dev.arbiter.core.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 *
 * <p>A PASSIVE checkpoint never makes the WAL file smaller; the writer's
 * {@code journal_size_limit} does so only on the next commit after the log
 * restarts, which never comes to an idle gateway. So when the file is larger
 * than the limit this thread also runs a TRUNCATE checkpoint. That one waits
 * for readers and holds off writers while it waits, so its busy timeout is
 * short: if it cannot finish at once it gives up and tries again next tick.
 */
final class Checkpointer implements AutoCloseable {

    /** Opens the checkpointer's own connection. */
    @FunctionalInterface
    interface ConnectionSource {
        Connection open() throws SQLException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);
    private static final long PERIOD_MS = 500;
    private static final int TRUNCATE_WAIT_MS = 50;

    private final ConnectionSource source;
    private final Path wal;
    private final long limitBytes;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "arbiter-checkpointer");
        t.setDaemon(true);
        return t;
    });
    private Connection connection;

    /**
     * @param wal        the database's {@code -wal} file
     * @param limitBytes above this size the WAL is checkpointed with TRUNCATE (bytes, &gt; 0)
     */
    Checkpointer(ConnectionSource source, Path wal, long limitBytes) {
        this.source = source;
        this.wal = wal;
        this.limitBytes = limitBytes;
    }

    /** Starts checkpointing every {@value #PERIOD_MS} ms on the {@code arbiter-checkpointer} thread. */
    void start() {
        timer.scheduleWithFixedDelay(this::checkpoint, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    private void checkpoint() {
        try {
            if (connection == null) {
                connection = source.open();
                try (Statement st = connection.createStatement()) {
                    st.execute("PRAGMA busy_timeout = " + TRUNCATE_WAIT_MS);
                }
            }
            try (Statement st = connection.createStatement()) {
                st.execute("PRAGMA wal_checkpoint(PASSIVE)");
                if (walSize() > limitBytes) {
                    st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
                }
            }
        } catch (SQLException e) {
            LOG.debug("WAL checkpoint skipped: {}", e.getMessage());
        }
    }

    private long walSize() {
        try {
            return Files.size(wal);
        } catch (IOException e) {
            return 0;
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
