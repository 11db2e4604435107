package dev.arbiter.desktop.queue;

import static dev.arbiter.desktop.FxTestSupport.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.decision.Decision;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.policy.DataClass;
import dev.arbiter.core.store.DataDirectory;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.FxTestSupport;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The queue's detail pane follows the list: a decision made in another process (a second desktop,
 * the CLI) on the same data directory shows there as what it is, never as "pending · gated".
 */
@ExtendWith(ApplicationExtension.class)
class QueueDetailFollowsTest {

    @TempDir
    Path dir;
    Path workspaceDir;
    DesktopContext context;
    QueueViewModel model;

    @Start
    void start(Stage stage) {
        workspaceDir = dir.resolve("ws");
        context = FxTestSupport.context(workspaceDir);
        DemoAgents.ensure(context.workspace());
        model = new QueueViewModel(context);
        FxTestSupport.show(stage, new QueueView(model));
    }

    @AfterEach
    void close() {
        model.close();
        FxTestSupport.close(context);
    }

    private Decision refund(Workspace ws, double amount) {
        return ws.decisions().decide(new DecisionRequest(DemoAgents.REFUNDS, "sess_1", "issue:refund",
                "Refund for a cancelled annual plan", "Cancelled on day 12 (confidence: 0.9)", 0.9,
                List.of("order_lookup"), 100L, "payments-api.internal:443", amount,
                Set.of(DataClass.FINANCIAL), null, null,
                "{\"amount_usd\":" + amount + ",\"data_classes\":[\"Financial\"]}")).join();
    }

    private static String texts(FxRobot robot, String query) {
        return String.join(" | ", robot.lookup(query).queryAll().stream()
                .filter(n -> n instanceof Label).map(n -> ((Label) n).getText()).toList());
    }

    private static String briefingText(FxRobot robot) {
        return String.join(" | ", robot.lookup("#briefing").queryAll().stream()
                .flatMap(n -> n.lookupAll(".label").stream()).filter(Label.class::isInstance)
                .map(n -> ((Label) n).getText()).toList());
    }

    @Test
    void aDecisionInAnotherProcessShowsInTheDetailPaneAsDecidedByWhomNeverPending(FxRobot robot) throws Exception {
        Decision first = refund(context.workspace(), 1200);
        Decision second = refund(context.workspace(), 1300);
        TableView<QueueRow> table = robot.lookup("#queue-table").queryTableView();
        waitFor(() -> table.getItems().size() == 2);
        robot.interact(() -> table.getSelectionModel().select(table.getItems().stream()
                .filter(r -> r.traceId().equals(second.traceId())).findFirst().orElseThrow()));
        waitFor(() -> model.briefingProperty().get() != null
                && model.briefingProperty().get().item().traceId().equals(second.traceId()));
        waitFor(() -> briefingText(robot).contains("pending · gated")); // the first one, still waiting

        try (Workspace other = Workspace.open(new DataDirectory(workspaceDir))) {
            other.queue().approve(first.traceId(), "alice", "checked in the CRM");
        }
        // the shown item's record: the first refund is now approved by alice, nothing is left pending
        waitFor(() -> briefingText(robot).contains("approved by alice"));
        assertThat(briefingText(robot)).doesNotContain("pending · gated");
        assertThat(table.getItems()).extracting(QueueRow::traceId).containsExactly(second.traceId());

        try (Workspace other = Workspace.open(new DataDirectory(workspaceDir))) {
            other.queue().deny(second.traceId(), "bob", "duplicate of an earlier refund");
        }
        // the shown item itself was decided and nothing took its place: the pane says so
        waitFor(() -> table.getItems().isEmpty());
        waitFor(() -> robot.lookup("#briefing-outcome").tryQuery().isPresent());
        assertThat(texts(robot, "#briefing-outcome")).contains("denied by bob").contains("duplicate");
        assertThat(briefingText(robot)).doesNotContain("pending · gated");
        assertThat(robot.lookup("#approve-button").queryButton().isDisabled()).isTrue();
    }

    @Test
    void theFocusMovesOnToTheNextRowWhenTheShownOneIsDecidedElsewhere(FxRobot robot) throws Exception {
        Decision first = refund(context.workspace(), 1200);
        Decision second = refund(context.workspace(), 1300);
        TableView<QueueRow> table = robot.lookup("#queue-table").queryTableView();
        waitFor(() -> table.getItems().size() == 2);
        robot.interact(() -> table.getSelectionModel().select(table.getItems().stream()
                .filter(r -> r.traceId().equals(first.traceId())).findFirst().orElseThrow()));
        waitFor(() -> model.briefingProperty().get() != null
                && model.briefingProperty().get().item().traceId().equals(first.traceId()));

        try (Workspace other = Workspace.open(new DataDirectory(workspaceDir))) {
            other.queue().approve(first.traceId(), "alice", null);
        }
        waitFor(() -> model.briefingProperty().get() != null
                && model.briefingProperty().get().item().traceId().equals(second.traceId()));
        waitFor(() -> briefingText(robot).contains("approved by alice"));
        assertThat(robot.lookup("#briefing-outcome").tryQuery()).isEmpty();
    }
}
