package dev.arbiter.desktop.exercise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.decision.TestClock;
import dev.arbiter.core.exercise.Exercise;
import dev.arbiter.core.exercise.ExerciseScore;
import dev.arbiter.core.exercise.ExerciseStatus;
import dev.arbiter.core.store.DataDirectory;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.FxTestSupport;
import dev.arbiter.desktop.common.Background;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The story: a tabletop exercise planned, run and ended entirely by keyboard on the Exercises
 * screen, with the workspace on a test clock; the score shown is {@link ExerciseScore}'s.
 */
@ExtendWith(ApplicationExtension.class)
class ExerciseByKeyboardTest {

    @TempDir
    static Path dir;
    static final TestClock clock = new TestClock(Instant.parse("2026-11-30T09:00:00Z"));
    static DesktopContext context;

    @BeforeAll
    static void openWorkspace() {
        context = new DesktopContext(Workspace.open(new DataDirectory(dir.resolve("ws")), clock), new Background());
    }

    @Start
    void start(Stage stage) {
        ExercisesScreen screen = new ExercisesScreen(context);
        FxTestSupport.show(stage, (Parent) screen.view());
        screen.shown();
    }

    @AfterAll
    static void close() {
        FxTestSupport.close(context);
    }

    @Test
    void planRunAndEndAnExerciseByKeyboard(FxRobot robot) throws Exception {
        waitFor(() -> robot.lookup(".empty-state").query().isVisible());
        robot.clickOn("#exercises-tab"); // focus inside the screen, as after navigating to it

        robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        waitFor(() -> robot.lookup("#plan-scenario").tryQuery().map(n -> n.isFocused()).orElse(false));
        javafx.stage.Window main = robot.lookup("#exercise-table").query().getScene().getWindow();
        // the dialog is its own window: keys go to the window TestFX targets
        robot.targetWindow(robot.lookup("#plan-scenario").query().getScene().getWindow());
        robot.write("Cascade after the CRM outage");
        robot.type(KeyCode.TAB).type(KeyCode.TAB); // past the playbook (the first one is kept)
        robot.write("Alice, Bob").type(KeyCode.TAB).write("Fay").type(KeyCode.ENTER);

        robot.targetWindow(main);
        TableView<Exercise> table = robot.lookup("#exercise-table").queryTableView();
        waitFor(() -> table.getItems().size() == 1, () -> robot.lookup("#exercise-message").queryAs(Label.class)
                .getText());
        Exercise planned = context.workspace().exercises().list().get(0);
        assertThat(planned.scenario()).isEqualTo("Cascade after the CRM outage");
        assertThat(planned.participants()).containsExactly("Alice", "Bob");
        assertThat(planned.facilitator()).isEqualTo("Fay");
        assertThat(planned.playbook().steps().size()).isGreaterThanOrEqualTo(2);

        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        waitFor(() -> status() == ExerciseStatus.RUNNING);

        clock.advance(Duration.ofMinutes(2));
        Label time = robot.lookup("#exercise-clock").queryAs(Label.class);
        waitFor(() -> time.getText().equals("02:00")); // the running clock follows the workspace clock

        robot.press(KeyCode.CONTROL, KeyCode.L).release(KeyCode.L, KeyCode.CONTROL);
        robot.type(KeyCode.ENTER); // step 1, done by the first participant
        waitFor(() -> exercise().step(1).isPresent());
        assertThat(exercise().step(1).orElseThrow().doneBy()).isEqualTo("Alice");

        clock.advance(Duration.ofMinutes(600)); // step 2 long after any target: late
        robot.press(KeyCode.CONTROL, KeyCode.B).release(KeyCode.B, KeyCode.CONTROL);
        robot.type(KeyCode.DOWN); // Bob
        robot.press(KeyCode.CONTROL, KeyCode.L).release(KeyCode.L, KeyCode.CONTROL);
        robot.type(KeyCode.DOWN).type(KeyCode.SPACE);
        waitFor(() -> exercise().step(2).isPresent());
        assertThat(exercise().step(2).orElseThrow().doneBy()).isEqualTo("Bob");

        robot.press(KeyCode.CONTROL, KeyCode.G).release(KeyCode.G, KeyCode.CONTROL);
        robot.write("The status page was updated by hand; automate it");
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        waitFor(() -> !robot.lookup(".dialog-pane").queryAll().isEmpty());
        robot.targetWindow(robot.lookup(".dialog-pane").query().getScene().getWindow());
        robot.type(KeyCode.ENTER); // confirms "End"
        robot.targetWindow(main);
        waitFor(() -> status() == ExerciseStatus.ENDED);

        Exercise ended = exercise();
        ExerciseScore score = ExerciseScore.of(ended.playbook(), ended.startedAt(), ended.steps());
        assertThat(score.late()).isEqualTo(1);
        assertThat(ended.score()).contains(score.percent());
        assertThat(ended.findings()).isEqualTo("The status page was updated by hand; automate it");
        Label shown = robot.lookup("#exercise-score").queryAs(Label.class);
        waitFor(() -> shown.getText().equals("Score: " + score.summary()));
        waitFor(() -> table.getItems().get(0).score().isPresent());
    }

    private static Exercise exercise() {
        return context.workspace().exercises().list().get(0);
    }

    private static ExerciseStatus status() {
        return exercise().status();
    }

    private static void waitFor(BooleanSupplier condition) throws Exception {
        waitFor(condition, () -> "");
    }

    /** Waits up to 30 s; on a time-out the failure says what the screen said. */
    private static void waitFor(BooleanSupplier condition, java.util.function.Supplier<String> shown)
            throws Exception {
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
                WaitForAsyncUtils.waitForFxEvents();
                return condition.getAsBoolean();
            });
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out; the screen says: " + shown.get(), e);
        }
    }
}
