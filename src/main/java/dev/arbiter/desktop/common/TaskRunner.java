package dev.arbiter.desktop.common;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs a core call off the JavaFX thread and hands its result or failure back on it ({@link Background});
 * ViewModels take one, so plain JUnit tests give them a runner that works on the calling thread.
 */
public interface TaskRunner extends AutoCloseable {

    /** Runs {@code work}; exactly one of the callbacks follows, on the UI thread. */
    <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    /** Stops taking work; a runner that holds no threads has nothing to do. */
    @Override
    default void close() {
    }
}
