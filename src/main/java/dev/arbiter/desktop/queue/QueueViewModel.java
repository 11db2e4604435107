package dev.arbiter.desktop.queue;

import dev.arbiter.core.agent.Agent;
import dev.arbiter.core.event.ArbiterEvent;
import dev.arbiter.core.queue.EscalationDecided;
import dev.arbiter.core.queue.EscalationQueue;
import dev.arbiter.core.queue.EscalationQueued;
import dev.arbiter.core.queue.QueueItem;
import dev.arbiter.core.queue.ReviewBriefing;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.common.AgentControl;
import dev.arbiter.desktop.common.Dialogs;
import dev.arbiter.desktop.common.StatusMessage;
import dev.arbiter.desktop.common.FxTicker;
import dev.arbiter.desktop.common.UiThread;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live escalation queue: pending gated and supervised actions, kept in
 * step with core's queue events, and the reviewer's commands.
 *
 * <p>Events arrive on whatever thread published them (a gateway worker, the
 * change watcher); they are only put in a concurrent queue here, and one
 * {@link FxTicker} run per pulse applies everything that came in as one
 * batch change of the table's list. One tick a second on the UI clock
 * moves {@link #nowProperty()}, which the age and time-left cells read:
 * there is no timer per row.
 *
 * <p>Lives as long as the main window (the window title, status bar and
 * notifications need it while another screen is shown); {@link #close()}
 * unsubscribes.
 */
public final class QueueViewModel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueueViewModel.class);
    public static final String ALL_AGENTS = "All agents";
    static final int RECENT = 30;
    static final long MIN_APPLY_INTERVAL_MS = 100;

    private final DesktopContext context;
    private final EscalationQueue queue;
    private final AgentControl agentControl;

    private final ObservableList<QueueRow> rows = FXCollections.observableArrayList();
    private final Map<String, QueueRow> byTrace = new HashMap<>();
    private final Map<String, Integer> perAgent = new HashMap<>();
    private final FilteredList<QueueRow> filtered = new FilteredList<>(rows);
    private final SortedList<QueueRow> sorted = new SortedList<>(filtered, QueueRow.URGENCY);
    private final ObservableList<QueueItem> recentlyDecided = FXCollections.observableArrayList();
    private final ObservableList<String> agentChoices = FXCollections.observableArrayList(ALL_AGENTS);
    private final ObjectProperty<String> agentFilter = new SimpleObjectProperty<>(ALL_AGENTS);
    private final ObjectProperty<TierChoice> tierFilter = new SimpleObjectProperty<>(TierChoice.ALL);
    private final ObjectProperty<Instant> now;
    private final ReadOnlyIntegerWrapper pendingCount = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper gatedCount = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("Loading the queue…");
    private final ReadOnlyObjectWrapper<QueueRow> focused = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ReviewBriefing> briefing = new ReadOnlyObjectWrapper<>();
    private final SimpleBooleanProperty agentKilled = new SimpleBooleanProperty();
    private final ReadOnlyStringWrapper reviewer = new ReadOnlyStringWrapper("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final StatusMessage outcome;

    private final ConcurrentLinkedQueue<ArbiterEvent> incoming = new ConcurrentLinkedQueue<>();
    private final UiThread ui;
    private final FxTicker ticker;
    private final List<AutoCloseable> subscriptions = new ArrayList<>();
    private final List<Consumer<List<QueueItem>>> gatedArrivals = new CopyOnWriteArrayList<>();
    private final AtomicReference<QueueRow> briefingWanted = new AtomicReference<>();
    private static final Duration TICK = Duration.ofSeconds(1);
    private volatile boolean closed;
    private boolean loaded;
    private long lastAppliedNanos;
    private boolean applyScheduled;

    public QueueViewModel(DesktopContext context) {
        this.context = context;
        this.ui = context.ui();
        this.outcome = new StatusMessage(ui);
        this.ticker = new FxTicker(this::drainSoon, ui);
        this.lastAppliedNanos = ui.nanoTime() - MIN_APPLY_INTERVAL_MS * 1_000_000;
        this.queue = context.workspace().queue();
        this.agentControl = new AgentControl(context);
        this.now = new SimpleObjectProperty<>(context.workspace().clock().instant());
        filtered.predicateProperty().bind(Bindings.createObjectBinding(() -> {
            String agent = agentFilter.get();
            TierChoice tier = tierFilter.get() == null ? TierChoice.ALL : tierFilter.get();
            return row -> (agent == null || ALL_AGENTS.equals(agent) || agent.equals(row.item().agentId()))
                    && tier.admits(row.item());
        }, agentFilter, tierFilter));
        subscriptions.add(context.workspace().events().subscribe(EscalationQueued.class, this::arrived));
        subscriptions.add(context.workspace().events().subscribe(EscalationDecided.class, this::arrived));
        ui.after(TICK, this::tick);
        load();
    }

    /** UI thread: moves {@link #nowProperty()} to the workspace clock, then once a second until closed. */
    private void tick() {
        if (!closed) {
            now.set(context.workspace().clock().instant());
            ui.after(TICK, this::tick);
        }
    }

    // ---- state ----

    /** The table's items: filtered, then sorted (by urgency unless the view binds a column sort). */
    public SortedList<QueueRow> rows() { return sorted; }
    public ObservableList<String> agentChoices() { return agentChoices; }
    /** The latest decisions, newest first: by whom, how fast, with what note (timeouts and kill switch too). */
    public ObservableList<QueueItem> recentlyDecided() { return recentlyDecided; }
    public ObjectProperty<String> agentFilterProperty() { return agentFilter; }
    public ObjectProperty<TierChoice> tierFilterProperty() { return tierFilter; }
    /** The shared clock of the age and time-left columns, moved once a second. */
    public ObjectProperty<Instant> nowProperty() { return now; }
    /** Every pending item, whatever the filters show. */
    public ReadOnlyIntegerProperty pendingCountProperty() { return pendingCount.getReadOnlyProperty(); }
    public ReadOnlyIntegerProperty gatedCountProperty() { return gatedCount.getReadOnlyProperty(); }
    /** "3 pending: 2 waiting for approval, 1 to review", for the status bar and the header. */
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<QueueRow> focusedProperty() { return focused.getReadOnlyProperty(); }
    /** The focused item's briefing; null while none is focused or it is loading. */
    public ReadOnlyObjectProperty<ReviewBriefing> briefingProperty() { return briefing.getReadOnlyProperty(); }
    /** True when the focused item's agent has its own kill switch engaged. */
    public ReadOnlyBooleanProperty agentKilledProperty() { return agentKilled; }
    public BooleanProperty busyProperty() { return busy; }
    public StringProperty messageProperty() { return outcome.textProperty(); }
    public BooleanProperty messageIsErrorProperty() { return outcome.errorProperty(); }
    public AgentControl agentControl() { return agentControl; }
    /** Who reviews are recorded as (Settings, else the operating-system user), as last read. */
    public String reviewer() { return reviewer.get(); }

    /** Called on the FX thread with the gated items of each batch that just arrived (for notifications). */
    public void onGatedArrived(Consumer<List<QueueItem>> listener) {
        gatedArrivals.add(listener);
    }

    // ---- live updates ----

    private void arrived(ArbiterEvent event) {
        incoming.add(event);
        ticker.mark();
    }

    /** Reads the whole queue (on start); events that arrive meanwhile are applied after it. */
    private void load() {
        context.background().run(() -> new Snapshot(queue.pending(), queue.recentlyDecided(RECENT)), snapshot -> {
            recentlyDecided.setAll(snapshot.decided());
            for (QueueItem item : snapshot.pending()) {
                QueueRow row = QueueRow.of(item);
                byTrace.put(item.traceId(), row);
                perAgent.merge(item.agentId(), 1, Integer::sum);
            }
            rows.setAll(byTrace.values());
            loaded = true;
            drain();
            counted(true);
        }, failure -> {
            summary.set("The queue could not be read: " + Dialogs.messageOf(failure));
            loaded = true;
            drain();
        });
    }

    /**
     * FX thread: applies what came in now, or, within {@value #MIN_APPLY_INTERVAL_MS} ms of the last
     * change of the list, once that interval is over. A busy gateway then changes the table ten times
     * a second, not on every pulse; an arrival after a quiet spell shows on the next pulse.
     */
    private void drainSoon() {
        long wait = MIN_APPLY_INTERVAL_MS - (ui.nanoTime() - lastAppliedNanos) / 1_000_000;
        if (wait <= 0) {
            drain();
        } else if (!applyScheduled) {
            applyScheduled = true;
            ui.after(Duration.ofMillis(wait), () -> {
                applyScheduled = false;
                drain();
            });
        }
    }

    private record Snapshot(List<QueueItem> pending, List<QueueItem> decided) {
    }

    /** Applies every event that came in since the last change, as one change of the list. */
    private void drain() {
        if (!loaded) {
            return;
        }
        Map<String, QueueRow> added = new LinkedHashMap<>();
        Set<QueueRow> removed = new HashSet<>();
        List<QueueItem> gated = new ArrayList<>();
        List<QueueItem> decidedNow = new ArrayList<>();
        boolean agentsChanged = false;
        ArbiterEvent event;
        while ((event = incoming.poll()) != null) {
            if (event instanceof EscalationQueued queued) {
                QueueItem item = queued.item();
                if (item.isPending() && !byTrace.containsKey(item.traceId())) {
                    QueueRow row = QueueRow.of(item);
                    byTrace.put(item.traceId(), row);
                    added.put(item.traceId(), row);
                    agentsChanged |= perAgent.merge(item.agentId(), 1, Integer::sum) == 1;
                    if (item.isGated()) {
                        gated.add(item);
                    }
                }
            } else if (event instanceof EscalationDecided decided) {
                decidedNow.add(decided.item());
                QueueRow row = byTrace.remove(decided.item().traceId());
                if (row != null) {
                    if (added.remove(row.traceId()) == null) {
                        removed.add(row);
                    }
                    gated.remove(row.item());
                    agentsChanged |= perAgent.merge(row.item().agentId(), -1, Integer::sum) == 0;
                    perAgent.remove(row.item().agentId(), 0);
                }
            }
        }
        if (!decidedNow.isEmpty()) {
            Collections.reverse(decidedNow); // newest first
            Set<String> fresh = new HashSet<>();
            decidedNow.forEach(i -> fresh.add(i.traceId()));
            recentlyDecided.removeIf(i -> fresh.contains(i.traceId()));
            recentlyDecided.addAll(0, decidedNow.subList(0, Math.min(RECENT, decidedNow.size())));
            if (recentlyDecided.size() > RECENT) {
                recentlyDecided.remove(RECENT, recentlyDecided.size());
            }
        }
        QueueRow shown = focused.get();
        if (!added.isEmpty() || !removed.isEmpty()) {
            lastAppliedNanos = ui.nanoTime();
            if (!removed.isEmpty()) {
                rows.removeAll(removed);
            }
            rows.addAll(added.values());
            counted(agentsChanged);
        }
        followFocus(shown, decidedNow, added.values());
        if (!gated.isEmpty()) {
            gatedArrivals.forEach(l -> l.accept(List.copyOf(gated)));
        }
    }

    private void counted(boolean agentsChanged) {
        int gated = (int) byTrace.values().stream().filter(r -> r.item().isGated()).count();
        int all = byTrace.size();
        pendingCount.set(all);
        gatedCount.set(gated);
        summary.set(all == 0 ? "No pending escalations"
                : all + " pending: " + gated + " waiting for approval, " + (all - gated) + " to review");
        if (agentsChanged) {
            syncAgentChoices();
        }
    }

    /**
     * Agents with pending items, in order, after "All agents" (and the chosen one, even when it has none
     * left). Changed in place: replacing the combo box's items would clear its value, and every change of
     * the filter re-filters the whole table.
     */
    private void syncAgentChoices() {
        String current = agentFilter.get() == null ? ALL_AGENTS : agentFilter.get();
        List<String> wanted = new ArrayList<>();
        wanted.add(ALL_AGENTS);
        TreeSet<String> agents = new TreeSet<>(perAgent.keySet());
        if (!ALL_AGENTS.equals(current)) {
            agents.add(current);
        }
        wanted.addAll(agents);
        agentChoices.removeIf(a -> !wanted.contains(a));
        for (int i = 0; i < wanted.size(); i++) {
            if (i >= agentChoices.size() || !agentChoices.get(i).equals(wanted.get(i))) {
                agentChoices.add(i, wanted.get(i));
            }
        }
    }

    // ---- the detail pane ----

    /**
     * The detail pane follows the list: when the item it shows was decided (here, by another reviewer,
     * another process, the timeout or a kill switch) and nothing took its place (the view moves the
     * selection on to the next row when there is one), it shows that item as decided, by whom and when;
     * when anything of the shown item's agent changed, its briefing is read again (record, recent
     * actions), keeping the old one on show until the new one is there.
     */
    private void followFocus(QueueRow shown, List<QueueItem> decidedNow, Collection<QueueRow> added) {
        if (shown == null) {
            return;
        }
        QueueItem decidedShown = decidedNow.stream().filter(i -> i.traceId().equals(shown.traceId()))
                .findFirst().orElse(null);
        QueueRow now = focused.get();
        if (decidedShown != null && (now == null || now == shown)) {
            load(QueueRow.of(decidedShown), true);
            return;
        }
        if (now != shown) {
            return; // the focus moved on (to the next row): that row's briefing is being read
        }
        String agent = shown.item().agentId();
        boolean touched = decidedNow.stream().anyMatch(i -> agent.equals(i.agentId()))
                || added.stream().anyMatch(r -> agent.equals(r.item().agentId()));
        if (touched) {
            load(shown, true);
        }
    }

    /** Shows {@code row}'s briefing (loaded off the FX thread; a newer focus wins). */
    public void focus(QueueRow row) {
        load(row, false);
    }

    private void load(QueueRow row, boolean keepShown) {
        focused.set(row);
        if (!keepShown) {
            briefing.set(null);
        }
        briefingWanted.set(row);
        if (row == null) {
            return;
        }
        context.background().run(() -> {
            if (briefingWanted.get() != row) {
                return null; // the reviewer moved on before this ran
            }
            // a decided item is read as it stands now (the event may be older than the last change)
            QueueItem item = row.item().isPending() ? row.item() : queue.find(row.traceId()).orElse(row.item());
            return new Loaded(context.workspace().briefings().briefing(item),
                    agentControl.isKilled(row.item().agentId()), context.actor());
        }, loaded -> {
            if (loaded != null && focused.get() == row) {
                briefing.set(loaded.briefing());
                agentKilled.set(loaded.killed());
                reviewer.set(loaded.reviewer());
            }
        }, failure -> showError("Could not load the details: " + Dialogs.messageOf(failure)));
    }

    private record Loaded(ReviewBriefing briefing, boolean killed, String reviewer) {
    }

    private void reloadBriefing() {
        focus(focused.get());
    }

    // ---- reviews ----

    /**
     * Why these rows cannot be decided together, or null when they can: a
     * gated approval releases an agent, so each is decided on its own.
     */
    public String bulkProblem(List<QueueRow> chosen) {
        if (chosen.isEmpty()) {
            return "Select an action first (arrow keys or click).";
        }
        if (chosen.size() > 1 && chosen.stream().anyMatch(r -> r.item().isGated())) {
            return "Gated actions are decided one at a time: each approval releases an agent. "
                    + "Select only supervised actions to decide several at once.";
        }
        return null;
    }

    public void approve(List<QueueRow> chosen, String note) {
        review(chosen, true, note);
    }

    /** Denies with a note (required: the agent's owner reads why). */
    public void deny(List<QueueRow> chosen, String note) {
        if (note == null || note.isBlank()) {
            showError("A note is required to deny: say why, for the agent's owner and the audit log.");
            return;
        }
        review(chosen, false, note);
    }

    private void review(List<QueueRow> chosen, boolean approve, String note) {
        String problem = bulkProblem(chosen);
        if (problem != null) {
            showError(problem);
            return;
        }
        List<String> traceIds = chosen.stream().map(QueueRow::traceId).toList();
        busy.set(true);
        context.background().run(() -> {
            String reviewer = context.actor();
            List<QueueItem> decided = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (String traceId : traceIds) {
                try {
                    decided.add(approve ? queue.approve(traceId, reviewer, note) : queue.deny(traceId, reviewer, note));
                } catch (IllegalArgumentException e) {
                    problems.add(e.getMessage()); // decided meanwhile: timed out, kill switch, another reviewer
                }
            }
            return new Reviewed(decided, problems, reviewer);
        }, result -> {
            busy.set(false);
            if (!result.problems().isEmpty()) {
                showError(String.join(" ", result.problems()));
            } else {
                showInfo(describe(result.decided(), approve, result.reviewer()));
            }
        }, failure -> {
            busy.set(false);
            showError(Dialogs.messageOf(failure));
        });
    }

    private record Reviewed(List<QueueItem> decided, List<String> problems, String reviewer) {
    }

    private static String describe(List<QueueItem> decided, boolean approved, String reviewer) {
        if (decided.size() == 1) {
            QueueItem i = decided.get(0);
            String what = i.action() + " of " + i.agentId();
            if (i.isGated()) {
                return approved ? "Approved " + what + " as " + reviewer + "; the agent was released to run it."
                        : "Denied " + what + " as " + reviewer + "; the agent was told not to run it.";
            }
            return (approved ? "Confirmed " : "Flagged ") + what + " as " + reviewer + ".";
        }
        return (approved ? "Confirmed " : "Flagged ") + decided.size() + " supervised actions as " + reviewer + ".";
    }

    // ---- the focused agent ----

    public void pauseAgent(String reason) {
        QueueRow row = focused.get();
        if (row != null) {
            agentControl.pause(row.item().agentId(), reason, a -> agentChanged(a.id() + " is paused."),
                    this::failed);
        }
    }

    public void resumeAgent(String reason) {
        QueueRow row = focused.get();
        if (row != null) {
            agentControl.resume(row.item().agentId(), reason, a -> agentChanged(a.id() + " is active again."),
                    this::failed);
        }
    }

    public void killAgent(String reason) {
        QueueRow row = focused.get();
        if (row != null) {
            agentControl.kill(row.item().agentId(), reason,
                    s -> agentChanged("Kill switch engaged for " + s.scope() + "."), this::failed);
        }
    }

    public void releaseAgent(String reason) {
        QueueRow row = focused.get();
        if (row != null) {
            agentControl.release(row.item().agentId(), reason,
                    s -> agentChanged("Kill switch released for " + s.scope() + "."), this::failed);
        }
    }

    /** The focused item's agent as the briefing last saw it; null when none. */
    public Agent focusedAgent() {
        ReviewBriefing b = briefing.get();
        return b == null ? null : b.agent();
    }

    private void agentChanged(String text) {
        showInfo(text);
        reloadBriefing();
    }

    private void failed(Throwable failure) {
        showError(Dialogs.messageOf(failure));
    }

    private void showError(String text) {
        outcome.error(text);
    }

    private void showInfo(String text) {
        outcome.info(text);
    }

    @Override
    public void close() {
        closed = true;
        for (AutoCloseable s : subscriptions) {
            try {
                s.close();
            } catch (Exception e) {
                LOG.debug("unsubscribe failed", e);
            }
        }
    }
}
