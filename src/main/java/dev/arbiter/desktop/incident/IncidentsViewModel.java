package dev.arbiter.desktop.incident;

import dev.arbiter.core.event.Events;
import dev.arbiter.core.event.WorkspaceChanged;
import dev.arbiter.core.incident.Incident;
import dev.arbiter.core.incident.IncidentRegister;
import dev.arbiter.core.incident.IncidentStatus;
import dev.arbiter.core.incident.IncidentText;
import dev.arbiter.core.incident.IncidentsChanged;
import dev.arbiter.core.incident.LedgerRange;
import dev.arbiter.core.incident.NewIncident;
import dev.arbiter.core.incident.SeriousIncidentClass;
import dev.arbiter.core.incident.Severity;
import dev.arbiter.core.incident.TimelineEvent;
import dev.arbiter.desktop.common.Dialogs;
import dev.arbiter.desktop.common.ExecutorTaskRunner;
import dev.arbiter.desktop.common.StatusMessage;
import dev.arbiter.desktop.common.TaskRunner;
import dev.arbiter.report.incident.IncidentReport;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Incidents screen's state: the register (newest first, each with its Art. 73 deadline), the
 * selected incident's detail and timeline, a form to open one, and the commands that move it on.
 * It takes the register, the event bus and two executors (work off the FX thread, results on it),
 * so plain JUnit can run it with {@code Runnable::run}. It follows {@link IncidentsChanged} and
 * {@link WorkspaceChanged} on the incident tables (another process), coalescing refreshes.
 */
public final class IncidentsViewModel {

    private final IncidentRegister register;
    private final Supplier<String> actor;
    private final TaskRunner runner;
    private final Executor ui;
    private final AtomicBoolean refreshQueued = new AtomicBoolean();

    private final ObservableList<Incident> incidents = FXCollections.observableArrayList();
    private final ObjectProperty<Incident> selected = new SimpleObjectProperty<>();
    private final ObservableList<TimelineEvent> timeline = FXCollections.observableArrayList();
    private final BooleanProperty empty = new SimpleBooleanProperty(false);
    private final StringProperty detail = new SimpleStringProperty("");
    private final StringProperty deadline = new SimpleStringProperty("");
    private final StringProperty nextStep = new SimpleStringProperty("");
    private final BooleanProperty locked = new SimpleBooleanProperty(true);
    private final StatusMessage outcome = new StatusMessage();

    // the "open an incident" form
    private final StringProperty title = new SimpleStringProperty("");
    private final ObjectProperty<Severity> severity = new SimpleObjectProperty<>(Severity.HIGH);
    private final StringProperty agents = new SimpleStringProperty("");
    private final StringProperty range = new SimpleStringProperty("");
    private final ObjectProperty<SeriousIncidentClass> classification =
            new SimpleObjectProperty<>(SeriousIncidentClass.UNASSESSED);

    public IncidentsViewModel(IncidentRegister register, Events events, Supplier<String> actor, Executor worker,
                              Executor ui) {
        this.register = register;
        this.actor = actor;
        this.runner = new ExecutorTaskRunner(worker, ui);
        this.ui = ui;
        events.subscribe(IncidentsChanged.class, e -> queueRefresh());
        events.subscribe(WorkspaceChanged.class, e -> {
            if (e.touches("incident", "incident_event")) {
                queueRefresh();
            }
        });
        selected.addListener((o, was, now) -> show(now));
    }

    public ObservableList<Incident> incidents() { return incidents; }
    public ObjectProperty<Incident> selectedProperty() { return selected; }
    public ObservableList<TimelineEvent> timeline() { return timeline; }
    /** True when the register holds no incident at all (the empty state shows). */
    public BooleanProperty emptyProperty() { return empty; }
    public StringProperty detailProperty() { return detail; }
    public StringProperty deadlineProperty() { return deadline; }
    /** The label of the button that moves the selected incident on ("Contain", …), empty when closed. */
    public StringProperty nextStepProperty() { return nextStep; }
    /** True when nothing is selected or the selection is closed. */
    public BooleanProperty lockedProperty() { return locked; }
    public StringProperty messageProperty() { return outcome.textProperty(); }
    public BooleanProperty messageIsErrorProperty() { return outcome.errorProperty(); }
    public StringProperty titleProperty() { return title; }
    public ObjectProperty<Severity> severityProperty() { return severity; }
    public StringProperty agentsProperty() { return agents; }
    public StringProperty rangeProperty() { return range; }
    public ObjectProperty<SeriousIncidentClass> classificationProperty() { return classification; }

    // ---- Commands

    /** Reloads the register, keeping the selection by id. */
    public void refresh() {
        refreshQueued.set(false);
        Long keep = Optional.ofNullable(selected.get()).map(Incident::id).orElse(null);
        call(register::list, list -> {
            incidents.setAll(list);
            empty.set(list.isEmpty());
            Incident again = keep == null ? null
                    : list.stream().filter(i -> i.id() == keep).findFirst().orElse(null);
            selected.set(again != null ? again : list.isEmpty() ? null : list.get(0));
            show(selected.get());
        });
    }

    /** Opens an incident from the form; on success the form clears and the new incident is selected. */
    public void open() {
        String t = title.get();
        List<String> ids = Arrays.stream(agents.get().split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
        NewIncident n;
        try {
            Optional<LedgerRange> r = range.get().isBlank() ? Optional.empty()
                    : Optional.of(LedgerRange.parse(range.get()));
            n = new NewIncident(t, severity.get(), ids, r, List.of(), null, null, classification.get());
        } catch (IllegalArgumentException e) {
            outcome.error(e.getMessage());
            return;
        }
        call(() -> register.open(n, actor.get()), i -> {
            title.set("");
            agents.set("");
            range.set("");
            outcome.info("Opened INC-" + i.id() + ". Evidence frozen: " + i.pinned().map(x -> "ledger entries " + x)
                    .orElse("none named") + ".");
            selectAfterRefresh(i);
        });
    }

    /** Moves the selected incident one step (open → contained → resolved → closed). */
    public void advance(String note) {
        withSelected(i -> {
            IncidentStatus next = i.status().next().orElse(null);
            if (next == null) {
                outcome.error("INC-" + i.id() + " is closed and locked.");
                return;
            }
            call(() -> register.move(i.id(), next, note, actor.get()), done -> {
                outcome.info("INC-" + done.id() + " is now " + done.status().key() + ".");
                selectAfterRefresh(done);
            });
        });
    }

    public void acknowledge() {
        withSelected(i -> call(() -> register.acknowledge(i.id(), null, actor.get()), done -> {
            outcome.info("Acknowledged INC-" + done.id() + ".");
            selectAfterRefresh(done);
        }));
    }

    public void classify(SeriousIncidentClass cls) {
        withSelected(i -> call(() -> register.classify(i.id(), cls, null, actor.get()), done -> {
            outcome.info("INC-" + done.id() + ": " + cls.label() + ".");
            selectAfterRefresh(done);
        }));
    }

    public void recordRootCause(String text) {
        withSelected(i -> call(() -> register.setRootCause(i.id(), text, actor.get()), done -> {
            outcome.info("Root cause recorded.");
            selectAfterRefresh(done);
        }));
    }

    public void addFollowUp(String text) {
        withSelected(i -> call(() -> register.addFollowUp(i.id(), text, actor.get()), done -> {
            outcome.info("Follow-up added.");
            selectAfterRefresh(done);
        }));
    }

    /** Writes the selected incident's PDF (the same as {@code arbiter incident report}). */
    public void exportPdf(Path out) {
        withSelected(i -> call(() -> {
            new IncidentReport(register.get(i.id()), register.now(), ZoneId.systemDefault()).write(out);
            return out;
        }, p -> outcome.info("Wrote " + p.toAbsolutePath())));
    }

    // ---- plumbing

    private void show(Incident i) {
        if (i == null) {
            timeline.clear();
            detail.set("");
            deadline.set("");
            nextStep.set("");
            locked.set(true);
            return;
        }
        timeline.setAll(i.timeline());
        Instant now = register.now();
        detail.set(String.join("\n",
                "INC-" + i.id() + " · " + i.severity().key() + " · " + i.status().key(),
                "Agents: " + (i.agents().isEmpty() ? "none named" : String.join(", ", i.agents())),
                "Detected " + IncidentText.time(i.awareAt()) + " · opened by " + i.openedBy(),
                "Evidence frozen: " + i.pinned().map(r -> "ledger entries " + r + (i.status().isActive() ? ""
                        : " (released)")).orElse("none named"),
                "Policies in force: " + (i.policies().isEmpty() ? "none" : String.join(", ", i.policies())),
                "Root cause: " + (i.rootCause().isBlank() ? "not yet recorded" : i.rootCause()),
                "Follow-ups: " + (i.followUps().isEmpty() ? "none" : String.join("; ", i.followUps()))));
        deadline.set(i.classification().label() + " — " + i.deadline().map(d -> "EU AI Act report "
                + d.describeAt(now)).orElse("no EU AI Act report due"));
        nextStep.set(i.status().next().map(s -> capital(s.verb())).orElse(""));
        locked.set(!i.status().isActive());
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private void selectAfterRefresh(Incident i) {
        selected.set(i);
        refresh();
    }

    private void withSelected(Consumer<Incident> action) {
        Incident i = selected.get();
        if (i == null) {
            outcome.error("Select an incident first.");
            return;
        }
        action.accept(i);
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
