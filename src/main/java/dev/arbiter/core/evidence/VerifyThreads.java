package dev.arbiter.core.evidence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The hashing threads of one verify: one daemon thread a core (a verify a caller abandons never keeps the process
 * alive), stopped and awaited when it closes, so that no thread of a verify outlives it.
 */
final class VerifyThreads implements AutoCloseable {

    /** How long {@link #close()} waits for a thread stopped mid-block: a block is hashed in milliseconds. */
    private static final long AWAIT_MINUTES = 1;

    private final ExecutorService pool;
    private final int cores;
    /** Every thread the pool started, to join: a pool's termination is signalled before its last thread ends. */
    private final List<Thread> started = new CopyOnWriteArrayList<>();

    /** Starts one thread a core, each named {@code name}. */
    VerifyThreads(String name) {
        this.cores = Math.max(1, Runtime.getRuntime().availableProcessors());
        this.pool = Executors.newFixedThreadPool(cores, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            started.add(t);
            return t;
        });
    }

    /** How many threads hash: the machine's cores, at least 1. */
    int cores() {
        return cores;
    }

    /**
     * Runs {@code task} on one of the threads.
     *
     * @throws java.util.concurrent.RejectedExecutionException once closed
     */
    <T> CompletableFuture<T> submit(Supplier<T> task) {
        return CompletableFuture.supplyAsync(task, pool);
    }

    /** Stops the threads (interrupting any still at work) and waits until each has ended. */
    @Override
    public void close() {
        pool.shutdownNow();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(AWAIT_MINUTES);
        try {
            for (Thread t : started) {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The value of a finished task, waiting for it: an {@link IOException} the task threw (as an
     * {@link UncheckedIOException}) is rethrown as is.
     *
     * @throws IOException when the task failed to read, or the waiting thread was interrupted
     */
    static <T> T done(CompletableFuture<T> task) throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while verifying", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("hashing a block failed", cause);
        }
    }
}
