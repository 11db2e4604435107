package dev.arbiter.desktop.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.readiness.Assessment;
import dev.arbiter.core.readiness.Dimension;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.common.Background;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The matrix filled by keyboard alone: digits set the focused score, Tab moves on. */
@ExtendWith(ApplicationExtension.class)
class ReadinessViewTest {

    private Path dir;
    private Workspace workspace;
    private Background background;
    private Assessment draft;
    private ReadinessViewModel viewModel;

    @Start
    void start(Stage stage) throws Exception {
        dir = Files.createTempDirectory("arbiter-readiness-view");
        workspace = TestWorkspaces.open(dir);
        background = new Background();
        draft = workspace.readiness().start("Zoë Ñúñez Holdings", LocalDate.of(2026, 3, 16), "山田 太郎", "test");
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        viewModel = new ReadinessViewModel(new DesktopContext(workspace, background));
        // the headless screen is 1280x800: a larger window overflows its frame buffer
        stage.setScene(new Scene((Parent) new ReadinessView(viewModel).root(), 1240, 760));
        stage.show();
        viewModel.refresh();
    }

    @AfterEach
    void close() throws Exception {
        // let the last autosave finish before its workspace goes away
        WaitForAsyncUtils.asyncFx(viewModel::flush).get();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> viewModel.allSavedProperty().get());
        background.close();
        workspace.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private void waitUntilLoaded(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () ->
                robot.lookup(".score-picker").tryQuery().map(n -> n.isFocused()).orElse(false));
    }

    private String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private void fill(FxRobot robot, int... scores) {
        for (int score : scores) {
            robot.type(KeyCode.valueOf("DIGIT" + score));
            robot.type(KeyCode.TAB);                 // to the notes
            robot.write("Evidence " + score);
            robot.type(KeyCode.TAB);                 // to the next dimension's score
        }
    }

    @Test
    void fillingTheMatrixByKeyboardShowsTheTotalAndVerdictLiveAndSavesIt(FxRobot robot) throws Exception {
        waitUntilLoaded(robot);
        assertThat(text(robot, "#readiness-total")).isEqualTo("0/30");

        fill(robot, 4, 4, 3, 4, 3, 4);

        assertThat(text(robot, "#readiness-total")).isEqualTo("22/30");
        assertThat(text(robot, "#readiness-verdict")).isEqualTo("Ready");
        assertThat(robot.lookup("#readiness-warnings").query().isVisible()).isFalse();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            Assessment saved = workspace.readiness().require(draft.id());
            return saved.total() == 22 && saved.score(Dimension.INCIDENT_RESPONSE).notes().equals("Evidence 4");
        });
    }

    @Test
    void aDimensionAtOneWarnsThoughTheTotalPasses(FxRobot robot) throws Exception {
        waitUntilLoaded(robot);

        fill(robot, 5, 5, 5, 1, 5, 5);

        assertThat(text(robot, "#readiness-total")).isEqualTo("26/30");
        assertThat(text(robot, "#readiness-verdict")).isEqualTo("Ready");
        assertThat(text(robot, "#readiness-warnings")).contains("Human Oversight");
    }

    @Test
    void aCompletedAssessmentCannotBeChangedFromTheScreen(FxRobot robot) throws Exception {
        waitUntilLoaded(robot);
        fill(robot, 3, 3, 3, 3, 3, 3);
        WaitForAsyncUtils.asyncFx(viewModel::complete).get();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> workspace.readiness().require(draft.id()).isCompleted()
                && viewModel.loadedProperty().get().isCompleted());

        robot.clickOn(".score-picker .toggle-button");
        robot.type(KeyCode.DIGIT5);

        assertThat(text(robot, "#readiness-total")).isEqualTo("18/30");
        assertThat(text(robot, "#readiness-verdict")).isEqualTo("Not ready");
        assertThat(workspace.readiness().require(draft.id()).total()).isEqualTo(18);
    }

    @Test
    void tooFewPointsIsNotReady(FxRobot robot) throws Exception {
        waitUntilLoaded(robot);

        fill(robot, 3, 3, 3, 3, 3);
        assertThat(text(robot, "#readiness-verdict")).isEqualTo("Incomplete");
        robot.type(KeyCode.DIGIT4);

        assertThat(text(robot, "#readiness-total")).isEqualTo("19/30");
        assertThat(text(robot, "#readiness-verdict")).isEqualTo("Not ready");
    }
}
