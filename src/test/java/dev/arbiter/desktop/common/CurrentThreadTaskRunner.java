package dev.arbiter.desktop.common;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** Runs the work and its callback at once, on the calling thread: ViewModel tests without a toolkit. */
public final class CurrentThreadTaskRunner implements TaskRunner {

    @Override
    public <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        T result;
        try {
            result = work.call();
        } catch (Exception e) {
            onFailure.accept(e);
            return;
        }
        onSuccess.accept(result);
    }
}
