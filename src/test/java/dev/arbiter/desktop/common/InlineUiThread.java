package dev.arbiter.desktop.common;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The UI thread of a ViewModel test on real workspaces, where another process's change arrives on the change
 * watcher's thread at its own time: tasks run at once on the caller's thread, one at a time (the lock stands
 * for the one UI thread), and a delayed task runs on a timer thread of its own on the real clock, so the test
 * awaits the outcome instead of moving time ({@link TestUiThread} is for tests that move time themselves).
 */
public final class InlineUiThread implements UiThread, AutoCloseable {

    private final Object uiLock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "test-ui-timer");
        t.setDaemon(true);
        return t;
    });

    /** @param uiLock held while a task runs (the test's lock, when the test runs UI work of its own too) */
    public InlineUiThread(Object uiLock) {
        this.uiLock = uiLock;
    }

    public InlineUiThread() {
        this(new Object());
    }

    @Override
    public void execute(Runnable task) {
        synchronized (uiLock) {
            task.run();
        }
    }

    @Override
    public void after(Duration delay, Runnable task) {
        timer.schedule(() -> execute(task), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
