package dev.arbiter.desktop.common;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Coalesces bursts of core events into at most one UI update per burst: any
 * number of {@link #mark()} calls from any thread lead to one
 * {@code Platform.runLater}, never one per event (a gateway can produce
 * hundreds of events a second). The UI executor is {@code Platform::runLater} in the desktop; a
 * ViewModel test passes one that runs on the calling thread.
 */
public final class FxTicker {

    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Runnable update;
    private final Executor ui;

    public FxTicker(Runnable update, Executor ui) {
        this.update = update;
        this.ui = ui;
    }

    public void mark() {
        if (scheduled.compareAndSet(false, true)) {
            ui.execute(() -> {
                scheduled.set(false);
                update.run();
            });
        }
    }
}
