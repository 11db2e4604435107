package dev.arbiter.desktop.common;

import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;

/**
 * Coalesces bursts of core events into at most one UI update per burst: any
 * number of {@link #mark()} calls from any thread lead to one
 * {@code Platform.runLater}, never one per event (a gateway can produce
 * hundreds of events a second).
 */
public final class FxTicker {

    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Runnable update;

    public FxTicker(Runnable update) {
        this.update = update;
    }

    public void mark() {
        if (scheduled.compareAndSet(false, true)) {
            Platform.runLater(() -> {
                scheduled.set(false);
                update.run();
            });
        }
    }
}
