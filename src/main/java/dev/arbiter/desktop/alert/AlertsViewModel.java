package dev.arbiter.desktop.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.core.agent.AgentRegistry;
import dev.arbiter.core.alert.Alert;
import dev.arbiter.core.alert.AlertRaised;
import dev.arbiter.core.alert.AlertService;
import dev.arbiter.core.alert.AlertStatus;
import dev.arbiter.core.alert.AlertTriaged;
import dev.arbiter.core.audit.AuditTime;
import dev.arbiter.core.control.KillSwitch;
import dev.arbiter.core.event.Events;
import dev.arbiter.core.event.WorkspaceChanged;
import dev.arbiter.desktop.common.Dialogs;
import dev.arbiter.desktop.common.ExecutorTaskRunner;
import dev.arbiter.desktop.common.StatusMessage;
import dev.arbiter.desktop.common.TaskRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Alerts screen's state (issue 16, "The desktop shows open alerts"): the open alerts (or, with
 * {@link #showTriagedProperty()}, the newest {@value #LIMIT} of all), the selected one's rule, agent,
 * window, figures and time to detect, the open count for the navigation badge, and the commands a
 * person takes from an alert: triage as true or false positive with a required note, open an incident,
 * pause the agent or engage its kill switch. Every command is a core call that audits itself.
 * <p>
 * It follows {@link AlertRaised} and {@link AlertTriaged} (this process) and {@link WorkspaceChanged}
 * on the {@code alert} table (another process), coalescing refreshes; alerts it had not seen before
 * go to {@link #onArrived} (the notification), whichever process raised them. It takes its services
 * two executors (work off the FX thread, results on it) and the outcome line (whose expiry runs on the
 * FX clock in the app), so plain JUnit runs it inline without a toolkit.
 */
public final class AlertsViewModel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertsViewModel.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Rows listed at most; the open count is exact. */
    static final int LIMIT = 500;

    private final AlertService alerts;
    private final AgentRegistry agents;
    private final KillSwitch killSwitch;
    private final Supplier<String> actor;
    private final TaskRunner runner;
    private final Executor ui;
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private final List<AutoCloseable> subscriptions = new ArrayList<>();
    /** Ids of open alerts already known, so each arrival is announced once; null before the first load. */
    private Set<String> known;
    private Consumer<List<Alert>> onArrived = arrived -> { };

    private final ObservableList<Alert> rows = FXCollections.observableArrayList();
    private final ObjectProperty<Alert> selected = new SimpleObjectProperty<>();
    private final IntegerProperty openCount = new SimpleIntegerProperty();
    private final BooleanProperty showTriaged = new SimpleBooleanProperty(false);
    private final BooleanProperty empty = new SimpleBooleanProperty(false);
    private final StringProperty emptyText = new SimpleStringProperty("");
    private final StringProperty detail = new SimpleStringProperty("");
    private final StringProperty note = new SimpleStringProperty("");
    private final BooleanProperty actionable = new SimpleBooleanProperty(false);
    private final StatusMessage outcome;

    public AlertsViewModel(AlertService alerts, AgentRegistry agents, KillSwitch killSwitch, Events events,
                           Supplier<String> actor, Executor worker, Executor ui, StatusMessage outcome) {
        this.alerts = alerts;
        this.outcome = outcome;
        this.agents = agents;
        this.killSwitch = killSwitch;
        this.actor = actor;
        this.runner = new ExecutorTaskRunner(worker, ui);
        this.ui = ui;
        subscriptions.add(events.subscribe(AlertRaised.class, e -> queueRefresh()));
        subscriptions.add(events.subscribe(AlertTriaged.class, e -> queueRefresh()));
        subscriptions.add(events.subscribe(WorkspaceChanged.class, e -> {
            if (e.touches("alert")) {
                queueRefresh();
            }
        }));
        selected.addListener((o, was, now) -> show(now));
        showTriaged.addListener((o, was, now) -> refresh());
    }

    /** Called on the UI executor with alerts that appeared since the last refresh (not on the first load). */
    public void onArrived(Consumer<List<Alert>> listener) {
        this.onArrived = listener;
    }

    public ObservableList<Alert> alerts() { return rows; }
    public ObjectProperty<Alert> selectedProperty() { return selected; }
    /** Alerts waiting for triage, in every process (the navigation badge). */
    public IntegerProperty openCountProperty() { return openCount; }
    /** False: open alerts only; true: the newest alerts, triaged ones too. */
    public BooleanProperty showTriagedProperty() { return showTriaged; }
    public BooleanProperty emptyProperty() { return empty; }
    /** What the empty list means and what to do next. */
    public StringProperty emptyTextProperty() { return emptyText; }
    public StringProperty detailProperty() { return detail; }
    /** The triage note; also the reason recorded when pausing or killing the agent from the alert. */
    public StringProperty noteProperty() { return note; }
    /** True when the selected alert is open (triage applies). */
    public BooleanProperty actionableProperty() { return actionable; }
    public StringProperty messageProperty() { return outcome.textProperty(); }
    public BooleanProperty messageIsErrorProperty() { return outcome.errorProperty(); }

    // ---- Commands

    /** Reloads the list and the open count, keeping the selection by id. */
    public void refresh() {
        refreshQueued.set(false);
        boolean all = showTriaged.get();
        String keep = Optional.ofNullable(selected.get()).map(Alert::id).orElse(null);
        call(() -> new Snapshot(alerts.list(!all, LIMIT), all ? alerts.list(true, LIMIT) : null, alerts.openCount(),
                alerts.list(false, 1).isEmpty()), s -> {
            List<Alert> open = s.open();
            announce(open);
            rows.setAll(s.rows());
            openCount.set(s.openCount());
            empty.set(s.rows().isEmpty());
            emptyText.set(s.never()
                    ? "No alert has been raised in this workspace. Arbiter watches every decision the gateway "
                    + "and the MCP proxy make against the alert rules; an alert appears here within a second. "
                    + "To see or change the rules: arbiter alert rules show."
                    : "No open alerts: every alert raised so far has been triaged. Press Ctrl+T to see the "
                    + "triaged ones.");
            Alert again = keep == null ? null : s.rows().stream().filter(a -> a.id().equals(keep)).findFirst()
                    .orElse(null);
            selected.set(again != null ? again : s.rows().isEmpty() ? null : s.rows().get(0));
            show(selected.get());
        });
    }

    /** Triages the selected alert with the note (required; the service says so when it is missing). */
    public void triage(AlertStatus verdict) {
        withSelected(a -> call(() -> alerts.triage(a.id(), verdict, note.get(), actor.get()), done -> {
            note.set("");
            outcome.info(done.id() + " triaged as " + done.status().key().replace('_', ' ') + ".");
            refresh();
        }));
    }

    /** Opens an incident from the selected alert (its agent and evidence range; see {@code AlertIncidents}). */
    public void openIncident() {
        withSelected(a -> {
            if (a.incidentRef() != null) {
                outcome.error(a.id() + " already has incident " + a.incidentRef() + ".");
                return;
            }
            call(() -> alerts.openIncident(a.id(), actor.get()), ref -> {
                outcome.info("Opened " + ref + " from " + a.id() + "; its evidence is frozen.");
                refresh();
            });
        });
    }

    /** What pausing the selected alert's agent does, for the confirmation; empty without an agent. */
    public Optional<String> pauseConsequence() {
        return agentOf(selected.get()).map(id -> "Every new request of " + id + " will be denied with AGENT_PAUSED "
                + "until someone resumes it. Reason recorded: " + reason(selected.get()));
    }

    /** What engaging the agent's kill switch does, for the confirmation; empty without an agent. */
    public Optional<String> killConsequence() {
        return agentOf(selected.get()).map(id -> "The kill switch of " + id + " refuses its every request and "
                + "denies its pending approvals at once, in every Arbiter process. Reason recorded: "
                + reason(selected.get()));
    }

    /** Pauses the selected alert's agent (audited as {@code agent.paused} by this person); needs the note. */
    public void pauseAgent() {
        withAgent((a, id) -> call(() -> agents.pause(id, reason(a), actor.get()),
                done -> outcome.info(id + " is paused.")));
    }

    /** Engages the selected alert's agent's kill switch (audited); needs the note. */
    public void killAgent() {
        withAgent((a, id) -> call(() -> killSwitch.engage(id, reason(a), actor.get()),
                done -> outcome.info("Kill switch engaged for " + id + ".")));
    }

    @Override
    public void close() {
        for (AutoCloseable s : subscriptions) {
            try {
                s.close();
            } catch (Exception e) {
                LOG.debug("Unsubscribe failed", e);
            }
        }
    }

    // ---- plumbing

    private record Snapshot(List<Alert> rows, List<Alert> openIfDifferent, int openCount, boolean never) {
        List<Alert> open() {
            return openIfDifferent == null ? rows : openIfDifferent;
        }
    }

    private void announce(List<Alert> open) {
        Set<String> ids = new HashSet<>();
        open.forEach(a -> ids.add(a.id()));
        if (known != null) {
            List<Alert> arrived = open.stream().filter(a -> !known.contains(a.id())).toList();
            if (!arrived.isEmpty()) {
                onArrived.accept(arrived);
            }
        }
        known = ids;
    }

    private String reason(Alert a) {
        return "Alert " + a.id() + " (" + a.rule().label() + "): " + note.get().strip();
    }

    private static Optional<String> agentOf(Alert a) {
        return a == null ? Optional.empty() : Optional.ofNullable(a.agentId());
    }

    private void withAgent(java.util.function.BiConsumer<Alert, String> action) {
        withSelected(a -> {
            if (a.agentId() == null) {
                outcome.error(a.id() + " concerns no single agent: use the kill switch bar at the top.");
            } else if (note.get() == null || note.get().isBlank()) {
                outcome.error("Write a note first: it is recorded as the reason.");
            } else {
                action.accept(a, a.agentId());
            }
        });
    }

    private void show(Alert a) {
        actionable.set(a != null && a.isOpen());
        if (a == null) {
            detail.set("");
            return;
        }
        List<String> lines = new ArrayList<>(List.of(
                a.rule().label() + " (" + a.rule().key() + ")" + (a.agentId() == null ? "" : " · agent " + a.agentId()),
                a.summary(),
                "Window " + AuditTime.format(a.windowFrom()) + " – " + AuditTime.format(a.windowTo()),
                "Figures: " + figures(a.figures()),
                "Raised " + AuditTime.format(a.raisedAt()) + " · time to detect " + duration(a.timeToDetect()),
                "Evidence: " + (a.firstSeq() == 0 ? "no ledger entries" : "ledger entries #" + a.firstSeq() + "–#"
                        + a.lastSeq()),
                "Automatic response: " + a.response().key()));
        if (!a.isOpen()) {
            lines.add("Triaged as " + a.status().key().replace('_', ' ') + " by " + a.triagedBy() + " at "
                    + AuditTime.format(a.triagedAt()) + ": " + a.note());
        }
        if (a.incidentRef() != null) {
            lines.add("Incident " + a.incidentRef());
        }
        detail.set(String.join("\n", lines));
    }

    /** {@code {"denials":12,"threshold":10}} as {@code denials 12 · threshold 10}; the raw text if not JSON. */
    static String figures(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            List<String> parts = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                parts.add(f.getKey().replace('_', ' ') + " " + f.getValue().asText());
            }
            return parts.isEmpty() ? "none" : String.join(" · ", parts);
        } catch (Exception e) {
            return json;
        }
    }

    static String duration(Duration d) {
        long ms = d.toMillis();
        return ms < 1_000 ? ms + " ms" : ms < 60_000 ? String.format("%.1f s", ms / 1000.0)
                : d.toMinutes() + " min " + d.toSecondsPart() + " s";
    }

    private void withSelected(Consumer<Alert> action) {
        Alert a = selected.get();
        if (a == null) {
            outcome.error("Select an alert first.");
            return;
        }
        action.accept(a);
    }

    private void queueRefresh() {
        if (refreshQueued.compareAndSet(false, true)) {
            ui.execute(this::refresh);
        }
    }

    /** Runs {@code work} through the shared runner; a failure's message goes to the status line. */
    private <T> void call(Callable<T> work, Consumer<T> onSuccess) {
        runner.run(work, onSuccess, failure -> outcome.error(Dialogs.messageOf(failure)));
    }
}
