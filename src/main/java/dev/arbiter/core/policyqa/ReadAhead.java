package dev.arbiter.core.policyqa;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Reads a replay's recorded bodies beside the ledger scan, on another core (issue 19: reading the bodies was
 * over half of a replay's time). The scanning thread hands the entries as stored, in batches of {@value #BATCH},
 * to worker threads that read them ({@link StoredBody.Reader}: pure, one per batch, no shared state) and takes the
 * read batches back strictly in the order it handed them over, handing each entry to the {@link Sink} on its own
 * thread: the replay sees the entries in ledger order, one at a time, exactly as when it read them itself, so its
 * counters evolve as before. Rather than wait for the oldest batch, the scanning thread reads the newest ones no
 * worker has started itself.
 *
 * <p>Bounded: at most {@value #IN_FLIGHT} batches are handed over and not yet taken back, plus the one being
 * filled. A range smaller than a batch is read on the scanning thread (no thread for the demo's few entries).
 * {@link #close()} stops the workers and waits for them, so no thread outlives the replay, also when the sink or
 * the scan threw (a stopped replay). Not thread-safe: one scanning thread.
 */
final class ReadAhead implements AutoCloseable {

    /** Entries per batch: large enough that handing one over costs little against reading it. */
    static final int BATCH = 256;
    /** Batches handed over and not yet taken back, at most. */
    static final int IN_FLIGHT = 4;
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final LongAdder READING_CPU = new LongAdder();

    /** Takes each entry, read, in ledger order, on the scanning thread. */
    @FunctionalInterface
    interface Sink {
        /**
         * @param body       the body read; null when the reader skipped it (an event or a decision it does not need)
         * @param unreadable true when the body is not a JSON object the reader understands ({@code body} is null)
         */
        void accept(long seq, StoredBody body, boolean unreadable, String contextSalt, String contextValue);
    }

    private final Supplier<StoredBody.Reader> readers;
    private final Sink sink;
    private final int workers;
    private final ArrayDeque<FutureTask<Batch>> handedOver = new ArrayDeque<>(IN_FLIGHT);
    private ExecutorService pool;
    private Batch filling = new Batch();
    /** The thread that scans, and takes the read entries. */
    private final Thread scanning = Thread.currentThread();

    /**
     * @param readers makes a reader for one batch (a reader reuses its buffers, so it is never shared)
     * @param workers reading threads, at least 1
     */
    ReadAhead(Supplier<StoredBody.Reader> readers, int workers, Sink sink) {
        this.readers = readers;
        this.workers = Math.max(1, workers);
        this.sink = sink;
    }

    /** Reading threads for this machine: one per core beside the scanning thread's, at least one, at most three. */
    static int workersHere() {
        return Math.max(1, Math.min(3, Runtime.getRuntime().availableProcessors() - 1));
    }

    /** The CPU time the reading threads of every replay in this process have spent reading, in nanoseconds. */
    static long readingCpuNanos() {
        return READING_CPU.sum();
    }

    /** Takes the next entry of the scan, as stored; may hand read entries to the sink. */
    void add(long seq, byte[] body, String contextSalt, String contextValue) {
        filling.add(seq, body, contextSalt, contextValue);
        if (filling.size == BATCH) {
            if (handedOver.size() == IN_FLIGHT) {
                helpRead();
                deliver(take(handedOver.poll()));
            }
            Batch batch = filling;
            filling = new Batch();
            FutureTask<Batch> task = new FutureTask<>(() -> {
                if (Thread.currentThread() == scanning) { // its CPU time is the caller's own
                    return batch.read(readers.get());
                }
                long cpu = CPU.getCurrentThreadCpuTime();
                try {
                    return batch.read(readers.get());
                } finally {
                    READING_CPU.add(CPU.getCurrentThreadCpuTime() - cpu);
                }
            });
            handedOver.add(task);
            pool().execute(task);
        }
    }

    /** Hands every entry taken so far to the sink, in order; call once the scan is done. */
    void finish() {
        while (!handedOver.isEmpty()) {
            helpRead();
            deliver(take(handedOver.poll()));
        }
        Batch last = filling;
        filling = new Batch();
        deliver(last.read(readers.get()));
    }

    /** Stops the workers (a batch being read is finished, the rest dropped) and waits until they have ended. */
    @Override
    public void close() {
        handedOver.forEach(f -> f.cancel(false));
        handedOver.clear();
        if (pool == null) {
            return;
        }
        pool.shutdownNow();
        boolean interrupted = false;
        // a worker is at most one batch (a few milliseconds) from its end: wait for it, also when interrupted
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Rather than wait for the oldest batch, reads the newest batches no worker has started on this thread (on two
     * cores reading is the longer half of a replay: the scanning thread takes a share of it).
     */
    private void helpRead() {
        Iterator<FutureTask<Batch>> newestFirst = handedOver.descendingIterator();
        while (!handedOver.peek().isDone() && newestFirst.hasNext()) {
            newestFirst.next().run(); // a batch a worker started or finished is not read again: run() returns
        }
    }

    private ExecutorService pool() {
        if (pool == null) {
            pool = Executors.newFixedThreadPool(workers, r -> {
                Thread t = new Thread(r, "replay-read-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        return pool;
    }

    private void deliver(Batch batch) {
        for (int i = 0; i < batch.size; i++) {
            sink.accept(batch.seqs[i], batch.read[i], batch.unreadable[i], batch.salts[i], batch.values[i]);
        }
    }

    /** The read batch; what a worker threw (not an unreadable body: that is counted) is thrown here. */
    private static Batch take(Future<Batch> future) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    // the replay stops by its Progress, not by an interrupt: finish the batch, keep the flag
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("reading a recorded body failed", e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A batch of entries as stored, and once read, as read. */
    private static final class Batch {
        final long[] seqs = new long[BATCH];
        final byte[][] bodies = new byte[BATCH][];
        final String[] salts = new String[BATCH];
        final String[] values = new String[BATCH];
        final StoredBody[] read = new StoredBody[BATCH];
        final boolean[] unreadable = new boolean[BATCH];
        int size;

        void add(long seq, byte[] body, String salt, String value) {
            seqs[size] = seq;
            bodies[size] = body;
            salts[size] = salt;
            values[size] = value;
            size++;
        }

        Batch read(StoredBody.Reader reader) {
            for (int i = 0; i < size; i++) {
                try {
                    read[i] = reader.read(bodies[i]);
                } catch (IOException | RuntimeException damaged) {
                    // a damaged entry is Verify chain's to report; the replay counts it as skipped
                    unreadable[i] = true;
                }
                bodies[i] = null; // read: the bytes are no longer needed
            }
            return this;
        }
    }
}
