package dev.arbiter.desktop.common;

import dev.arbiter.core.event.CoalescedReload;
import dev.arbiter.core.event.ReloadTimer;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;

/**
 * How a screen follows changes made elsewhere (another process, another screen) without a manual refresh:
 * any number of change notices, from any thread, lead to the screen's refresh on the UI thread at most once
 * per {@link #INTERVAL}, at once after a quiet spell, and always once more after the last notice
 * ({@link CoalescedReload}'s rule, on the {@link UiThread}'s clock). On SQLite every commit anywhere (each
 * ledger append of a busy gateway) is a notice naming no table, so a screen that refreshed per notice
 * re-read at the ledger's pace. The refresh itself must keep its reading off the UI thread (a
 * {@link TaskRunner}); it runs on the UI thread so that it may look at what is on screen first.
 */
public final class Following implements AutoCloseable {

    /**
     * The least time between two refreshes a screen makes for notices: the same pace as the policy cache
     * ({@code PolicyRegistry.FOLLOW_INTERVAL}), so a change elsewhere shows within the change watcher's period
     * plus half a second.
     */
    public static final Duration INTERVAL = Duration.ofMillis(500);

    private final CoalescedReload reload;

    /** At {@link #INTERVAL}; {@code refresh} runs on {@code ui}. */
    public Following(UiThread ui, Runnable refresh) {
        this(ui, INTERVAL, refresh);
    }

    /**
     * @param interval the least time between the starts of two refreshes, on {@code ui}'s clock (positive)
     * @param refresh  re-reads what the screen shows (reading off the UI thread); runs on {@code ui}
     */
    public Following(UiThread ui, Duration interval, Runnable refresh) {
        this.reload = new CoalescedReload(interval, new OnUi(ui), refresh);
    }

    /** Something the screen shows may have changed: it refreshes soon. From any thread; never blocks. */
    public void request() {
        reload.request();
    }

    /** No more refreshes (the screen is gone); one already handed to the UI thread is dropped. */
    @Override
    public void close() {
        reload.close();
    }

    /** The UI thread with its clock; a task handed over before close is dropped when it comes due after. */
    private static final class OnUi implements ReloadTimer {

        private final UiThread ui;
        private volatile boolean closed;

        OnUi(UiThread ui) {
            this.ui = ui;
        }

        @Override
        public long nanoTime() {
            return ui.nanoTime();
        }

        @Override
        public void schedule(long delayNanos, Runnable task) {
            if (closed) {
                throw new RejectedExecutionException("closed");
            }
            Runnable unlessClosed = () -> {
                if (!closed) {
                    task.run();
                }
            };
            if (delayNanos == 0) {
                ui.execute(unlessClosed);
            } else {
                // rounded up: the UI clocks count whole milliseconds, and a reload may not start early
                ui.after(Duration.ofMillis((delayNanos + 999_999) / 1_000_000), unlessClosed);
            }
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
