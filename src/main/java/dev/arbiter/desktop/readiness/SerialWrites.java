package dev.arbiter.desktop.readiness;

import dev.arbiter.desktop.common.TaskRunner;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The screen's writes, run off the FX thread one after another in the order
 * they were asked for, so an older autosave can never land after a newer one
 * or after "complete". Each job builds its work on the FX thread only when its
 * turn comes (so an autosave saves what is on screen then, not what was there
 * when it was queued). All methods are called on the FX thread.
 */
final class SerialWrites {

    private record Job<T>(Supplier<Callable<T>> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
    }

    private final TaskRunner background;
    private final Runnable busyChanged;
    private final Deque<Job<?>> queue = new ArrayDeque<>();
    private boolean running;

    /** {@code busyChanged} runs whenever {@link #busy()} may have changed. */
    SerialWrites(TaskRunner background, Runnable busyChanged) {
        this.background = background;
        this.busyChanged = busyChanged;
    }

    <T> void submit(Supplier<Callable<T>> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        queue.add(new Job<>(work, onSuccess, onFailure));
        if (!running) {
            next();
        }
        busyChanged.run();
    }

    /** True while a write waits behind the one running. */
    boolean waiting() {
        return !queue.isEmpty();
    }

    /** True while a write is running or waiting. */
    boolean busy() {
        return running || !queue.isEmpty();
    }

    private void next() {
        Job<?> job = queue.poll();
        running = job != null;
        if (job != null) {
            start(job);
        } else {
            busyChanged.run();
        }
    }

    private <T> void start(Job<T> job) {
        Callable<T> work;
        try {
            work = job.work().get();
        } catch (RuntimeException e) {
            job.onFailure().accept(e);
            next();
            return;
        }
        background.run(work, result -> {
            try {
                job.onSuccess().accept(result);
            } finally {
                next();
            }
        }, failure -> {
            try {
                job.onFailure().accept(failure);
            } finally {
                next();
            }
        });
    }
}
