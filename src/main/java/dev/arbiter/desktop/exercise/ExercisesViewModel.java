package dev.arbiter.desktop.exercise;

import dev.arbiter.core.event.Events;
import dev.arbiter.core.event.WorkspaceChanged;
import dev.arbiter.core.exercise.ElapsedText;
import dev.arbiter.core.exercise.Exercise;
import dev.arbiter.core.exercise.ExercisePlan;
import dev.arbiter.core.exercise.ExerciseScore;
import dev.arbiter.core.exercise.ExerciseStatus;
import dev.arbiter.core.exercise.Exercises;
import dev.arbiter.core.exercise.ExercisesChanged;
import dev.arbiter.core.playbook.Playbook;
import dev.arbiter.core.playbook.PlaybookLibrary;
import dev.arbiter.desktop.common.Dialogs;
import dev.arbiter.desktop.common.StatusMessage;
import dev.arbiter.desktop.common.TaskRunner;
import dev.arbiter.report.exercise.ExerciseReport;
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
 * The Exercises screen's state (issue 17, "the desktop runs the clock"): the tabletop exercises (newest
 * first), the plan form, and the selected exercise on the workspace clock: elapsed time, the scenario's
 * injects that have fallen due, the playbook's steps with their target times and state, the score so
 * far. {@link #tick()} recomputes the clock from the workspace clock without reading the database; the
 * View's animation calls it every second, tests call it after moving a test clock.
 *
 * <p>It takes its services, a {@link TaskRunner} (database and file work off the FX thread) and a UI
 * executor for events from other threads, so plain JUnit runs it with inline executors. It follows
 * {@link ExercisesChanged} and {@link WorkspaceChanged} on the exercise tables (another process),
 * coalescing bursts into one read; a read overtaken by a newer one is dropped.
 */
public final class ExercisesViewModel {

    private final Exercises exercises;
    private final Supplier<PlaybookLibrary> library;
    private final Supplier<String> actor;
    private final TaskRunner runner;
    private final Executor ui;
    private final StatusMessage outcome;
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private long generation;

    private final ObservableList<Exercise> list = FXCollections.observableArrayList();
    private final ObjectProperty<Exercise> selected = new SimpleObjectProperty<>();
    private final BooleanProperty empty = new SimpleBooleanProperty(false);
    private final ObservableList<Playbook> playbooks = FXCollections.observableArrayList();

    // the selected exercise on the clock
    private final StringProperty heading = new SimpleStringProperty("");
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty clock = new SimpleStringProperty("");
    private final StringProperty nextInject = new SimpleStringProperty("");
    private final StringProperty score = new SimpleStringProperty("");
    private final ObservableList<String> injects = FXCollections.observableArrayList();
    private final ObservableList<ExerciseStepRow> steps = FXCollections.observableArrayList();
    private final ObservableList<String> people = FXCollections.observableArrayList();
    private final StringProperty doneBy = new SimpleStringProperty();
    private final StringProperty findings = new SimpleStringProperty("");
    private final ObjectProperty<ExerciseStatus> status = new SimpleObjectProperty<>();
    private final BooleanProperty exporting = new SimpleBooleanProperty(false);

    // the plan form (kept after a refused plan, so nothing typed is lost)
    private final ObjectProperty<Playbook> planPlaybook = new SimpleObjectProperty<>();
    private final StringProperty planScenario = new SimpleStringProperty("");
    private final StringProperty planParticipants = new SimpleStringProperty("");
    private final StringProperty planFacilitator = new SimpleStringProperty("");

    /**
     * @param library the workspace's playbooks, asked for afresh each time (the folder may be edited meanwhile)
     * @param actor   who the user's changes are recorded as
     * @param ui      runs a refresh asked for by an event from another thread on the UI thread
     */
    public ExercisesViewModel(Exercises exercises, Supplier<PlaybookLibrary> library, Events events,
                              Supplier<String> actor, TaskRunner runner, Executor ui, StatusMessage outcome) {
        this.exercises = exercises;
        this.library = library;
        this.actor = actor;
        this.runner = runner;
        this.ui = ui;
        this.outcome = outcome;
        events.subscribe(ExercisesChanged.class, e -> queueRefresh());
        events.subscribe(WorkspaceChanged.class, e -> {
            if (e.touches("exercise", "exercise_step")) {
                queueRefresh();
            }
        });
        selected.addListener((o, was, now) -> {
            if (was == null || now == null || was.id() != now.id()) {
                findings.set("");
                doneBy.set(null);
            }
            tick();
        });
    }

    public ObservableList<Exercise> exercises() { return list; }
    public ObjectProperty<Exercise> selectedProperty() { return selected; }
    /** True when no exercise was ever planned (the empty state shows). */
    public BooleanProperty emptyProperty() { return empty; }
    /** The playbooks that read cleanly, for the plan form. */
    public ObservableList<Playbook> playbooks() { return playbooks; }
    /** "EX-3 · Refund loop on a Friday night". */
    public StringProperty headingProperty() { return heading; }
    /** Status, playbook, facilitator and participants, one line each. */
    public StringProperty summaryProperty() { return summary; }
    /** The exercise clock, [h:]mm:ss; 00:00 while planned, frozen once ended. */
    public StringProperty clockProperty() { return clock; }
    public StringProperty nextInjectProperty() { return nextInject; }
    public StringProperty scoreProperty() { return score; }
    /** The injects that have fallen due, oldest first, each "mm:ss  event". */
    public ObservableList<String> injects() { return injects; }
    public ObservableList<ExerciseStepRow> steps() { return steps; }
    /** Who may be named as having done a step: the participants, then the facilitator. */
    public ObservableList<String> people() { return people; }
    public StringProperty doneByProperty() { return doneBy; }
    public StringProperty findingsProperty() { return findings; }
    /** The selected exercise's status, null when none is selected. */
    public ObjectProperty<ExerciseStatus> statusProperty() { return status; }
    public BooleanProperty exportingProperty() { return exporting; }
    public StringProperty messageProperty() { return outcome.textProperty(); }
    public BooleanProperty messageIsErrorProperty() { return outcome.errorProperty(); }
    public ObjectProperty<Playbook> planPlaybookProperty() { return planPlaybook; }
    public StringProperty planScenarioProperty() { return planScenario; }
    /** Comma- or newline-separated names. */
    public StringProperty planParticipantsProperty() { return planParticipants; }
    public StringProperty planFacilitatorProperty() { return planFacilitator; }

    // ---- commands

    /** Re-reads the exercises, keeping the selection by id (the newest when there was none). */
    public void refresh() {
        refreshQueued.set(false);
        long mine = ++generation;
        call(exercises::list, all -> {
            if (mine != generation) {
                return; // a newer read is on its way
            }
            Long keep = Optional.ofNullable(selected.get()).map(Exercise::id).orElse(null);
            list.setAll(all);
            empty.set(all.isEmpty());
            Exercise again = keep == null ? null : all.stream().filter(e -> e.id() == keep).findFirst().orElse(null);
            selected.set(again != null ? again : all.isEmpty() ? null : all.get(0));
            tick();
        });
    }

    /** Reads the playbooks folder (for the plan form); unreadable files are reported, the rest listed. */
    public void loadPlaybooks() {
        call(() -> library.get().load(), loaded -> {
            Playbook was = planPlaybook.get();
            playbooks.setAll(loaded.playbooks());
            planPlaybook.set(loaded.playbooks().stream().filter(p -> was != null && p.id().equals(was.id()))
                    .findFirst().orElse(loaded.playbooks().isEmpty() ? null : loaded.playbooks().get(0)));
            if (!loaded.problems().isEmpty()) {
                outcome.error(loaded.problems().size() + " playbook file(s) do not read and are left out: "
                        + loaded.problems().get(0) + " (the Playbooks tab shows them)");
            }
        });
    }

    /** Plans an exercise from the form; on success the form clears and the new exercise is selected. */
    public void plan() {
        Playbook p = planPlaybook.get();
        if (p == null) {
            outcome.error("playbook: choose the playbook the exercise follows");
            return;
        }
        List<String> names = Arrays.stream(planParticipants.get().split("[,\\n]")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
        ExercisePlan plan = new ExercisePlan(planScenario.get(), names, planFacilitator.get());
        String who = actor.get();
        call(() -> {
            PlaybookLibrary.Source source = library.get().source(p.id());
            return exercises.plan(plan, source.file(), source.yaml(), who);
        }, e -> {
            planScenario.set("");
            planParticipants.set("");
            planFacilitator.set("");
            outcome.info("Planned EX-" + e.id() + ". Start it when everyone is in the room.");
            selected.set(e);
            refresh();
        });
    }

    /** Starts the selected exercise's clock. */
    public void start() {
        withSelected(e -> call(() -> exercises.start(e.id(), actor.get()), done -> {
            outcome.info("EX-" + done.id() + " is running: the clock started.");
            select(done);
        }));
    }

    /** Ticks step {@code number} (1-based) of the selected exercise as done now by {@link #doneByProperty()}. */
    public void completeStep(int number) {
        String by = doneBy.get();
        if (by == null || by.isBlank()) {
            outcome.error("done by: choose who did the step (the participants and the facilitator are listed)");
            return;
        }
        withSelected(e -> call(() -> exercises.completeStep(e.id(), number, by, "", actor.get()), done -> {
            outcome.info("Step " + number + " done by " + done.step(number).map(s -> s.doneBy()).orElse(by)
                    + " at " + done.step(number).map(s -> ElapsedText.of(s.after(done.startedAt()))).orElse("") + ".");
            select(done);
        }));
    }

    /** Ends the selected exercise with {@link #findingsProperty()}; the score is then final. */
    public void end() {
        String text = findings.get();
        withSelected(e -> call(() -> exercises.end(e.id(), text, actor.get()), done -> {
            findings.set("");
            outcome.info("EX-" + done.id() + " ended: " + done.scoreAt(exercises.now()).summary() + ".");
            select(done);
        }));
    }

    /** What ending the selected exercise means, for the confirmation (empty when nothing runs). */
    public Optional<String> endConsequence() {
        Exercise e = selected.get();
        if (e == null || e.status() != ExerciseStatus.RUNNING) {
            return Optional.empty();
        }
        return Optional.of("The clock stops at " + ElapsedText.of(e.elapsed(exercises.now())) + " and the score is "
                + "final: " + e.scoreAt(exercises.now()).summary() + ". An ended exercise is locked.");
    }

    /** Writes the selected exercise's report PDF (the same as {@code arbiter exercise report}). */
    public void exportPdf(Path out) {
        withSelected(e -> {
            exporting.set(true);
            runner.run(() -> {
                new ExerciseReport(exercises.get(e.id()), exercises.now(), ZoneId.systemDefault()).write(out);
                return out;
            }, p -> {
                exporting.set(false);
                outcome.info("Wrote " + p.toAbsolutePath());
            }, x -> {
                exporting.set(false);
                outcome.error(Dialogs.messageOf(x));
            });
        });
    }

    /** Recomputes the selected exercise on the workspace clock (no database read). */
    public void tick() {
        Exercise e = selected.get();
        if (e == null) {
            heading.set("");
            summary.set("");
            clock.set("");
            nextInject.set("");
            score.set("");
            injects.clear();
            steps.clear();
            people.clear();
            status.set(null);
            return;
        }
        Instant now = exercises.now();
        status.set(e.status());
        heading.set("EX-" + e.id() + " · " + e.scenario());
        summary.set(String.join("\n",
                statusLine(e),
                "Playbook: " + e.playbook().name() + " (" + e.playbook().id() + ")",
                "Facilitator: " + e.facilitator() + " · participants: " + String.join(", ", e.participants())));
        clock.set(ElapsedText.of(e.elapsed(now)));
        List<String> due = e.injectsDue(now).stream().map(i -> ElapsedText.of(i.at()) + "  " + i.event()).toList();
        if (!due.equals(injects)) {
            if (due.size() > injects.size() && due.subList(0, injects.size()).equals(injects)) {
                injects.addAll(due.subList(injects.size(), due.size())); // keeps the list's scroll and focus
            } else {
                injects.setAll(due);
            }
        }
        nextInject.set(nextInjectText(e, now));
        ExerciseScore s = e.scoreAt(now);
        score.set(switch (e.status()) {
            case PLANNED -> "Score: once started, a step counts when done within its target time";
            case RUNNING -> "Score so far: " + s.summary();
            case ENDED -> "Score: " + s.summary();
        });
        for (int n = 1; n <= e.playbook().steps().size(); n++) {
            ExerciseStepRow row = ExerciseStepRow.of(e, n, now);
            if (steps.size() < n) {
                steps.add(row);
            } else if (!steps.get(n - 1).equals(row)) {
                steps.set(n - 1, row);
            }
        }
        if (steps.size() > e.playbook().steps().size()) {
            steps.remove(e.playbook().steps().size(), steps.size());
        }
        List<String> everyone = new java.util.ArrayList<>(e.participants());
        everyone.add(e.facilitator());
        if (!people.equals(everyone)) {
            people.setAll(everyone);
        }
        if (doneBy.get() == null || !everyone.contains(doneBy.get())) {
            doneBy.set(everyone.get(0));
        }
    }

    private static String statusLine(Exercise e) {
        return switch (e.status()) {
            case PLANNED -> "Planned by " + e.plannedBy() + " · not started (Ctrl+Enter starts the clock)";
            case RUNNING -> "Running since " + e.startedAt().toString().substring(11, 19) + " UTC";
            case ENDED -> "Ended · findings: " + e.findings();
        };
    }

    private static String nextInjectText(Exercise e, Instant now) {
        int total = e.playbook().injects().size();
        return switch (e.status()) {
            case PLANNED -> total == 0 ? "This playbook has no scenario injects."
                    : total + " scenario injects appear on the clock once the exercise starts.";
            case RUNNING -> e.nextInject(now).map(i -> "Next inject in " + ElapsedText.of(i.at().minus(e.elapsed(now))))
                    .orElse(total == 0 ? "This playbook has no scenario injects." : "Every inject is out.");
            case ENDED -> "";
        };
    }

    // ---- plumbing

    private void select(Exercise e) {
        selected.set(e);
        refresh();
    }

    private void withSelected(Consumer<Exercise> action) {
        Exercise e = selected.get();
        if (e == null) {
            outcome.error("Select an exercise first, or plan one (Ctrl+N).");
            return;
        }
        action.accept(e);
    }

    private void queueRefresh() {
        if (refreshQueued.compareAndSet(false, true)) {
            ui.execute(this::refresh);
        }
    }

    private <T> void call(Callable<T> work, Consumer<T> onSuccess) {
        runner.run(work, onSuccess, x -> outcome.error(Dialogs.messageOf(x)));
    }
}
