package dev.arbiter.desktop.common;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * The UI thread as a ViewModel sees it: run a task on it now, or once after a delay. The desktop's is
 * {@link FxThread} (the JavaFX thread and its clock); a ViewModel test gives one that runs tasks on the
 * test thread and moves time only when the test says so, so a ViewModel never needs a toolkit and holds
 * no animation (issue 20, JabRef's injectable task executor).
 */
public interface UiThread extends Executor {

    /** Runs {@code task} on the UI thread, from any thread; soon, never on the caller's stack in the desktop. */
    @Override
    void execute(Runnable task);

    /**
     * Runs {@code task} once on the UI thread after {@code delay} (zero or more) has passed on the UI clock.
     * Nothing cancels it: a caller that may be overtaken checks a generation of its own when it runs
     * ({@link Debounce}).
     */
    void after(Duration delay, Runnable task);

    /** The UI clock's reading in nanoseconds, for intervals only ({@link System#nanoTime()} in the desktop). */
    long nanoTime();
}
