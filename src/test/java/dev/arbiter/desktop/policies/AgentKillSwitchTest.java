package dev.arbiter.desktop.policies;

import static dev.arbiter.desktop.FxTestSupport.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.agent.Agent;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.decision.ReasonCode;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.queue.QueueItem;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.FxTestSupport;
import java.nio.file.Path;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The agents list stops one agent with its own kill switch, and says beforehand what that will deny. */
@ExtendWith(ApplicationExtension.class)
class AgentKillSwitchTest {

    @TempDir
    static Path dir;
    DesktopContext context;
    PoliciesScreen screen;

    @Start
    void start(Stage stage) {
        context = FxTestSupport.context(dir.resolve("ws-" + System.nanoTime()));
        DemoAgents.ensure(context.workspace());
        screen = new PoliciesScreen(context);
        FxTestSupport.show(stage, (javafx.scene.Parent) screen.view());
        screen.shown();
    }

    @AfterEach
    void close() {
        FxTestSupport.close(context);
    }

    @Test
    void killingAnAgentDeniesItsPendingApprovalsAndReleasingLetsItAskAgain(FxRobot robot) throws Exception {
        QueueItem waiting = context.workspace().queue().find(context.workspace().decisions().decide(
                DecisionRequest.of(DemoAgents.CLEANUP, "delete:stale_sessions")
                        .withTarget(DemoAgents.TARGETS.get(DemoAgents.CLEANUP))).join().traceId()).orElseThrow();
        ListView<Agent> list = robot.lookup("#agent-list").queryListView();
        waitFor(() -> list.getItems().size() == 3);
        robot.interact(() -> list.getItems().stream().filter(a -> a.id().equals(DemoAgents.CLEANUP)).findFirst()
                .ifPresent(a -> list.getSelectionModel().select(a)));

        robot.clickOn("#agent-kill");
        assertThat(robot.lookup("#reason-consequence").queryAs(Label.class).getText())
                .startsWith("1 pending action of data-cleanup-agent will be denied at once");
        robot.targetWindow(robot.lookup("#reason-field").query().getScene().getWindow());
        robot.write("Deleting the wrong sessions").type(KeyCode.ENTER);

        waitFor(() -> context.workspace().killSwitch().isEngagedFor(DemoAgents.CLEANUP));
        waitFor(() -> context.workspace().queue().find(waiting.traceId()).orElseThrow().reasonCode()
                == ReasonCode.KILL_SWITCH);
        assertThat(context.workspace().killSwitch().isEngagedFor(DemoAgents.SUPPORT)).isFalse();
        waitFor(() -> robot.lookup("#agent-kill").queryButton().getText().startsWith("Release"));

        robot.clickOn("#agent-kill");
        robot.targetWindow(robot.lookup("#reason-field").query().getScene().getWindow());
        robot.write("Fixed the retention query").type(KeyCode.ENTER);

        waitFor(() -> !context.workspace().killSwitch().isEngagedFor(DemoAgents.CLEANUP));
        assertThat(context.workspace().auditReader().count(new AuditQuery(null, null, DemoAgents.CLEANUP,
                "kill_switch.released", "Fixed the retention query"))).isEqualTo(1);
    }
}
