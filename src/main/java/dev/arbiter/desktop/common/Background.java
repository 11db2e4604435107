package dev.arbiter.desktop.common;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs core calls off the JavaFX thread and hands the result (or the failure)
 * back on it. Every failure is logged with its stack trace; the UI callback
 * only gets the exception to show its message.
 */
public final class Background implements TaskRunner, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Background.class);

    private final ExecutorService executor;

    public Background() {
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "arbiter-ui-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        try {
            executor.execute(() -> {
                try {
                    T result = work.call();
                    Platform.runLater(() -> onSuccess.accept(result));
                } catch (Exception | Error e) {
                    LOG.error("Background task failed", e);
                    Platform.runLater(() -> onFailure.accept(e));
                }
            });
        } catch (RejectedExecutionException e) {
            // the window is closing (or the workspace being swapped): a refresh queued just before is moot
            LOG.debug("Background task dropped: the runner is closed");
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
