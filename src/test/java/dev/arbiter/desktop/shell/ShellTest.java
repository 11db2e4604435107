package dev.arbiter.desktop.shell;

import dev.arbiter.desktop.common.Screen;
import static dev.arbiter.desktop.FxTestSupport.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.demo.DemoWorkspace;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.FxTestSupport;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
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

@ExtendWith(ApplicationExtension.class)
class ShellTest {

    @TempDir
    static Path dir;
    DesktopContext context;

    @Start
    void start(Stage stage) {
        context = FxTestSupport.context(dir.resolve("ws-" + System.nanoTime()));
        DemoWorkspace.seed(context.workspace());
        FxTestSupport.show(stage, Shell.build(context, () -> { }));
    }

    @AfterEach
    void close() {
        FxTestSupport.close(context);
    }

    @Test
    void engagesAndReleasesTheKillSwitchByKeyboard(FxRobot robot) throws Exception {
        Label status = robot.lookup("#kill-switch-status").queryAs(Label.class);
        assertThat(status.getText()).contains("Agents running");

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.K).release(KeyCode.K, KeyCode.SHIFT, KeyCode.CONTROL);
        typeIntoDialog(robot, "Refund agent looping");

        waitFor(() -> context.workspace().killSwitch().isEngagedFor("refunds-agent"));
        waitFor(() -> status.getText().contains("KILL SWITCH ENGAGED"));
        assertThat(status.getText()).contains("Refund agent looping");

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.K).release(KeyCode.K, KeyCode.SHIFT, KeyCode.CONTROL);
        typeIntoDialog(robot, "Loop fixed in v2.3");

        waitFor(() -> !context.workspace().killSwitch().isEngagedFor("refunds-agent"));
        waitFor(() -> status.getText().contains("Agents running"));
        assertThat(context.workspace().auditReader().count(
                new AuditQuery(null, null, null, "kill_switch.released", "Loop fixed"))).isEqualTo(1);
    }

    /**
     * At the window's smallest size (980 x 640) every screen leaves the kill switch, the pending count and the
     * ledger's state whole and in view: a screen wider than the room scrolls instead of pushing them out.
     */
    @Test
    void theKillSwitchAndWhatWaitsStayInViewInTheSmallestWindowOnEveryScreen(FxRobot robot) throws Exception {
        Node killSwitch = robot.lookup("#kill-switch-button").query();
        Stage stage = (Stage) killSwitch.getScene().getWindow();
        robot.interact(() -> {
            stage.setWidth(980);
            stage.setHeight(640);
        });
        try {
            everyScreenKeepsTheKillSwitchInView(robot);
        } finally {
            robot.interact(stage::sizeToScene); // the stage is shared with the next test classes of this fork
        }
    }

    private void everyScreenKeepsTheKillSwitchInView(FxRobot robot) throws Exception {
        javafx.scene.control.ListView<Screen> navigation = robot.lookup("#navigation").queryListView();
        for (int i = 0; i < navigation.getItems().size(); i++) {
            int index = i;
            robot.interact(() -> navigation.getSelectionModel().select(index));
            for (String id : List.of("#kill-switch-button", "#status-pending", "#status-ledger")) {
                Node node = robot.lookup(id).query();
                try {
                    waitFor(() -> wholeAndInView(node));
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new AssertionError(id + " is cut or out of view on " + navigation.getItems().get(index).title()
                            + " at 980 x 640: " + node.localToScene(node.getBoundsInLocal()), e);
                }
            }
        }
    }

    private static boolean wholeAndInView(Node node) {
        Bounds b = node.localToScene(node.getBoundsInLocal());
        double width = node.getScene().getWidth();
        double height = node.getScene().getHeight();
        return b.getMinX() >= 0 && b.getMaxX() <= width + 0.5 && b.getMaxY() <= height + 0.5
                && b.getWidth() >= node.prefWidth(-1) - 0.5;
    }

    /** Ctrl+N, where N is the Audit Log's place in the navigation. */
    private static void openAuditLog(FxRobot robot) {
        javafx.scene.control.ListView<Screen> navigation = robot.lookup("#navigation").queryListView();
        int place = navigation.getItems().stream().map(Screen::title).toList().indexOf("Audit Log") + 1;
        KeyCode digit = KeyCode.getKeyCode(Integer.toString(place));
        robot.press(KeyCode.CONTROL, digit).release(digit, KeyCode.CONTROL);
    }

    /** Keys go to the dialog's window (the robot otherwise targets the main stage), then Enter confirms. */
    private static void typeIntoDialog(FxRobot robot, String reason) {
        robot.targetWindow(robot.lookup("#reason-field").query().getScene().getWindow());
        robot.write(reason).type(KeyCode.ENTER);
    }

    @Test
    void aKillSwitchWithoutAReasonCannotBeConfirmed(FxRobot robot) {
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.K).release(KeyCode.K, KeyCode.SHIFT, KeyCode.CONTROL);

        assertThat(robot.lookup("#confirm-button").queryButton().isDisabled()).isTrue();
        robot.targetWindow(robot.lookup("#reason-field").query().getScene().getWindow());
        robot.type(KeyCode.ENTER).type(KeyCode.ESCAPE);

        assertThat(context.workspace().killSwitch().global().engaged()).isFalse();
    }

    @Test
    void filtersTheAuditTableByText(FxRobot robot) throws Exception {
        openAuditLog(robot);
        TableView<?> table = robot.lookup("#audit-table").queryTableView();
        waitFor(() -> table.getItems().size() > 20);

        long all = context.workspace().auditReader().count(AuditQuery.all());
        long matching = context.workspace().auditReader().count(
                new AuditQuery(null, null, null, null, "write:payment"));
        assertThat(matching).isBetween(1L, all - 1);

        robot.clickOn("#text-filter").write("write:payment");

        waitFor(() -> table.getItems().size() == matching);
        assertThat(robot.lookup("#audit-summary").queryAs(Label.class).getText()).contains(matching + " matching");
    }

    @Test
    void verifiesTheChainFromTheAuditScreen(FxRobot robot) throws Exception {
        openAuditLog(robot);
        robot.clickOn("#verify-button");

        Label result = robot.lookup("#verify-result").queryAs(Label.class);
        waitFor(() -> result.getText().startsWith("Chain intact"));
        waitFor(() -> robot.lookup("#status-ledger").queryAs(Label.class).getText().contains("verified"));
    }
}
