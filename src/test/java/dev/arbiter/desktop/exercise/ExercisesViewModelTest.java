package dev.arbiter.desktop.exercise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.decision.TestClock;
import dev.arbiter.core.exercise.Exercise;
import dev.arbiter.core.exercise.ExercisePlan;
import dev.arbiter.core.exercise.ExerciseScore;
import dev.arbiter.core.exercise.ExerciseStatus;
import dev.arbiter.core.playbook.PlaybookLibrary;
import dev.arbiter.core.store.DataDirectory;
import dev.arbiter.desktop.common.StatusMessage;
import dev.arbiter.desktop.common.ExecutorTaskRunner;
import dev.arbiter.desktop.common.TaskRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Exercises ViewModel on a real workspace with a test clock, both executors inline (no toolkit): the
 * clock, the injects and the steps follow the workspace clock, and the score is {@link ExerciseScore}'s.
 */
class ExercisesViewModelTest {

    @TempDir
    Path dir;
    final TestClock clock = new TestClock(Instant.parse("2026-11-30T09:00:00Z"));
    Workspace ws;
    ExercisesViewModel model;

    /** Inline, one at a time: the workspace's change watcher also asks for refreshes, from its own thread. */
    final Executor inline = r -> {
        synchronized (this) {
            r.run();
        }
    };

    final TaskRunner runner = new ExecutorTaskRunner(inline, inline);

    @BeforeEach
    void open() {
        ws = Workspace.open(new DataDirectory(dir.resolve("ws")), clock);
        model = new ExercisesViewModel(ws.exercises(), ws::playbooks, ws.events(), () -> "fay", runner, inline,
                new StatusMessage((d, r) -> { }));
    }

    @AfterEach
    void close() {
        ws.close();
    }

    @Test
    void aTabletopExerciseIsPlannedRunOnTheClockAndEndedWithTheCoreScore() {
        synchronized (this) { // as on the FX thread: the change watcher's refreshes wait their turn
            plannedRunAndEnded();
        }
    }

    private void plannedRunAndEnded() {
        model.refresh();
        assertThat(model.emptyProperty().get()).isTrue();
        model.loadPlaybooks();
        assertThat(model.playbooks()).extracting(p -> p.id()).containsAll(PlaybookLibrary.DEFAULTS);

        model.planPlaybookProperty().set(model.playbooks().stream().filter(p -> p.id().equals("runaway-cost-loop"))
                .findFirst().orElseThrow());
        model.planScenarioProperty().set("Refund loop on a Friday night");
        model.planParticipantsProperty().set("Alice, Bob,\nFin");
        model.planFacilitatorProperty().set("Fay");
        model.plan();

        assertThat(model.emptyProperty().get()).isFalse();
        assertThat(model.planScenarioProperty().get()).isEmpty();
        assertThat(model.statusProperty().get()).isEqualTo(ExerciseStatus.PLANNED);
        assertThat(model.clockProperty().get()).isEqualTo("00:00");
        assertThat(model.people()).containsExactly("Alice", "Bob", "Fin", "Fay");
        assertThat(model.steps()).hasSize(6);
        assertThat(model.steps().get(0).target()).isEqualTo("05:00");
        assertThat(model.steps().get(0).action()).contains("arbiter incident pause");
        assertThat(model.injects()).isEmpty();
        assertThat(model.nextInjectProperty().get()).startsWith("4 scenario injects");

        clock.advance(Duration.ofMinutes(7)); // time before the start does not count
        model.start();
        assertThat(model.statusProperty().get()).isEqualTo(ExerciseStatus.RUNNING);
        assertThat(model.injects()).hasSize(1);

        clock.advance(Duration.ofMinutes(4));
        model.tick();
        assertThat(model.clockProperty().get()).isEqualTo("04:00");
        assertThat(model.injects()).hasSize(2).last().asString().startsWith("03:00  The Audit Log shows");
        assertThat(model.nextInjectProperty().get()).isEqualTo("Next inject in 06:00");
        assertThat(model.steps().get(0).state()).isEqualTo("due in 01:00");

        model.doneByProperty().set("Alice");
        model.completeStep(1);
        assertThat(model.steps().get(0).state()).isEqualTo("✓ 04:00 by Alice");
        assertThat(model.steps().get(0).done()).isTrue();

        clock.advance(Duration.ofMinutes(16));
        model.tick();
        assertThat(model.clockProperty().get()).isEqualTo("20:00");
        assertThat(model.steps().get(1).state()).isEqualTo("overdue");
        assertThat(model.nextInjectProperty().get()).isEqualTo("Every inject is out.");
        model.doneByProperty().set("Bob");
        model.completeStep(2);
        assertThat(model.steps().get(1).state()).isEqualTo("late 20:00 by Bob");

        model.completeStep(2); // twice: refused by the core, shown
        assertThat(model.messageIsErrorProperty().get()).isTrue();
        assertThat(model.messageProperty().get()).contains("done already by Bob");

        model.end(); // no findings
        assertThat(model.messageProperty().get()).isEqualTo("findings: required");
        assertThat(model.statusProperty().get()).isEqualTo(ExerciseStatus.RUNNING);

        clock.advance(Duration.ofMinutes(5));
        model.completeStep(3);
        model.findingsProperty().set("Finance was not reachable");
        assertThat(model.endConsequence()).hasValueSatisfying(c -> c.contains("25:00"));
        model.end();

        Exercise ended = ws.exercises().list().get(0);
        ExerciseScore score = ExerciseScore.of(ended.playbook(), ended.startedAt(), ended.steps());
        assertThat(score).isEqualTo(new ExerciseScore(2, 1, 3, 33));
        assertThat(model.statusProperty().get()).isEqualTo(ExerciseStatus.ENDED);
        assertThat(model.scoreProperty().get()).isEqualTo("Score: " + score.summary());
        assertThat(model.exercises().get(0).score()).contains(33);
        clock.advance(Duration.ofHours(1));
        model.tick();
        assertThat(model.clockProperty().get()).as("frozen at the end").isEqualTo("25:00");
        assertThat(model.steps().get(3).state()).isEqualTo("missed");
    }

    @Test
    synchronized void aRefusedPlanKeepsWhatWasTyped() {
        model.loadPlaybooks();
        model.planScenarioProperty().set("Token leaked in a public repo");
        model.planParticipantsProperty().set(" , ");
        model.planFacilitatorProperty().set("Fay");
        model.plan();
        assertThat(model.messageIsErrorProperty().get()).isTrue();
        assertThat(model.messageProperty().get()).startsWith("participants:");
        assertThat(model.planScenarioProperty().get()).isEqualTo("Token leaked in a public repo");
        assertThat(ws.exercises().list()).isEmpty();

        model.planPlaybookProperty().set(null);
        model.plan();
        assertThat(model.messageProperty().get()).startsWith("playbook:");

        model.start(); // nothing selected
        assertThat(model.messageProperty().get()).contains("plan one (Ctrl+N)");
    }

    @Test
    void followsExercisesChangedByAnotherProcess() throws Exception {
        model.refresh();
        assertThat(model.exercises()).isEmpty();
        try (Workspace other = Workspace.open(new DataDirectory(dir.resolve("ws")), clock)) {
            PlaybookLibrary.Source s = other.playbooks().source("data-exfiltration");
            Exercise e = other.exercises().plan(new ExercisePlan("Customer list mailed out", List.of("Ann"), "Fay"),
                    s.file(), s.yaml(), "cli");
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                synchronized (this) {
                    return model.exercises().size() == 1;
                }
            });
            other.exercises().start(e.id(), "cli");
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                synchronized (this) {
                    return model.statusProperty().get() == ExerciseStatus.RUNNING;
                }
            });
        }
    }

    @Test
    synchronized void exportsTheExercisePdf() throws Exception {
        PlaybookLibrary.Source s = ws.playbooks().source("compromised-agent-token");
        ws.exercises().plan(new ExercisePlan("Token in a public gist", List.of("Ann", "Ben"), "Fay"), s.file(),
                s.yaml(), "fay");
        model.refresh();
        Path out = dir.resolve("out").resolve("ex.pdf");
        Files.createDirectories(out.getParent());
        model.exportPdf(out);
        assertThat(model.exportingProperty().get()).isFalse();
        assertThat(model.messageProperty().get()).startsWith("Wrote ");
        try (PDDocument pdf = Loader.loadPDF(out.toFile())) {
            assertThat(new PDFTextStripper().getText(pdf)).contains("Token in a public gist").contains("Fay");
        }
        Path notAFolder = Files.writeString(dir.resolve("a-file"), "x");
        model.exportPdf(notAFolder.resolve("x.pdf"));
        assertThat(model.messageIsErrorProperty().get()).isTrue();
        assertThat(model.exportingProperty().get()).isFalse();
    }
}
