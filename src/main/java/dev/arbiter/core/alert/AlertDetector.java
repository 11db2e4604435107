package dev.arbiter.core.alert;

import dev.arbiter.core.agent.AgentRegistry;
import dev.arbiter.core.audit.AuditAppended;
import dev.arbiter.core.audit.AuditEventsSkipped;
import dev.arbiter.core.audit.AuditDetail;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.audit.AuditLedger;
import dev.arbiter.core.audit.LedgerEntry;
import dev.arbiter.core.control.KillSwitch;
import dev.arbiter.core.event.Events;
import dev.arbiter.core.store.Database;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the decision stream and raises alerts (issue 16). The ledger's {@link AuditAppended} listener
 * runs on the ledger's events thread, ahead of later entries, so it only offers each watched entry to a bounded queue
 * ({@value #CAPACITY} entries) and returns; one detector thread applies the rules. A full queue never
 * blocks a decision: the entry is dropped, counted, and a {@code detector_overloaded} alert says how
 * many went unexamined. Each alert is an {@code alert.raised} ledger entry committed together with its
 * row; at most one per rule and agent per rule window, also across processes on one database: the insert
 * first claims the rule and agent in the store ({@code alert_claim}), and a claim another gateway already
 * holds for the window withdraws the entry (no alert, no event, no response). The detector waits for that commit, then runs the
 * rule's automatic response (pause or kill switch, done by the rule: actor {@code rule:<key>}, and an
 * {@code alert.response} entry). An alert the ledger cannot take is kept (at most {@value #MAX_RETRY})
 * and retried every second. Baselines and seen actions are written at most once a second.
 */
public final class AlertDetector implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertDetector.class);
    /** Entries waiting for the detector at most: several seconds of the gateway's full rate. */
    static final int CAPACITY = 65_536;
    static final int MAX_RETRY = 1_000;
    /** Agents watched at once; past that, state is saved and the watches start over from the store. */
    static final int MAX_AGENTS = 10_000;
    /** The actor of {@code alert.raised} entries. */
    public static final String ACTOR = "alert-detector";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database database;
    private final AuditLedger ledger;
    private final Events events;
    private final AlertRules rules;
    private final AgentRegistry agents;
    private final KillSwitch killSwitch;
    private final Clock clock;
    private final BlockingQueue<LedgerEntry> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong examined = new AtomicLong();
    private volatile long lastExaminedSeq;
    private long droppedReported;
    private final Map<String, AgentWatch> watches = new HashMap<>();
    private final ArrayDeque<Alert> retry = new ArrayDeque<>();
    private Map<String, Instant> lastWindowEnds;
    private final AutoCloseable subscription;
    private final AutoCloseable skippedSubscription;
    private final Thread thread;
    private volatile boolean enabled = true;
    private volatile AlertFollowUp followUp;
    private volatile boolean closed;
    private volatile boolean started;
    private long lastFlushNanos = System.nanoTime();

    public AlertDetector(Database database, AuditLedger ledger, Events events, AlertRules rules, AgentRegistry agents,
                         KillSwitch killSwitch, Clock clock) {
        this.database = database;
        this.ledger = ledger;
        this.events = events;
        this.rules = rules;
        this.agents = agents;
        this.killSwitch = killSwitch;
        this.clock = clock;
        this.subscription = events.subscribe(AuditAppended.class, this::offer);
        // entries the ledger could not publish (its listeners were behind) went unexamined like a full queue's
        this.skippedSubscription = events.subscribe(AuditEventsSkipped.class, e -> {
            if (enabled && started) {
                dropped.addAndGet(e.lastSeq() - e.firstSeq() + 1);
            }
        });
        this.thread = new Thread(this::loop, "arbiter-alert-detector");
        thread.setDaemon(true);
    }

    /**
     * Starts the {@code arbiter-alert-detector} thread. Until then nothing is examined: entries are not even
     * queued (a one-shot command's entries are left to the ledger). Idempotent.
     */
    public synchronized void start() {
        if (!started && !closed) {
            started = true;
            thread.start();
        }
    }

    /** Switches detection on or off (the benchmark's {@code --alerts off}); entries while off are not examined. */
    public void setEnabled(boolean on) {
        enabled = on;
    }

    public boolean isEnabled() {
        return enabled;
    }

    /** Work to commit with every alert raised from now on (the webhook outbox). */
    public void followWithin(AlertFollowUp work) {
        this.followUp = work;
    }

    /** Entries dropped because the queue was full, since start. */
    public long dropped() {
        return dropped.get();
    }

    /** Entries examined since start. */
    public long examined() {
        return examined.get();
    }

    /** The seq of the newest entry examined (its alerts, if any, are committed by then). */
    public long lastExaminedSeq() {
        return lastExaminedSeq;
    }

    /** Entries waiting for the detector. */
    public int backlog() {
        return queue.size();
    }

    private void offer(AuditAppended appended) {
        if (!enabled || !started) {
            return;
        }
        for (LedgerEntry e : appended.entries()) {
            String event = e.entry().event();
            if ((event.equals(Observation.DECISION) || event.equals(Observation.BUDGET_ALERT)
                    || event.equals(Observation.AUTH_REFUSED)) && !queue.offer(e)) {
                dropped.incrementAndGet();
            }
        }
    }

    private void loop() {
        List<LedgerEntry> batch = new ArrayList<>(1024);
        while (!closed || !queue.isEmpty()) {
            try {
                LedgerEntry first = queue.poll(250, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, 1023);
                    for (LedgerEntry e : batch) {
                        examine(e);
                        lastExaminedSeq = Math.max(lastExaminedSeq, e.seq());
                    }
                    batch.clear();
                }
                reportDrops();
                retryPending();
                if (System.nanoTime() - lastFlushNanos > 1_000_000_000L) {
                    flush();
                }
            } catch (InterruptedException e) {
                if (closed) {
                    break;
                }
            } catch (RuntimeException e) {
                LOG.error("Alert detection failed; it goes on with the next entry", e);
            }
        }
        flush();
    }

    private void examine(LedgerEntry entry) {
        examined.incrementAndGet();
        Observation o = Observation.of(entry).orElse(null);
        if (o == null) {
            return;
        }
        AgentWatch watch = watch(o.agentId());
        AlertRuleSet set = rules.forAgent(o.agentId());
        for (Finding f : watch.observe(o, set)) {
            raise(f, set.rule(f.rule()));
        }
    }

    private AgentWatch watch(String agentId) {
        AgentWatch watch = watches.get(agentId);
        if (watch == null) {
            if (watches.size() >= MAX_AGENTS) {
                flush();
                watches.clear();
            }
            Baseline baseline = database.read(c -> AlertStore.baseline(c, agentId)).orElseGet(Baseline::empty);
            watch = new AgentWatch(agentId, baseline, database.read(c -> AlertStore.seenActions(c, agentId)));
            watches.put(agentId, watch);
        }
        return watch;
    }

    private void reportDrops() {
        long now = dropped.get();
        if (now > droppedReported) {
            AlertRule rule = rules.forAgent(null).rule(RuleKind.DETECTOR_OVERLOADED);
            Instant at = clock.instant();
            long lost = now - droppedReported;
            LOG.warn("Alert detector overloaded: {} ledger entries were not examined", lost);
            if (rule.enabled()) {
                Finding f = new Finding(RuleKind.DETECTOR_OVERLOADED, null, at.minus(rule.window()), at, 0, 0, at,
                        lost + " ledger entries were not examined: the detector's queue of " + CAPACITY + " was full",
                        Map.of("dropped", lost, "dropped_total", now, "queue_capacity", CAPACITY));
                if (raise(f, rule)) {
                    droppedReported = now;
                }
            } else {
                droppedReported = now;
            }
        }
    }

    /** Raises {@code f} unless an alert of the same rule and agent is within its window; true if raised. */
    private boolean raise(Finding f, AlertRule rule) {
        Map<String, Instant> ends = lastWindowEnds();
        String key = f.rule().key() + "/" + f.agentId();
        Instant last = ends.get(key);
        if (last != null && f.windowTo().isBefore(last.plus(rule.window()))) {
            return false;
        }
        ends.put(key, f.windowTo());
        Alert alert = new Alert("al-" + HexFormat.of().formatHex(randomBytes()), f.rule(), f.agentId(),
                AlertStatus.OPEN, f.summary(), AuditDetail.of(flatten(f.figures())), f.windowFrom(), f.windowTo(),
                f.firstSeq(), f.lastSeq(), f.firstAnomalyAt(), clock.instant(),
                f.agentId() == null ? Response.NONE : rule.response(), null, null, null, null);
        if (!write(alert)) {
            if (retry.size() < MAX_RETRY) {
                retry.add(alert);
            } else {
                LOG.error("Alert {} ({}, agent {}) could not be recorded and the retry list is full: {}", alert.id(),
                        alert.rule().key(), alert.agentId(), alert.summary());
            }
        }
        return true;
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return b;
    }

    private static Object[] flatten(Map<String, Object> figures) {
        Object[] pairs = new Object[figures.size() * 2];
        int i = 0;
        for (Map.Entry<String, Object> e : figures.entrySet()) {
            pairs[i++] = e.getKey();
            pairs[i++] = e.getValue();
        }
        return pairs;
    }

    private boolean write(Alert alert) {
        AuditEntry entry = AuditEntry.of("alert.raised").agentId(alert.agentId()).actor(ACTOR)
                .reasonCode(alert.rule().key())
                .detail(AlertJson.raised(alert)).build();
        java.time.Duration window = rules.forAgent(alert.agentId()).rule(alert.rule()).window();
        try {
            ledger.appendAsync(entry, tx -> {
                // an alert for no single agent (detector_overloaded) is this process's own news: never claimed
                if (alert.agentId() != null && !AlertStore.claim(tx.connection(), alert, window)) {
                    throw new AlreadyRaised();
                }
                AlertStore.insert(tx.connection(), alert);
                AlertFollowUp follow = followUp;
                if (follow != null) {
                    follow.within(tx, alert);
                }
                return null;
            }).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof AlreadyRaised) {
                LOG.debug("Alert {} ({}, agent {}) was already raised by another process", alert.id(),
                        alert.rule().key(), alert.agentId());
                return true;
            }
            LOG.warn("Alert {} not recorded yet ({}); retrying", alert.id(), e.getMessage());
            return false;
        } catch (Exception e) {
            LOG.warn("Alert {} not recorded yet ({}); retrying", alert.id(), e.getMessage());
            return false;
        }
        events.publish(new AlertRaised(alert));
        respond(alert);
        return true;
    }

    /** Withdraws an {@code alert.raised} entry whose rule and agent another process claimed for the window. */
    private static final class AlreadyRaised extends dev.arbiter.core.audit.EntryWithdrawn {
        AlreadyRaised() {
            super("an alert of this rule and agent was already raised in this window");
        }
    }

    private void retryPending() {
        int n = retry.size();
        for (int i = 0; i < n; i++) {
            Alert alert = retry.poll();
            if (!write(alert)) {
                retry.addFirst(alert);
                return;
            }
        }
    }

    private void respond(Alert alert) {
        if (alert.response() == Response.NONE) {
            return;
        }
        String actor = "rule:" + alert.rule().key();
        String reason = "Alert " + alert.id() + " (" + alert.rule().label() + "): " + alert.summary();
        String outcome;
        try {
            if (alert.response() == Response.PAUSE) {
                agents.pause(alert.agentId(), reason, actor);
                outcome = "agent paused";
            } else {
                killSwitch.engage(alert.agentId(), reason, actor);
                outcome = "kill switch engaged";
            }
        } catch (RuntimeException e) {
            outcome = "failed: " + e.getMessage();
            LOG.error("Automatic response {} to alert {} failed", alert.response().key(), alert.id(), e);
        }
        try {
            ledger.append(AuditEntry.of("alert.response").agentId(alert.agentId()).actor(actor)
                    .reasonCode(alert.rule().key())
                    .detail(AuditDetail.of("alert", alert.id(), "rule", alert.rule().key(), "response",
                            alert.response().key(), "outcome", outcome)).build());
        } catch (RuntimeException e) {
            LOG.error("The response to alert {} ({}) could not be audited: {}", alert.id(), outcome, e.getMessage());
        }
    }

    private Map<String, Instant> lastWindowEnds() {
        if (lastWindowEnds == null) {
            lastWindowEnds = new HashMap<>(database.read(AlertStore::lastWindowEnds));
        }
        return lastWindowEnds;
    }

    /** Writes changed baselines and newly seen actions in one transaction. */
    private void flush() {
        lastFlushNanos = System.nanoTime();
        List<Map.Entry<String, AgentWatch>> dirty = watches.entrySet().stream()
                .filter(e -> e.getValue().baselineDirty || !e.getValue().newActions.isEmpty()).toList();
        if (dirty.isEmpty() || database.isReadOnly()) {
            return;
        }
        Instant at = clock.instant();
        try {
            database.write(tx -> {
                for (Map.Entry<String, AgentWatch> e : dirty) {
                    AgentWatch w = e.getValue();
                    AlertStore.saveBaseline(tx.connection(), e.getKey(), w.baseline);
                    if (!w.newActions.isEmpty()) {
                        AlertStore.addSeenActions(tx.connection(), e.getKey(), w.newActions, at);
                    }
                }
                return null;
            });
            for (Map.Entry<String, AgentWatch> e : dirty) {
                e.getValue().baselineDirty = false;
                e.getValue().newActions.clear();
            }
        } catch (RuntimeException e) {
            LOG.warn("Alert baselines not saved yet ({}); retrying", e.getMessage());
        }
    }

    /** Examines what is queued, saves state and stops. */
    @Override
    public void close() {
        try {
            subscription.close();
            skippedSubscription.close();
        } catch (Exception e) {
            LOG.debug("Unsubscribe failed", e);
        }
        closed = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(15));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
