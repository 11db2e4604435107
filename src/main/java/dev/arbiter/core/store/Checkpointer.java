package dev.arbiter.core.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Copies the WAL back into the database file from a background thread.
 *
 * <p>By default SQLite checkpoints inside whichever commit pushes the WAL past
 * 1,000 pages; that commit then also fsyncs the database file and takes ten
 * times longer than the others, which is the tail latency an agent waiting for
 * a decision sees. With automatic checkpoints off on the writer, this thread
 * runs a PASSIVE checkpoint (which never blocks writers or readers) twice a
 * second on a connection of its own.
 *
 * <p>The WAL file is kept allocated, not cut back to nothing: a commit that
 * extends the file must also commit the file system's metadata (its size, its
 * blocks) in its fsync; in 10 s straces of the MCP proxy a third or more of the
 * commits did (issue 15). The log only starts again from the top of the
 * file when a commit finds it wholly checkpointed and no reader in it, which
 * readers that come and go after every commit (the change watcher, the faces)
 * often prevent, so the log kept growing until the limit and was then
 * truncated to zero. So once the log holds {@link #restartBytes} (three
 * quarters of the limit) this thread runs a RESTART checkpoint: it waits for
 * the readers in the log to finish, so that the next commit writes from the top
 * of the file again, overwriting what is there.
 *
 * <p>A PASSIVE checkpoint never makes the WAL file smaller; the writer's
 * {@code journal_size_limit} cuts it back to the limit on the commit that
 * restarts the log, which never comes to an idle gateway. So when the file is
 * larger than the limit (a burst) this thread also runs a TRUNCATE checkpoint.
 * RESTART and TRUNCATE wait for readers and hold off writers while they wait,
 * so their busy timeout is short: if one cannot finish at once it gives up and
 * tries again next tick.
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
    private static final int WAL_FRAME_HEADER_BYTES = 24;

    private final ConnectionSource source;
    private final Path wal;
    private final long limitBytes;
    /** From this much log on, the next tick restarts the log at the top of the file: three quarters of the limit. */
    private final long restartBytes;
    /** A WAL frame: its 24-byte header and one page. */
    private long frameBytes = 4096 + WAL_FRAME_HEADER_BYTES;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "arbiter-checkpointer");
        t.setDaemon(true);
        return t;
    });
    private Connection connection;

    /**
     * @param wal        the database's {@code -wal} file
     * @param limitBytes above this size the WAL is checkpointed with TRUNCATE, and from three quarters of it
     *                   in the log on with RESTART (bytes, &gt; 0)
     */
    Checkpointer(ConnectionSource source, Path wal, long limitBytes) {
        this.source = source;
        this.wal = wal;
        this.limitBytes = limitBytes;
        this.restartBytes = limitBytes / 4 * 3;
    }

    /** Starts checkpointing every {@value #PERIOD_MS} ms on the {@code arbiter-checkpointer} thread. */
    void start() {
        timer.scheduleWithFixedDelay(this::checkpoint, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    /** One tick: PASSIVE, then RESTART or TRUNCATE when due (package-private so tests can tick deterministically). */
    void checkpoint() {
        try {
            if (connection == null) {
                connection = source.open();
                try (Statement st = connection.createStatement()) {
                    st.execute("PRAGMA busy_timeout = " + TRUNCATE_WAIT_MS);
                    try (ResultSet rs = st.executeQuery("PRAGMA page_size")) {
                        frameBytes = (rs.next() ? rs.getLong(1) : 4096) + WAL_FRAME_HEADER_BYTES;
                    }
                }
            }
            try (Statement st = connection.createStatement()) {
                long frames;
                try (ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
                    frames = rs.next() ? rs.getLong(2) : 0; // the frames in the log (-1: not in WAL mode)
                }
                if (walSize() > limitBytes) {
                    st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
                } else if (frames * frameBytes >= restartBytes) {
                    st.execute("PRAGMA wal_checkpoint(RESTART)");
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
