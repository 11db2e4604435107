package dev.arbiter.desktop.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.incident.Incident;
import dev.arbiter.core.incident.IncidentStatus;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.common.Background;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Parent;
import javafx.scene.Scene;
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

/** The Incidents screen by keyboard: empty state, open with Enter, contain with Ctrl+Enter. */
@ExtendWith(ApplicationExtension.class)
class IncidentsScreenTest {

    @TempDir
    static Path dir;
    static Workspace workspace;
    static Background background;

    /** Opened before the toolkit's setup clock starts: on a loaded machine that alone can take seconds. */
    @BeforeAll
    static void openWorkspace() {
        workspace = TestWorkspaces.open(dir.resolve("ws"));
        background = new Background();
    }

    @Start
    void start(Stage stage) {
        IncidentsScreen screen = new IncidentsScreen(new DesktopContext(workspace, background));
        stage.setScene(new Scene((Parent) screen.view(), 1280, 800));
        stage.show();
        screen.shown();
    }

    @AfterAll
    static void close() {
        workspace.close();
        WaitForAsyncUtils.waitForFxEvents();
        background.close();
    }

    @Test
    void openAndContainAnIncidentByKeyboard(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> robot.lookup(".empty-state").query().isVisible());

        robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        robot.write("Support agent promised refunds it cannot give").type(KeyCode.ENTER);

        TableView<Incident> table = robot.lookup("#incident-table").queryTableView();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> table.getItems().size() == 1);
        Label deadline = robot.lookup("#incident-deadline").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> deadline.getText().startsWith("Not yet assessed"));

        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> workspace.incidents().list().get(0).status() == IncidentStatus.CONTAINED);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> table.getItems().get(0).status()
                == IncidentStatus.CONTAINED);
        assertThat(workspace.incidents().list().get(0).title())
                .isEqualTo("Support agent promised refunds it cannot give");

        // run the chosen playbook and tick its second step, by keyboard (issue 17)
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.P).release(KeyCode.P, KeyCode.SHIFT, KeyCode.CONTROL);
        javafx.scene.control.ListView<IncidentsViewModel.StepRow> steps = robot.lookup("#incident-steps")
                .queryListView();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !steps.getItems().isEmpty());
        robot.press(KeyCode.CONTROL, KeyCode.L).release(KeyCode.L, KeyCode.CONTROL);
        robot.type(KeyCode.HOME).type(KeyCode.DOWN); // the first step, then the second
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> steps.getSelectionModel().getSelectedIndex() == 1);
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> steps.getItems().size() > 1
                && steps.getItems().get(1).isDone());
        assertThat(workspace.incidents().list().get(0).timeline())
                .filteredOn(e -> e.kind() == dev.arbiter.core.incident.TimelineKind.STEP).hasSize(1);
    }
}
