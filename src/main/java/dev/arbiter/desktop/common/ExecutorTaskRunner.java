package dev.arbiter.desktop.common;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TaskRunner} over two executors a ViewModel was given: the work runs on {@code worker}, its
 * result or failure is handed to {@code ui} (the FX thread in the desktop, the calling thread in tests).
 * A failure a person caused (a {@link RuntimeException} from core: a refused command) is logged at info,
 * any other with its stack trace; the callback only gets the exception to show its message.
 */
public final class ExecutorTaskRunner implements TaskRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorTaskRunner.class);

    private final Executor worker;
    private final Executor ui;

    public ExecutorTaskRunner(Executor worker, Executor ui) {
        this.worker = worker;
        this.ui = ui;
    }

    @Override
    public <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        worker.execute(() -> {
            T result;
            try {
                result = work.call();
            } catch (RuntimeException e) {
                LOG.info("Command refused: {}", e.getMessage());
                ui.execute(() -> onFailure.accept(e));
                return;
            } catch (Exception e) {
                LOG.error("Command failed", e);
                ui.execute(() -> onFailure.accept(e));
                return;
            }
            // outside the try: a bug in showing the result must not be reported as the command's failure
            ui.execute(() -> onSuccess.accept(result));
        });
    }
}
