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
 * interval later. Where and on which clock the reload runs is a {@link ReloadTimer}: a thread of its own
 * here, the UI thread for a screen that follows (the desktop's {@code Following}).
 */
public final class CoalescedReload implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CoalescedReload.class);

    private final Runnable reload;
    private final long intervalNanos;
    private final ReloadTimer timer;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile long lastStart;

    /**
     * On a daemon thread of its own, named {@code arbiter-reload-<what>}.
     *
     * @param what     names the thread and the log lines ("policies")
     * @param interval the least time between the starts of two reloads (positive)
     * @param reload   re-reads the cached state; runs on this object's thread only, never twice at once
     */
    public CoalescedReload(String what, Duration interval, Runnable reload) {
        this(positive(interval), new OwnThread(what), reload); // checked before the thread is made
    }

    /**
     * @param interval the least time between the starts of two reloads (positive), on {@code timer}'s clock
     * @param timer    runs the reloads (closed with this object)
     * @param reload   re-reads the state; runs as {@code timer} runs tasks, never twice at once
     * @throws IllegalArgumentException when the interval is zero or negative
     */
    public CoalescedReload(Duration interval, ReloadTimer timer, Runnable reload) {
        this.reload = reload;
        this.intervalNanos = positive(interval).toNanos();
        this.timer = timer;
        this.lastStart = timer.nanoTime() - intervalNanos;
    }

    private static Duration positive(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, was " + interval);
        }
        return interval;
    }

    /** Something may have changed: reloads soon (at once, or an interval after the last reload started). Never blocks. */
    public void request() {
        if (!scheduled.compareAndSet(false, true)) {
            return; // a reload that has not started yet will see this change too
        }
        long wait = Math.max(0, lastStart + intervalNanos - timer.nanoTime());
        try {
            timer.schedule(wait, this::run);
        } catch (RejectedExecutionException closed) {
            scheduled.set(false);
        }
    }

    private void run() {
        scheduled.set(false); // from here on, a notice brings another reload after this one
        lastStart = timer.nanoTime();
        try {
            reload.run();
        } catch (RuntimeException e) {
            LOG.warn("Reload on {} failed, tried again shortly: {}", Thread.currentThread().getName(), e.getMessage());
            request();
        }
    }

    /** Stops reloading; a reload running finishes. */
    @Override
    public void close() {
        timer.close();
    }

    /** A daemon thread of the reload's own. */
    private static final class OwnThread implements ReloadTimer {

        private final ScheduledExecutorService executor;

        OwnThread(String what) {
            executor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "arbiter-reload-" + what);
                t.setDaemon(true);
                return t;
            });
        }

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void schedule(long delayNanos, Runnable task) {
            executor.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public void close() {
            executor.shutdownNow();
        }
    }
}
