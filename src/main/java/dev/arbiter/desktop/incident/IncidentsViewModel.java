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
import dev.arbiter.core.playbook.Playbook;
import dev.arbiter.core.playbook.PlaybookAction;
import dev.arbiter.core.playbook.PlaybookLibrary;
import dev.arbiter.desktop.common.Dialogs;
import dev.arbiter.desktop.common.ExecutorTaskRunner;
import dev.arbiter.desktop.common.StatusMessage;
import dev.arbiter.desktop.common.TaskRunner;
import dev.arbiter.report.incident.IncidentReport;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.IntStream;
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
 * selected incident's detail and timeline, a form to open one, the commands that move it on, and the
 * playbooks run for it, whose steps are ticked with the time and who (the guide's incident playbooks).
 * It takes the register, the event bus and two executors (work off the FX thread, results on it),
 * so plain JUnit can run it with {@code Runnable::run}. It follows {@link IncidentsChanged} and
 * {@link WorkspaceChanged} on the incident tables (another process), coalescing refreshes.
 */
public final class IncidentsViewModel {

    private final IncidentRegister register;
    private final PlaybookLibrary library;
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
    private final StatusMessage outcome;

    // playbooks: those in the library (read with each refresh) and the steps of those run for the selection
    private Map<String, Playbook> playbooks = Map.of();
    private final ObservableList<String> playbookIds = FXCollections.observableArrayList();
    private final ObjectProperty<String> chosenPlaybook = new SimpleObjectProperty<>();
    private final ObservableList<StepRow> steps = FXCollections.observableArrayList();

    // the "open an incident" form
    private final StringProperty title = new SimpleStringProperty("");
    private final ObjectProperty<Severity> severity = new SimpleObjectProperty<>(Severity.HIGH);
    private final StringProperty agents = new SimpleStringProperty("");
    private final StringProperty range = new SimpleStringProperty("");
    private final ObjectProperty<SeriousIncidentClass> classification =
            new SimpleObjectProperty<>(SeriousIncidentClass.UNASSESSED);

    /**
     * One step of a playbook run for the selected incident.
     *
     * @param number 1-based; {@code of} steps in all
     * @param done   who ticked it and when ("done 14:02:11 UTC by alice"), empty while not done
     */
    public record StepRow(String playbook, int number, int of, String role, String text, String action,
                          String done) {
        public boolean isDone() {
            return !done.isEmpty();
        }
    }

    /**
     * {@code worker} runs core calls, {@code ui} shows their results (the FX thread; a test's own thread);
     * {@code later} expires an outcome line after a delay (the FX clock; a test's own clock).
     */
    public IncidentsViewModel(IncidentRegister register, PlaybookLibrary library, Events events,
                              Supplier<String> actor, Executor worker, Executor ui,
                              BiConsumer<Duration, Runnable> later) {
        this.outcome = new StatusMessage(later);
        this.register = register;
        this.library = library;
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
    /** The ids of the playbooks that read cleanly (a broken file is fixed on the Exercises screen's Playbooks tab). */
    public ObservableList<String> playbookIds() { return playbookIds; }
    public ObjectProperty<String> chosenPlaybookProperty() { return chosenPlaybook; }
    /** The steps of every playbook run for the selected incident, in the order the playbooks were started. */
    public ObservableList<StepRow> steps() { return steps; }

    // ---- Commands

    /** Reloads the register, keeping the selection by id. */
    public void refresh() {
        refreshQueued.set(false);
        Long keep = Optional.ofNullable(selected.get()).map(Incident::id).orElse(null);
        record Read(List<Incident> incidents, List<Playbook> playbooks) { }
        call(() -> new Read(register.list(), library.load().playbooks()), read -> {
            List<Incident> list = read.incidents();
            Map<String, Playbook> byId = new LinkedHashMap<>();
            read.playbooks().forEach(p -> byId.put(p.id(), p));
            playbooks = byId;
            playbookIds.setAll(byId.keySet());
            if (chosenPlaybook.get() == null || !byId.containsKey(chosenPlaybook.get())) {
                chosenPlaybook.set(byId.isEmpty() ? null : byId.keySet().iterator().next());
            }
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

    /** Starts running the chosen playbook for the selected incident (audited; its steps then show to tick). */
    public void startPlaybook() {
        Playbook playbook = playbooks.get(chosenPlaybook.get());
        if (playbook == null) {
            outcome.error("Choose a playbook first.");
            return;
        }
        withSelected(i -> call(() -> register.startPlaybook(i.id(), playbook, actor.get()), done -> {
            outcome.info("Running " + playbook.id() + " for INC-" + done.id() + ": tick each step as it is done.");
            selectAfterRefresh(done);
        }));
    }

    /** Ticks a step as done now by the current reviewer (audited, on the incident's timeline). */
    public void tick(StepRow row) {
        Playbook playbook = playbooks.get(row.playbook());
        if (row.isDone()) {
            outcome.error("Step " + row.number() + " of " + row.playbook() + " is done already.");
            return;
        }
        if (playbook == null) {
            outcome.error("Playbook " + row.playbook() + " is no longer in the library; restore its file to tick it.");
            return;
        }
        withSelected(i -> call(() -> register.completeStep(i.id(), playbook, row.number(), null, actor.get()),
                done -> {
                    outcome.info("Step " + row.number() + " of " + row.playbook() + " done.");
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
            steps.clear();
            timeline.clear();
            detail.set("");
            deadline.set("");
            nextStep.set("");
            locked.set(true);
            return;
        }
        timeline.setAll(i.timeline());
        steps.setAll(stepsOf(i));
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

    private List<StepRow> stepsOf(Incident i) {
        return IncidentRegister.playbooksStarted(i).stream().map(playbooks::get).filter(Objects::nonNull)
                .flatMap(p -> {
                    Map<Integer, TimelineEvent> done = IncidentRegister.stepRecords(i, p);
                    return IntStream.rangeClosed(1, p.steps().size()).mapToObj(n -> {
                        Playbook.Step step = p.steps().get(n - 1);
                        TimelineEvent e = done.get(n);
                        return new StepRow(p.id(), n, p.steps().size(), step.role(), step.text(),
                                step.action().map(PlaybookAction::how).orElse(""),
                                e == null ? "" : "done " + IncidentText.time(e.at()) + " by " + e.actor());
                    });
                }).toList();
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
