package dev.arbiter.desktop.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.assessment.Assessment;
import dev.arbiter.core.assessment.AssessmentSummary;
import dev.arbiter.core.assessment.Rating;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.common.Background;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class AssessmentScreenTest {

    static {
        // Monocle's headless screen is 1280x800 unless told otherwise; the risk table is wide.
        System.setProperty("headless.geometry", "1600x1000-32");
    }

    @TempDir
    static Path dir;
    Workspace workspace;
    Background background;
    AssessmentScreen screen;

    @Start
    void start(Stage stage) {
        workspace = TestWorkspaces.open(dir.resolve("ws-" + System.nanoTime()));
        background = new Background();
        screen = new AssessmentScreen(new DesktopContext(workspace, background));
        javafx.geometry.Rectangle2D bounds = javafx.stage.Screen.getPrimary().getBounds();
        stage.setScene(new Scene((javafx.scene.Parent) screen.view(), Math.min(1400, bounds.getWidth()),
                Math.min(900, bounds.getHeight())));
        stage.show();
        screen.shown();
    }

    @AfterEach
    void close() {
        background.close();
        workspace.close();
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void emptyWorkspaceTellsTheUserToCreateTheFirstAssessment(FxRobot robot) throws Exception {
        waitFor(() -> screen.listViewModel().loadedProperty().get());
        TableView<?> table = robot.lookup("#assessment-table").queryAs(TableView.class);
        assertThat(((Label) table.getPlaceholder()).getText()).contains("Create the first one with New assessment");
    }

    @Test
    void createAnAssessmentScoreARiskAndSeeItOnTheHeatMap(FxRobot robot) throws Exception {
        waitFor(() -> screen.listViewModel().loadedProperty().get());

        robot.clickOn("#new-assessment");
        waitFor(() -> robot.lookup("#new-system-name").tryQuery().isPresent());
        robot.clickOn("#new-system-name").write("Claims triage assistant").type(KeyCode.ENTER);
        waitFor(() -> screen.editorViewModel().assessmentProperty().get() != null);

        assertThat(screen.listViewModel().all()).extracting(AssessmentSummary::systemName)
                .containsExactly("Claims triage assistant");
        robot.clickOn("Risks");
        choose(robot, "#likelihood-2", 4);
        choose(robot, "#impact-2", 5);
        choose(robot, "#residual-likelihood-2", 2);
        choose(robot, "#residual-impact-2", 3);
        WaitForAsyncUtils.waitForFxEvents();

        HeatMap map = robot.lookup(".heat-map").queryAs(HeatMap.class);
        List<HeatMapPoint> shown = map.markers().stream().map(n -> (HeatMapPoint) n.getUserData()).toList();
        assertThat(shown).containsExactlyInAnyOrder(
                new HeatMapPoint(2, "Unauthorized actions", new Rating(4, 5), false),
                new HeatMapPoint(2, "Unauthorized actions", new Rating(2, 3), true));
        Node marker = map.markers().stream().filter(n -> !((HeatMapPoint) n.getUserData()).residual())
                .findFirst().orElseThrow();
        Node cell = robot.lookup("#heat-cell-4-5").query();
        assertThat(cell.getStyleClass()).contains("band-critical");
        assertThat(cell.getBoundsInParent().contains(marker.getBoundsInParent().getCenterX(),
                marker.getBoundsInParent().getCenterY())).isTrue();

        // Autosave: the scores reach the database without any explicit save.
        long id = screen.editorViewModel().assessmentProperty().get().id();
        waitFor(() -> {
            Assessment saved = workspace.assessments().get(id);
            return new Rating(4, 5).equals(saved.content().risks().get(1).inherent())
                    && new Rating(2, 3).equals(saved.content().risks().get(1).residual());
        });
    }

    @Test
    void closingTheWindowRightAfterTypingLosesNothing(FxRobot robot) throws Exception {
        Assessment created = workspace.assessments().create("Claims", "lead", "lead");
        robot.interact(screen::shown);
        waitFor(() -> !screen.listViewModel().all().isEmpty());
        robot.interact(() -> robot.lookup("#assessment-table").queryAs(TableView.class).getSelectionModel().select(0));
        waitFor(() -> screen.editorViewModel().assessmentProperty().get() != null);

        robot.clickOn("#system-name").type(KeyCode.END).write(" triage");
        javafx.stage.Window window = robot.lookup("#system-name").query().getScene().getWindow();
        robot.interact(() -> window.fireEvent(new javafx.stage.WindowEvent(window,
                javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST)));
        background.close(); // as the app does on exit, before the workspace closes: queued saves finish

        assertThat(workspace.assessments().get(created.id()).content().overview().systemName())
                .isEqualTo("Claims triage");
    }

    private static void choose(FxRobot robot, String id, int value) {
        ComboBox<?> box = robot.lookup(id).queryAs(ComboBox.class);
        robot.interact(box::requestFocus);
        robot.type(KeyCode.F4);
        robot.type(KeyCode.HOME);
        for (int i = 1; i < value; i++) {
            robot.type(KeyCode.DOWN);
        }
        robot.type(KeyCode.ENTER);
        assertThat(box.getValue()).isEqualTo(value);
    }
}
