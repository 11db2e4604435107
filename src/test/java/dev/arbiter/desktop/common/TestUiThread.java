package dev.arbiter.desktop.common;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;

/**
 * The UI thread of a ViewModel test: the test thread plays it. Tasks handed over from any thread wait
 * until the test runs them ({@link #runPending()}), and time moves only when the test says so
 * ({@link #advance(Duration)}), so a debounce, an autosave or an expiring message is tested without
 * sleeping and without a toolkit.
 */
public final class TestUiThread implements UiThread {

    private record Timed(long dueMillis, long order, Runnable task) {
    }

    private final ConcurrentLinkedQueue<Runnable> now = new ConcurrentLinkedQueue<>();
    private final List<Timed> timed = new ArrayList<>();
    private long clockMillis;
    private long order;

    @Override
    public void execute(Runnable task) {
        now.add(task);
    }

    @Override
    public synchronized void after(Duration delay, Runnable task) {
        timed.add(new Timed(clockMillis + delay.toMillis(), order++, task));
    }

    @Override
    public synchronized long nanoTime() {
        return clockMillis * 1_000_000;
    }

    /** Runs every task that is due, including those the tasks hand over; returns how many ran. */
    public int runPending() {
        int ran = 0;
        while (true) {
            Runnable next = now.poll();
            if (next == null) {
                next = nextDue();
            }
            if (next == null) {
                return ran;
            }
            next.run();
            ran++;
        }
    }

    private synchronized Runnable nextDue() {
        Timed first = timed.stream().filter(t -> t.dueMillis() <= clockMillis)
                .min(Comparator.comparingLong(Timed::dueMillis).thenComparingLong(Timed::order)).orElse(null);
        if (first == null) {
            return null;
        }
        timed.remove(first);
        return first.task();
    }

    /** Moves the UI clock on by {@code by}, then runs what is due. */
    public void advance(Duration by) {
        synchronized (this) {
            clockMillis += by.toMillis();
        }
        runPending();
    }

    /** Tasks waiting on the clock (not yet due). */
    public synchronized int waiting() {
        return timed.size();
    }

    /**
     * Runs handed-over tasks until {@code condition} holds (a change made by another thread or process
     * reaches the ViewModel through a task; at most 10 s).
     */
    public void runUntil(BooleanSupplier condition) {
        Awaitility.await().pollInSameThread().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> {
            runPending();
            return condition.getAsBoolean();
        });
    }
}
