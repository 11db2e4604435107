package dev.arbiter.core.event;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows change notices with a reload that runs at most once per interval,
 * on a thread of its own, and always once more after the last notice. On
 * SQLite every commit anywhere (each ledger append of a busy gateway) is a
 * {@link WorkspaceChanged} naming no table, so a cache that re-read on each
 * notice would re-read at the ledger's pace, on the thread that polls for
 * changes. Here a burst of any size costs at most one reload per interval
 * (plus the first), and a notice that arrives while a reload runs brings
 * another after it, so the last change is never missed. A first notice after
 * a quiet interval reloads at once. A reload that fails is tried again an
 * interval later.
 */
public final class CoalescedReload implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CoalescedReload.class);

    private final Runnable reload;
    private final long intervalNanos;
    private final ScheduledExecutorService timer;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile long lastStart;

    /**
     * @param what     names the thread and the log lines ("policies")
     * @param interval the least time between the starts of two reloads (positive)
     * @param reload   re-reads the cached state; runs on this object's thread only, never twice at once
     */
    public CoalescedReload(String what, Duration interval, Runnable reload) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, was " + interval);
        }
        this.reload = reload;
        this.intervalNanos = interval.toNanos();
        this.lastStart = System.nanoTime() - intervalNanos;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "arbiter-reload-" + what);
            t.setDaemon(true);
            return t;
        });
    }

    /** Something may have changed: reloads soon (at once, or an interval after the last reload started). Never blocks. */
    public void request() {
        if (!scheduled.compareAndSet(false, true)) {
            return; // a reload that has not started yet will see this change too
        }
        long wait = Math.max(0, lastStart + intervalNanos - System.nanoTime());
        try {
            timer.schedule(this::run, wait, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            scheduled.set(false);
        }
    }

    private void run() {
        // the start first: a notice that sees scheduled cleared must also see this start, or it would schedule
        // the next reload from the one before and two could run back to back (3 runs in 135 ms, interval 100)
        lastStart = System.nanoTime();
        scheduled.set(false); // from here on, a notice brings another reload after this one
        try {
            reload.run();
        } catch (RuntimeException e) {
            LOG.warn("Reload of {} failed, tried again shortly: {}", Thread.currentThread().getName(), e.getMessage());
            request();
        }
    }

    /** Stops reloading; a reload running finishes. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
