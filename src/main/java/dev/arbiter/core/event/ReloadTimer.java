package dev.arbiter.core.event;

/**
 * Where a {@link CoalescedReload} runs its reloads and the clock it spaces them by: a thread of its own
 * for a cache in core ({@link CoalescedReload#CoalescedReload(String, java.time.Duration, Runnable)}), the UI
 * thread and its clock for a screen (the desktop's {@code Following}), so both follow change notices by the
 * same rule and a screen's test can move the clock itself.
 */
public interface ReloadTimer extends AutoCloseable {

    /** A reading in nanoseconds, for intervals only ({@link System#nanoTime()} or a test's clock). */
    long nanoTime();

    /**
     * Runs {@code task} once after {@code delayNanos} (zero or more), never on the caller's stack and never
     * two tasks at once.
     *
     * @throws java.util.concurrent.RejectedExecutionException once closed
     */
    void schedule(long delayNanos, Runnable task);

    /** Stops running tasks; one already running finishes. */
    @Override
    void close();
}
