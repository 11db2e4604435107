package dev.arbiter.core.queue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Who waits for a queue item to be decided (the gateway's long polls, {@link EscalationQueue#whenDecided}):
 * one future per trace id, shared by every waiter on it, forgotten once completed. Thread-safe.
 */
final class QueueWaiters {

    private final Map<String, CompletableFuture<QueueItem>> waiters = new ConcurrentHashMap<>();

    /** The future of {@code traceId}'s waiters, made by the first of them. */
    CompletableFuture<QueueItem> register(String traceId) {
        return waiters.computeIfAbsent(traceId, id -> new CompletableFuture<>());
    }

    /** Forgets {@code waiter} if it is still the one of {@code traceId}; its caller completes it. */
    void forget(String traceId, CompletableFuture<QueueItem> waiter) {
        waiters.remove(traceId, waiter);
    }

    /** Completes and forgets the waiters of {@code decided}'s trace id, if any. */
    void wake(QueueItem decided) {
        CompletableFuture<QueueItem> waiter = waiters.remove(decided.traceId());
        if (waiter != null) {
            waiter.complete(decided);
        }
    }

    /** How many trace ids are waited on right now. */
    int count() {
        return waiters.size();
    }

    /** Completes every waiter with the item as {@code current} gives it (null when not pending any more). */
    void releaseAll(Function<String, QueueItem> current) {
        for (String traceId : List.copyOf(waiters.keySet())) {
            CompletableFuture<QueueItem> waiter = waiters.remove(traceId);
            if (waiter != null) {
                waiter.complete(current.apply(traceId));
            }
        }
    }
}
