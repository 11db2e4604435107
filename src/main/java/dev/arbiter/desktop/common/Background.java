package dev.arbiter.desktop.common;

import dev.arbiter.core.store.DatabaseOfflineException;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs core calls off the JavaFX thread and hands the result (or the failure)
 * back on it. Every failure is logged with its stack trace; the UI callback
 * only gets the exception to show its message.
 *
 * <p><b>Saves while the team database is offline are queued, not lost</b>
 * (issue 14). A task that failed with {@link DatabaseOfflineException} (its
 * transaction was not committed, so it may run again as it was) is parked:
 * its screen is told at once with a {@link SavePendingException} (so it keeps
 * what the user typed and says the step waits), and on {@link #databaseBack()}
 * the parked tasks run again in the order they were made, one at a time;
 * their callbacks then run as for any task (a save says "saved", a decision
 * taken meanwhile by someone else is reported as such). Reads are parked
 * alike (a re-run read is harmless and refreshes the screen). While any task
 * waits or is being run again, a new one queues behind it rather than running
 * at once, so an older parked save never lands over a later one. At most
 * {@value #MAX_PARKED} wait; past that a task fails as any other failure
 * would (the form still keeps its text). Known limit: a task of several
 * transactions cut off between two runs the first again on the re-run.
 */
public final class Background implements TaskRunner, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Background.class);
    /** Saves kept while the database is offline. */
    public static final int MAX_PARKED = 64;
    private static final long RETRY_MS = 1_000;

    private final ExecutorService executor;
    /**
     * Parked tasks, oldest first by the order {@link #run} was called in (guarded by itself). Ordered by that
     * number rather than by arrival: two saves made in a row run on two pool threads and may fail, and park, in
     * either order.
     */
    private final PriorityQueue<Task<?>> parked = new PriorityQueue<>(Comparator.comparingLong(Task::order));
    private final AtomicLong made = new AtomicLong();
    /**
     * Tasks handed to {@link #run} whose first callback has not run yet on the FX thread: the work is queued
     * or running, or its result waits to be shown. A callback that starts more work counts that first, so
     * the count never touches 0 between a load and the load it leads to.
     */
    private final AtomicInteger unfinished = new AtomicInteger();
    private final ReadOnlyIntegerWrapper waiting = new ReadOnlyIntegerWrapper();
    /** True while {@link #drain()} runs a parked task (guarded by {@link #parked}): new tasks queue behind it. */
    private boolean draining;
    /** False between {@link #databaseLost()} and {@link #databaseBack()}. */
    private volatile boolean online = true;

    public Background() {
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "arbiter-ui-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** A unit of work with its two callbacks; {@code order} numbers the tasks in the order they were made. */
    private record Task<T>(long order, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
    }

    @Override
    public <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        Task<T> task = new Task<>(made.getAndIncrement(), work, onSuccess, onFailure);
        unfinished.incrementAndGet();
        if (!submit(() -> {
            if (!behindParked(task)) {
                attempt(task, true);
            }
        })) {
            unfinished.decrementAndGet();
        }
    }

    /**
     * How many tasks handed to {@link #run} have not had their first callback yet (0 or more; parked saves
     * count once their screen was told they wait). 0 means every screen has shown what it loaded: what a
     * test awaits instead of sleeping before it looks at a screen.
     */
    public int unfinished() {
        return unfinished.get();
    }

    /** Runs {@code callback} on the FX thread; a task's first callback also ends its count in {@link #unfinished}. */
    private void deliver(boolean first, Runnable callback) {
        Platform.runLater(() -> {
            try {
                callback.run();
            } finally {
                if (first) {
                    unfinished.decrementAndGet();
                }
            }
        });
    }

    /**
     * While saves wait (or are being run again), a new task joins the back of the line instead of running at
     * once: run first, a later save of a form would be overwritten by its older parked save when that is run
     * again (a lost update). False when nothing waits (run it now).
     */
    private <T> boolean behindParked(Task<T> task) {
        boolean full;
        synchronized (parked) {
            if (parked.isEmpty() && !draining) {
                return false;
            }
            full = parked.size() >= MAX_PARKED;
            if (!full) {
                parked.add(task);
                publishWaiting(parked.size());
            }
        }
        deliver(true, () -> task.onFailure().accept(full
                ? new IllegalStateException(MAX_PARKED + " steps already wait for the database; this one was not "
                        + "done. What you entered stays here: do it again once the banner has gone.")
                : new SavePendingException(null)));
        if (!full && online) {
            submit(this::drain);
        }
        return true;
    }

    /** How many saves wait for the database (FX thread). */
    @Override
    public ReadOnlyIntegerProperty waitingSavesProperty() {
        return waiting.getReadOnlyProperty();
    }

    /** The database answers again: the parked saves run, oldest first, one at a time. */
    @Override
    public void databaseBack() {
        online = true;
        submit(this::drain);
    }

    /** The database stopped answering (the change feed says so): parked saves wait for {@link #databaseBack()}. */
    @Override
    public void databaseLost() {
        online = false;
    }

    private void drain() {
        synchronized (parked) {
            if (draining) {
                return; // one drain at a time, or two would run parked saves side by side, out of order
            }
            draining = true;
        }
        while (true) {
            Task<?> next;
            synchronized (parked) {
                next = parked.poll();
                // the step being run again still waits until it is done: "close when saved" must not close
                // the window (and stop this pool) while it runs
                publishWaiting(parked.size() + (next == null ? 0 : 1));
                if (next == null) {
                    draining = false;
                    return;
                }
            }
            boolean done = attempt(next, false);
            synchronized (parked) {
                publishWaiting(parked.size());
            }
            if (!done) {
                synchronized (parked) {
                    draining = false;
                }
                // offline again (the pool may lag the change feed by a moment): it is back at the
                // head; try again in a second while the feed still says online, else on reconnect
                if (online) {
                    CompletableFuture.delayedExecutor(RETRY_MS, TimeUnit.MILLISECONDS).execute(() -> {
                        if (online) {
                            submit(this::drain);
                        }
                    });
                }
                return;
            }
        }
    }

    /** Runs the task; false when it was parked (again). */
    private <T> boolean attempt(Task<T> task, boolean first) {
        T result;
        try {
            result = task.work().call();
        } catch (Exception | Error e) {
            if (DatabaseOfflineException.among(e) && park(task, first)) {
                LOG.warn("Database offline: a save waits for it ({})", Dialogs.messageOf(e));
                if (first) {
                    deliver(true, () -> task.onFailure().accept(new SavePendingException(e)));
                }
                return false;
            }
            LOG.error("Background task failed", e);
            deliver(first, () -> task.onFailure().accept(e));
            return true;
        }
        deliver(first, () -> task.onSuccess().accept(result));
        return true;
    }

    private boolean park(Task<?> task, boolean first) {
        synchronized (parked) {
            if (first && parked.size() >= MAX_PARKED) {
                return false;
            }
            parked.add(task); // by the order it was made in: a retry keeps its place at the head
            publishWaiting(parked.size());
            return true;
        }
    }

    private void publishWaiting(int count) {
        Platform.runLater(() -> waiting.set(count));
    }

    /** False when the runner is closed and the job was dropped. */
    private boolean submit(Runnable job) {
        try {
            executor.execute(job);
            return true;
        } catch (RejectedExecutionException e) {
            // the window is closing (or the workspace being swapped): a refresh queued just before is moot
            LOG.debug("Background task dropped: the runner is closed");
            return false;
        }
    }

    /**
     * Drops every step that waits for the database, at the person's request (closing the window and choosing
     * to discard them, {@code shell.CloseGuard}); their screens are not told (the window is closing). A step
     * being run again at this moment still completes. Logged with the count; returns how many were dropped.
     */
    public int discardParked() {
        int dropped;
        synchronized (parked) {
            dropped = parked.size();
            parked.clear();
        }
        if (dropped > 0) {
            LOG.warn("{} step(s) made while the database was offline were discarded at the user's request", dropped);
            publishWaiting(0);
        }
        return dropped;
    }

    /**
     * Stops taking tasks and lets those already handed over finish, for at most {@value #FINISH_SECONDS} s, before
     * interrupting the rest: a save queued behind a slow one when the window closed (a view waits only briefly
     * for its last save) still reaches the database, so close this before the workspace. Idempotent.
     */
    @Override
    public void close() {
        synchronized (parked) {
            if (!parked.isEmpty()) {
                LOG.warn("{} save(s) made while the database was offline were never saved", parked.size());
            }
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(FINISH_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("Background tasks still running {} s after closing were interrupted", FINISH_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
    }

    /** How long {@link #close()} lets tasks already handed over finish, in seconds. */
    private static final int FINISH_SECONDS = 10;
}
