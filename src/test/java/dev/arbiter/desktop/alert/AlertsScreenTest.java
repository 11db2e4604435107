package dev.arbiter.desktop.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.AgentStatus;
import dev.arbiter.core.alert.Alert;
import dev.arbiter.core.alert.AlertStatus;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.common.Background;
import java.nio.file.Path;
import java.time.Instant;
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

/**
 * The Alerts screen by keyboard: the empty state, an alert arriving live, a refused triage without a
 * note, triage with one (Ctrl+F), and pausing the agent from an alert (Ctrl+P, confirmed with Enter).
 */
@ExtendWith(ApplicationExtension.class)
class AlertsScreenTest {

    @TempDir
    static Path dir;
    static Workspace workspace;
    static Background background;

    @BeforeAll
    static void openWorkspace() {
        workspace = TestWorkspaces.open(dir.resolve("ws"));
        AlertBursts.register(workspace, "ops-bot");
        background = new Background();
    }

    @Start
    void start(Stage stage) {
        AlertsScreen screen = new AlertsScreen(new DesktopContext(workspace, background));
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

    private static void await(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
    }

    @Test
    void triageAndPauseFromAnAlertByKeyboard(FxRobot robot) throws Exception {
        await(() -> robot.lookup(".empty-state").query().isVisible());
        assertThat(robot.lookup(".empty-state .label").queryAllAs(Label.class))
                .anyMatch(l -> l.getText().startsWith("No alert has been raised"));

        Instant t0 = Instant.now();
        AlertBursts.denialBurst(workspace, "ops-bot", t0);
        AlertBursts.denialBurst(workspace, "ops-bot", t0.plusSeconds(120)); // the next window: a second alert
        TableView<Alert> table = robot.lookup("#alert-table").queryTableView();
        await(() -> table.getItems().size() == 2);

        robot.clickOn(table).type(KeyCode.HOME);
        Alert first = table.getSelectionModel().getSelectedItem();
        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        Label message = robot.lookup("#alert-message").queryAs(Label.class);
        await(() -> message.getText().contains("note is required"));

        robot.type(KeyCode.TAB).write("replayed load test").press(KeyCode.CONTROL, KeyCode.F)
                .release(KeyCode.F, KeyCode.CONTROL);
        await(() -> workspace.alerts().service().find(first.id()).orElseThrow().status()
                == AlertStatus.FALSE_POSITIVE);
        await(() -> table.getItems().size() == 1);
        assertThat(workspace.alerts().service().find(first.id()).orElseThrow().note()).isEqualTo("replayed load test");

        robot.clickOn("#alert-note").write("probing secrets");
        robot.press(KeyCode.CONTROL, KeyCode.P).release(KeyCode.P, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        robot.type(KeyCode.ENTER); // the confirmation's default button
        await(() -> workspace.agents().find("ops-bot").orElseThrow().status() == AgentStatus.PAUSED);
        assertThat(workspace.agents().find("ops-bot").orElseThrow().statusReason()).contains("probing secrets");
    }
}
