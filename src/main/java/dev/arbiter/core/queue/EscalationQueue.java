package dev.arbiter.core.queue;

import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.audit.AuditLedger;
import dev.arbiter.core.control.KillSwitch;
import dev.arbiter.core.control.KillSwitchChanged;
import dev.arbiter.core.decision.Decision;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.decision.Escalations;
import dev.arbiter.core.decision.ReasonCode;
import dev.arbiter.core.event.Events;
import dev.arbiter.core.event.WorkspaceChanged;
import dev.arbiter.core.store.Database;
import dev.arbiter.core.store.TxWork;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Actions waiting for a person (the guide's Pillar 4): gated actions wait for
 * approval before they run, supervised ones ran and wait for their review
 * within the SLA. Items are rows in SQLite, so a restart loses none; every
 * decision on one is an audit entry in the same transaction.
 *
 * <p>Three things decide a pending gated item besides a reviewer: its approval
 * timeout (denied with REVIEW_TIMEOUT, checked every second), and the kill
 * switch (every pending gated item of an affected agent is denied at once).
 * Whoever waits on an item ({@link #whenDecided}, the gateway's long poll) is
 * woken as soon as it is decided, also when another process on the same
 * workspace decided it (noticed on the next change poll, within ~200 ms).
 */
public final class EscalationQueue implements Escalations, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EscalationQueue.class);
    /** How many decided trace ids are remembered so that a change seen twice is announced once. */
    private static final int RECENT = 10_000;
    /** The actor of decisions nobody made by hand. */
    public static final String SYSTEM_ACTOR = Escalations.SYSTEM_ACTOR;
    /** The note of a gated item an approval found under an engaged kill switch. */
    static final String KILL_SWITCH_NOTE = "denied: the kill switch was engaged when it was approved";
    /** How a losing reviewer is told when the winner decided: the hour and minute on their own clock. */
    private static final java.time.format.DateTimeFormatter DECIDED_AT =
            java.time.format.DateTimeFormatter.ofPattern("HH:mm").withZone(java.time.ZoneId.systemDefault());
    private static final String TIMEOUT_NOTE = "no reviewer decided within the approval timeout";

    private final Database database;
    private final AuditLedger ledger;
    private final Events events;
    private final Clock clock;
    private final PendingItems pending = new PendingItems();
    private final QueueWaiters waiters = new QueueWaiters();
    private final Map<String, Boolean> recentlyDecided = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > RECENT;
                }
            });
    private final AtomicLong seenRevision = new AtomicLong();
    private final KillSwitchDenials killSwitchDenials;
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "arbiter-queue-sweeper");
        t.setDaemon(true);
        return t;
    });
    private final List<AutoCloseable> subscriptions = new ArrayList<>();
    private boolean sweeping;

    public EscalationQueue(Database database, AuditLedger ledger, Events events, KillSwitch killSwitch, Clock clock) {
        this.database = database;
        this.ledger = ledger;
        this.events = events;
        this.clock = clock;
        this.killSwitchDenials = new KillSwitchDenials(database, ledger, killSwitch, clock, pending, this::settled,
                this::catchUp);
        database.read(c -> {
            seenRevision.set(QueueStore.maxRevision(c));
            QueueStore.pending(c).forEach(pending::replace);
            return null;
        });
        subscriptions.add(events.subscribe(KillSwitchChanged.class, e -> {
            if (e.state().engaged()) {
                killSwitchDenials.engaged(e.state());
            }
        }));
        subscriptions.add(events.subscribe(WorkspaceChanged.class, e -> {
            if (e.touches("escalation")) {
                catchUp();
            }
        }));
    }

    /**
     * Starts the {@code arbiter-queue-sweeper} thread, which denies gated items whose approval timeout has
     * passed, every second. A one-shot command does not start it (a decision on an expired item is refused
     * anyway, see {@link ApprovalExpiredException}). Idempotent.
     */
    public synchronized void start() {
        if (!sweeping) {
            sweeping = true;
            sweeper.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
        }
    }

    @Override
    public CompletableFuture<Decision> enqueue(Decision decision, DecisionRequest request, AuditEntry entry,
                                               TxWork<?> alongside) {
        QueueItem item = QueueDecisions.itemOf(decision, request);
        return ledger.appendAsync(entry, tx -> {
            Object seen = alongside.run(tx); // what the claim saw goes into the entry (DetailAddition)
            QueueStore.insert(tx.connection(), item);
            return seen;
        }).thenApply(written -> {
            added(item);
            return decision;
        });
    }

    @Override
    public Optional<Decision> queuedDecision(String traceId) {
        return find(traceId).map(QueueDecisions::decisionOf);
    }

    @Override
    public CompletableFuture<Optional<Decision>> whenSettled(String traceId) {
        return whenDecided(traceId).thenApply(item -> Optional.ofNullable(item).map(QueueDecisions::decisionOf));
    }

    /** Adds an item in a transaction of its own, with its audit entry (tests, demo data). */
    public QueueItem add(QueueItem item, AuditEntry entry) {
        QueueItem stored = database.write(tx -> {
            QueueItem inserted = QueueStore.insert(tx.connection(), item);
            ledger.appendWithin(tx, entry);
            return inserted;
        });
        added(stored);
        return stored;
    }

    /** Announces an item whose insertion has committed. */
    private void added(QueueItem item) {
        if (announce(item)) {
            // the switch may have been engaged between the decision and its commit
            killSwitchDenials.denyIfStopped(item);
        }
    }

    /**
     * Takes a pending item in and tells listeners, once; false when it was
     * known already or has been decided meanwhile. (The engine and catch-up may
     * both see a new item; locking keeps a decided item from coming back.)
     */
    private synchronized boolean announce(QueueItem item) {
        if (!item.isPending() || recentlyDecided.containsKey(item.traceId())
                || !pending.addIfNew(item)) {
            return false;
        }
        events.publish(new EscalationQueued(item));
        return true;
    }

    /**
     * The item as it stands now. A gated item still pending at or after its
     * approval deadline is timed out here and then (written, so that no later
     * approval can contradict what its agent is told), also when no sweeper has
     * run since a restart.
     */
    public Optional<QueueItem> find(String traceId) {
        QueueItem waiting = pending.get(traceId);
        Optional<QueueItem> item = waiting != null ? Optional.of(waiting)
                : database.read(c -> QueueStore.find(c, traceId));
        return item.map(this::expiredIfDue);
    }

    /** The item, timed out first when it is a pending gated one past its deadline. */
    private QueueItem expiredIfDue(QueueItem item) {
        Instant now = clock.instant();
        if (!PendingItems.isPastDeadline(item, now)) {
            return item;
        }
        try {
            Optional<QueueItem> timedOut = decide(item.traceId(), ReviewStatus.DENIED, ReasonCode.REVIEW_TIMEOUT,
                    SYSTEM_ACTOR, TIMEOUT_NOTE, false);
            if (timedOut.isPresent()) {
                return timedOut.get();
            }
            return database.read(c -> QueueStore.find(c, item.traceId())).orElse(item);
        } catch (RuntimeException e) {
            // cannot write (read-only workspace, full disk): still never report it as waiting or approved
            LOG.warn("Could not record the timeout of {}: {}", item.traceId(), e.getMessage());
            return item.decided(ReviewStatus.DENIED, ReasonCode.REVIEW_TIMEOUT, SYSTEM_ACTOR, TIMEOUT_NOTE, now);
        }
    }

    /**
     * Every pending item: gated first (they block an agent), then oldest first.
     * Gated items whose approval deadline has come are left out even before
     * the sweeper has recorded their timeout: nobody may decide them any more.
     */
    public List<QueueItem> pending() {
        return pending.open(clock.instant());
    }

    /** What engaging the kill switch for {@code agentIdOrNull} (null: all agents) would deny right now. */
    public KillSwitchImpact killSwitchImpact(String agentIdOrNull) {
        return pending.killSwitchImpact(agentIdOrNull);
    }

    /** Pending items past their due time (supervised reviews past the SLA, gated ones about to time out). */
    public List<QueueItem> overdue() {
        Instant now = clock.instant();
        return pending().stream().filter(i -> i.isOverdue(now)).toList();
    }

    /** The newest decided items, newest first. */
    public List<QueueItem> recentlyDecided(int limit) {
        return database.read(c -> QueueStore.recentlyDecided(c, limit));
    }

    /** A reviewer approves: a gated action may run now; a supervised one is confirmed. */
    public QueueItem approve(String traceId, String reviewer, String note) {
        return review(traceId, ReviewStatus.APPROVED, ReasonCode.REVIEWER_APPROVED, reviewer, note);
    }

    /** A reviewer denies: a gated action must not run; a supervised one is flagged. */
    public QueueItem deny(String traceId, String reviewer, String note) {
        return review(traceId, ReviewStatus.DENIED, ReasonCode.REVIEWER_DENIED, reviewer, note);
    }

    private QueueItem review(String traceId, ReviewStatus status, ReasonCode code, String reviewer, String note) {
        if (reviewer == null || reviewer.isBlank()) {
            throw new IllegalArgumentException("A reviewer name is required to decide on " + traceId + ".");
        }
        Optional<QueueItem> decided = decide(traceId, status, code, reviewer.strip(),
                note == null || note.isBlank() ? null : note.strip(), true);
        if (decided.isEmpty()) {
            Optional<QueueItem> now = find(traceId);
            if (now.isPresent() && now.get().reasonCode() == ReasonCode.REVIEW_TIMEOUT) {
                throw new ApprovalExpiredException(now.get());
            }
            throw new IllegalArgumentException(now
                    .map(i -> traceId + " was already " + i.status().wireName()
                            + (i.reviewer() == null ? "" : " by " + i.reviewer())
                            + (i.decidedAt() == null ? "" : " at " + DECIDED_AT.format(i.decidedAt())) + ".")
                    .orElse("There is no queued action " + traceId + "."));
        }
        if (decided.get().reasonCode() == ReasonCode.REVIEW_TIMEOUT && code != ReasonCode.REVIEW_TIMEOUT) {
            throw new ApprovalExpiredException(decided.get());
        }
        if (decided.get().reasonCode() == ReasonCode.KILL_SWITCH && code == ReasonCode.REVIEWER_APPROVED) {
            throw new IllegalStateException("The kill switch is engaged for " + decided.get().agentId() + ", so "
                    + traceId + " was denied, not approved. Release the kill switch first if actions may run again.");
        }
        return decided.get();
    }

    /**
     * Resolves when the item is decided (at once when it already is); a trace
     * id that is not queued gives null. Never fails: cancel it to stop waiting.
     */
    public CompletableFuture<QueueItem> whenDecided(String traceId) {
        QueueItem waiting = pending.get(traceId);
        if (waiting == null) {
            // Not known here: maybe asked on another gateway whose change notice has not reached this
            // process yet (an agent behind a load balancer polls wherever it lands). Wait when it is
            // pending in the store; the catch-up that brings its decision wakes this waiter.
            Optional<QueueItem> stored = find(traceId);
            if (stored.isEmpty() || !stored.get().isPending()) {
                return CompletableFuture.completedFuture(stored.orElse(null));
            }
            CompletableFuture<QueueItem> waiter = waiters.register(traceId);
            // decided and caught up before the waiter was registered: nobody else will complete it
            find(traceId).filter(item -> !item.isPending()).ifPresent(decided -> {
                waiters.forget(traceId, waiter);
                waiter.complete(decided);
            });
            return waiter.copy();
        }
        if (PendingItems.isPastDeadline(waiting, clock.instant())) {
            return CompletableFuture.completedFuture(find(traceId).orElse(null));
        }
        CompletableFuture<QueueItem> waiter = waiters.register(traceId);
        if (!pending.contains(traceId)) {
            // decided while we registered: nobody else will complete it
            waiters.forget(traceId, waiter);
            waiter.complete(find(traceId).orElse(null));
        }
        return waiter.copy();
    }

    /** Denies pending gated items past their approval timeout; returns how many. Runs every second. */
    public int expireOverdue() {
        Instant now = clock.instant();
        int expired = 0;
        for (QueueItem item : pending.all()) {
            if (PendingItems.isPastDeadline(item, now)) {
                if (decideQuietly(item.traceId(), ReviewStatus.DENIED, ReasonCode.REVIEW_TIMEOUT, SYSTEM_ACTOR,
                        TIMEOUT_NOTE)) {
                    expired++;
                }
            }
        }
        return expired;
    }

    private void sweep() {
        try {
            expireOverdue();
            killSwitchDenials.sweep();
        } catch (RuntimeException e) {
            LOG.warn("Queue sweep failed: {}", e.getMessage(), e);
        }
    }

    /**
     * Denies pending items for the kill switch in one transaction with one
     * batched ledger append (a thousand items take one commit, not a thousand),
     * then wakes every waiter. Items decided meanwhile (by a reviewer, another
     * process) are skipped. Returns how many were denied here.
     */
    public int denyAll(List<QueueItem> items, String actor, String note) {
        return killSwitchDenials.denyAll(items, actor, note);
    }

    private boolean decideQuietly(String traceId, ReviewStatus status, ReasonCode code, String actor, String note) {
        try {
            return decide(traceId, status, code, actor, note, false).isPresent();
        } catch (RuntimeException e) {
            LOG.warn("Could not decide {} ({}): {}", traceId, code, e.getMessage());
            return false;
        }
    }

    /**
     * Decides a pending item; empty when it was not pending (already decided,
     * or unknown). A person's decision ({@code byPerson}) on a gated item at or
     * after its approval deadline records the timeout instead (the caller
     * refuses): the deadline is checked inside the write transaction, so the
     * first writer wins and a late approval never overrides a timeout an agent
     * may already have been told, whatever the clocks of the processes say.
     */
    private Optional<QueueItem> decide(String traceId, ReviewStatus status, ReasonCode code, String actor,
                                       String note, boolean byPerson) {
        Instant now = clock.instant();
        Optional<QueueItem> result = database.write(tx -> {
            Optional<QueueItem> current = QueueStore.find(tx.connection(), traceId);
            if (current.isEmpty() || !current.get().isPending()) {
                return Optional.empty();
            }
            QueueItem decided = byPerson && PendingItems.isPastDeadline(current.get(), now)
                    ? current.get().decided(ReviewStatus.DENIED, ReasonCode.REVIEW_TIMEOUT, SYSTEM_ACTOR,
                            TIMEOUT_NOTE, now)
                    : releasesAfterKill(tx.connection(), current.get(), status)
                    ? current.get().decided(ReviewStatus.DENIED, ReasonCode.KILL_SWITCH, SYSTEM_ACTOR,
                            KILL_SWITCH_NOTE, now)
                    : current.get().decided(status, code, actor, note, now);
            if (!QueueStore.decide(tx.connection(), decided)) {
                return Optional.empty();
            }
            ledger.appendWithin(tx, ReviewEntry.of(decided));
            return Optional.of(decided.withRevision(QueueStore.maxRevision(tx.connection())));
        });
        if (result.isPresent()) {
            settled(result.get());
        } else {
            // someone else (maybe another process) decided it first: catch up with what they decided
            catchUp();
        }
        return result;
    }

    /**
     * An approval of a gated action while a kill switch covers its agent, read in the approval's own
     * transaction: the switch may have been engaged by another process whose denial of the pending items
     * has not run yet, and that approval must not release the action.
     */
    private static boolean releasesAfterKill(java.sql.Connection c, QueueItem item, ReviewStatus status)
            throws java.sql.SQLException {
        return status == ReviewStatus.APPROVED && item.isGated()
                && dev.arbiter.core.control.KillSwitch.isEngagedFor(c, item.agentId());
    }

    /** A decision is durable: forget the pending item, wake its waiters, tell listeners (once). */
    private synchronized void settled(QueueItem decided) {
        QueueItem was = pending.remove(decided.traceId());
        boolean first = recentlyDecided.put(decided.traceId(), Boolean.TRUE) == null;
        // Announce first: whoever the waiting agent's answer wakes can rely on listeners
        // (the desktop, the tests) having been told. Listeners only queue, so this is quick.
        if (was != null || first) {
            events.publish(new EscalationDecided(decided));
        }
        waiters.wake(decided);
    }

    private synchronized void settleIfNew(QueueItem item) {
        if (pending.contains(item.traceId()) || !recentlyDecided.containsKey(item.traceId())) {
            settled(item);
        }
    }

    /**
     * Re-reads pending items whose stored text changed in place (a GDPR erasure blanked their personal fields), so
     * that this process stops showing the old text.
     */
    public synchronized void reread(java.util.Collection<String> traceIds) {
        for (String trace : traceIds) {
            if (pending.contains(trace)) {
                database.read(c -> QueueStore.find(c, trace)).filter(QueueItem::isPending)
                        .ifPresent(pending::replace);
            }
        }
    }

    /** Picks up items added or decided since we last looked (by this process's writer or another process). */
    public void catchUp() {
        long since = seenRevision.get();
        List<QueueItem> changed;
        try {
            changed = database.read(c -> QueueStore.changedSince(c, since));
        } catch (RuntimeException e) {
            LOG.debug("Queue catch-up failed: {}", e.getMessage());
            return;
        }
        for (QueueItem item : changed) {
            seenRevision.accumulateAndGet(item.revision(), Math::max);
            if (item.isPending()) {
                added(item);
            } else {
                settleIfNew(item);
            }
        }
    }

    /** How many pending items someone waits on right now (long polls, {@link #whenDecided} callers). */
    public int waitedOn() {
        return waiters.count();
    }

    /** Wakes every waiter with the item as it stands (for a clean shutdown: long polls answer at once). */
    public void releaseWaiters() {
        waiters.releaseAll(pending::get);
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        try {
            sweeper.awaitTermination(2, TimeUnit.SECONDS); // a sweep may be writing; let it finish first
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (AutoCloseable s : subscriptions) {
            try {
                s.close();
            } catch (Exception e) {
                LOG.debug("unsubscribe failed", e);
            }
        }
        releaseWaiters();
    }
}
