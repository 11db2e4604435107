package dev.arbiter.core.decision;

import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.store.TxWork;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where a supervised or gated decision waits for a person, as the {@link DecisionEngine} sees it: the
 * escalation queue ({@code core.queue.EscalationQueue}) implements it. The engine hands a decision over and
 * gets decisions back; it never reads or writes the queue's rows, so {@code core.queue} depends on
 * {@code core.decision} and not the other way round (issue 14).
 */
public interface Escalations {

    /** The actor of decisions nobody made by hand (a timeout, the kill switch). */
    String SYSTEM_ACTOR = "arbiter";

    /**
     * Queues {@code decision} (supervised or gated, with its review due date), made from {@code request}:
     * its queue item commits in the same group commit as {@code entry}, the decision's audit entry, and
     * {@code alongside} (the decision's counter claim), or none of them does. The future completes with
     * {@code decision} once all are durable and the item is announced, or fails as
     * {@link dev.arbiter.core.audit.AuditLedger#appendAsync(AuditEntry, TxWork)} does (a
     * {@link CounterRefusal} from {@code alongside} withdraws the entry and the item).
     */
    CompletableFuture<Decision> enqueue(Decision decision, DecisionRequest request, AuditEntry entry,
                                        TxWork<?> alongside);

    /** The queued decision on {@code traceId} as it stands now (settled or not); empty when it was never queued. */
    Optional<Decision> queuedDecision(String traceId);

    /**
     * Completes when the queued decision on {@code traceId} is settled (approved, denied, timed out), at once
     * when it is settled already; with empty when it was never queued. Cancel it to stop waiting.
     */
    CompletableFuture<Optional<Decision>> whenSettled(String traceId);
}
