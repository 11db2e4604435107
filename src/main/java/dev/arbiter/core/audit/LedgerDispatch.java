package dev.arbiter.core.audit;

import dev.arbiter.core.event.Events;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands what follows a ledger commit to the ledger's own threads, so that the group-commit thread only
 * writes: callers' futures are completed on {@code arbiter-audit-complete} (their continuations, such as a
 * gateway's reply, run there) and {@link AuditAppended} is published on {@code arbiter-audit-events}. Each
 * lane is one thread, so futures complete and events arrive in commit order, and one slow listener delays
 * only later events, never an agent's answer (issue 14).
 *
 * <p>Both lanes are bounded, and what happens when one is full is chosen by what is at stake:
 * <ul>
 *   <li>A future is an acknowledgement that an entry is durable: it is never dropped. When
 *       {@value #COMPLETIONS} batches wait to be completed, the writer waits for room (back-pressure, as
 *       the ledger's own queue does), so memory stays bounded and nothing acknowledged is lost.</li>
 *   <li>An event is derived work (a live view, an alert, a span): the durable entry is the truth. When
 *       {@value #EVENT_ENTRIES} entries wait to be published, the batch is not published; the skipped seq
 *       range is logged and counted ({@link #skippedEntries()}) and announced by an
 *       {@link AuditEventsSkipped} event once the lane has room, so a listener that needs every entry
 *       reads the range back from the ledger.</li>
 * </ul>
 *
 * <p>Before {@link #start()} (a one-shot CLI command) there are no threads: futures complete and events
 * publish on the thread that committed, which is then the caller's own.
 */
final class LedgerDispatch {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerDispatch.class);
    /** Committed batches whose futures wait to be completed, at most. */
    static final int COMPLETIONS = 4_096;
    /** Committed entries waiting to be published, at most: about 64 MB at 1 KB an entry. */
    static final int EVENT_ENTRIES = 65_536;

    /** One commit's outcome for its callers: futures to complete with entries, and futures to fail. */
    record Completion(List<CompletableFuture<LedgerEntry>> kept, List<LedgerEntry> written,
                      List<CompletableFuture<LedgerEntry>> refused, List<RuntimeException> reasons) {

        void run() {
            for (int i = 0; i < kept.size(); i++) {
                kept.get(i).complete(written.get(i));
            }
            for (int i = 0; i < refused.size(); i++) {
                refused.get(i).completeExceptionally(reasons.get(i));
            }
        }
    }

    private record Published(List<LedgerEntry> entries) {
    }

    /** A run of entries not published, announced in its place in the lane; guarded by the dispatch. */
    private static final class Skipped {
        final long first;
        long last;
        boolean announced;

        Skipped(long first) {
            this.first = first;
        }
    }

    private static final Object END = new Object();

    private final Events events;
    private final int eventEntries;
    private final BlockingQueue<Object> completions;
    /** Published batches and skip markers, in commit order; its entries are bounded by {@link #eventRoom}. */
    private final BlockingQueue<Object> published = new java.util.concurrent.LinkedBlockingQueue<>();
    private final java.util.concurrent.Semaphore eventRoom;
    private final AtomicLong skipped = new AtomicLong();
    /** The run being skipped now, if any; guarded by {@code this}. */
    private Skipped openSkip;
    /** Guards starting and stopping (not {@code this}, which the events thread takes). */
    private final Object lifecycle = new Object();
    private Thread completer;
    private Thread publisher;
    private volatile boolean running;

    LedgerDispatch(Events events) {
        this(events, COMPLETIONS, EVENT_ENTRIES);
    }

    /** With other bounds (tests): {@code completions} commits, {@code eventEntries} entries, both &gt; 0. */
    LedgerDispatch(Events events, int completions, int eventEntries) {
        this.events = events;
        this.eventEntries = eventEntries;
        this.completions = new ArrayBlockingQueue<>(completions + 1);
        this.eventRoom = new java.util.concurrent.Semaphore(eventEntries);
    }

    /** Starts the two threads; idempotent. */
    void start() {
        synchronized (lifecycle) {
            if (running) {
                return;
            }
            running = true;
            completer = thread(() -> drain(completions, o -> ((Completion) o).run()), "arbiter-audit-complete");
            publisher = thread(() -> drain(published, this::deliver), "arbiter-audit-events");
        }
    }

    private static Thread thread(Runnable loop, String name) {
        Thread t = new Thread(loop, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * Completes a commit's futures: on the completion thread once started, else at once. Waits while
     * {@value #COMPLETIONS} commits are ahead of it (never drops one).
     */
    void complete(Completion completion) {
        if (!running) {
            completion.run();
            return;
        }
        try {
            completions.put(completion);
        } catch (InterruptedException e) {
            // the writer is never interrupted but by shutdown: these callers still get their answer
            Thread.currentThread().interrupt();
            completion.run();
        }
    }

    /**
     * Publishes {@link AuditAppended} for {@code written}: on the events thread once started, else at once.
     * Never waits: past the bound the entries are skipped (see the class comment).
     */
    void publish(List<LedgerEntry> written) {
        if (!running) {
            events.publish(new AuditAppended(written));
            return;
        }
        synchronized (this) {
            if (eventRoom.tryAcquire(written.size())) {
                openSkip = null;
                published.add(new Published(written));
                return;
            }
            long first = written.get(0).seq();
            if (openSkip == null || openSkip.announced) {
                LOG.warn("Audit listeners are behind ({} entries wait): entries from #{} are not published to "
                        + "them; they stay in the ledger", eventEntries, first);
                openSkip = new Skipped(first);
                published.add(openSkip);
            }
            openSkip.last = written.get(written.size() - 1).seq();
            skipped.addAndGet(written.size());
        }
    }

    private void deliver(Object o) {
        if (o instanceof Published p) {
            eventRoom.release(p.entries().size());
            events.publish(new AuditAppended(p.entries()));
            return;
        }
        Skipped s = (Skipped) o;
        long first;
        long last;
        synchronized (this) {
            s.announced = true;
            first = s.first;
            last = s.last;
        }
        LOG.warn("Audit entries #{} to #{} were not published to listeners (they were behind)", first, last);
        events.publish(new AuditEventsSkipped(first, last));
    }

    /** Entries not published to listeners because they were behind, since this ledger opened. */
    long skippedEntries() {
        return skipped.get();
    }

    private void drain(BlockingQueue<Object> lane, java.util.function.Consumer<Object> handler) {
        List<Object> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(lane.take());
            } catch (InterruptedException e) {
                continue;
            }
            lane.drainTo(batch);
            for (Object o : batch) {
                if (o == END) {
                    return;
                }
                try {
                    handler.accept(o);
                } catch (RuntimeException e) {
                    LOG.error("Audit dispatch failed", e);
                }
            }
            batch.clear();
        }
    }

    /**
     * Finishes what is queued (completes every future, publishes every event), then stops the threads. Called
     * by the ledger after its writer has stopped, so nothing is added meanwhile.
     */
    void close() {
        synchronized (lifecycle) {
            if (!running) {
                return;
            }
            running = false;
            join(completions, completer);
            join(published, publisher);
        }
    }

    private static void join(BlockingQueue<Object> lane, Thread thread) {
        try {
            lane.put(END);
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
