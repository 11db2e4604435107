package dev.arbiter.core.queue;

import dev.arbiter.core.audit.AuditLedger;
import dev.arbiter.core.control.KillSwitch;
import dev.arbiter.core.control.KillSwitchState;
import dev.arbiter.core.decision.Escalations;
import dev.arbiter.core.decision.ReasonCode;
import dev.arbiter.core.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Denies the pending gated items of agents a kill switch stops (the guide's Pillar 4: an engaged switch lets
 * nothing waiting run): at once when it is engaged here, on the queue's sweep when another process engaged
 * it, and for an item that committed just after the switch was engaged. Items already decided (by a
 * reviewer, another process) are skipped.
 */
final class KillSwitchDenials {

    private static final Logger LOG = LoggerFactory.getLogger(KillSwitchDenials.class);
    private static final String NOTE = "kill switch engaged";

    private final Database database;
    private final AuditLedger ledger;
    private final KillSwitch killSwitch;
    private final Clock clock;
    private final PendingItems pending;
    private final Consumer<QueueItem> settled;
    private final Runnable catchUp;
    /** Held while items are denied, so that the sweep does not race the switch's own denial for the same items. */
    private final ReentrantLock denying = new ReentrantLock();

    /**
     * @param settled told of each item denied here, once durable
     * @param catchUp re-reads the store when some items were decided elsewhere first
     */
    KillSwitchDenials(Database database, AuditLedger ledger, KillSwitch killSwitch, Clock clock,
                      PendingItems pending, Consumer<QueueItem> settled, Runnable catchUp) {
        this.database = database;
        this.ledger = ledger;
        this.killSwitch = killSwitch;
        this.clock = clock;
        this.pending = pending;
        this.settled = settled;
        this.catchUp = catchUp;
    }

    /** The switch {@code state} was engaged: denies every pending gated item it covers, as its actor. */
    void engaged(KillSwitchState state) {
        List<QueueItem> stopped = pending.gatedOf(agent -> state.isGlobal() || state.scope().equals(agent));
        denyAll(stopped, actorOf(state), state.reason());
    }

    /** Denies {@code item}, just announced, if it is gated and a switch covers its agent (engaged before commit). */
    void denyIfStopped(QueueItem item) {
        if (item.isGated() && killSwitch.isEngagedFor(item.agentId())) {
            denyAll(List.of(item), actorFor(item), NOTE);
        }
    }

    /** The sweep's part: denies what an engaged switch covers, unless a denial is running already. */
    void sweep() {
        if (!denying.tryLock()) {
            return; // the kill switch's own denial is running: nothing left for the sweep to catch
        }
        try {
            List<QueueItem> stopped = pending.gatedOf(killSwitch::isEngagedFor);
            if (!stopped.isEmpty()) {
                denyAll(stopped, actorFor(stopped.get(0)), NOTE);
            }
        } finally {
            denying.unlock();
        }
    }

    /**
     * Denies {@code items} with reason KILL_SWITCH in one transaction with one batched ledger append (a thousand
     * items take one commit, not a thousand). Returns how many were denied here; 0 when the write failed (logged:
     * the sweep tries again).
     */
    int denyAll(List<QueueItem> items, String actor, String note) {
        if (items.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        List<QueueItem> decided = items.stream()
                .map(i -> i.decided(ReviewStatus.DENIED, ReasonCode.KILL_SWITCH, actor, note, now)).toList();
        List<QueueItem> denied;
        denying.lock();
        try {
            denied = database.write(tx -> {
                List<QueueItem> done = QueueStore.decideAll(tx.connection(), decided);
                ledger.appendAllWithin(tx, done.stream().map(ReviewEntry::of).toList());
                return done;
            });
            denied.forEach(settled);
        } catch (RuntimeException e) {
            LOG.warn("Could not deny {} pending actions for the kill switch: {}", items.size(), e.getMessage());
            return 0;
        } finally {
            denying.unlock();
        }
        if (denied.size() < items.size()) {
            catchUp.run(); // some were decided elsewhere first: pick up what they became
        }
        return denied.size();
    }

    /** Who engaged the switch that covers {@code item}'s agent. */
    private String actorFor(QueueItem item) {
        return actorOf(killSwitch.forAgent(item.agentId()).filter(KillSwitchState::engaged)
                .orElse(killSwitch.global()));
    }

    private static String actorOf(KillSwitchState state) {
        return state.actor() == null || state.actor().isBlank() ? Escalations.SYSTEM_ACTOR : state.actor();
    }
}
