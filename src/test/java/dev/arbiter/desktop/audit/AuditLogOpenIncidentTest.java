package dev.arbiter.desktop.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.AgentProfile;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.audit.LedgerEntry;
import dev.arbiter.core.incident.Incident;
import dev.arbiter.core.incident.LedgerRange;
import dev.arbiter.core.incident.Severity;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.common.Background;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
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

/** Issue 17: select entries in the Audit Log by keyboard, Ctrl+I, and an incident freezes their range. */
@ExtendWith(ApplicationExtension.class)
class AuditLogOpenIncidentTest {

    @TempDir
    static Path dir;
    static Workspace workspace;
    static Background background;

    private AuditLogViewModel model;

    @BeforeAll
    static void openWorkspace() {
        workspace = TestWorkspaces.open(dir.resolve("ws"));
        workspace.agents().add(new AgentProfile("billing-bot", "Billing bot", "finance", "", "", "", "", Set.of(), null,
                null, null), "alice");
        for (int i = 0; i < 6; i++) {
            workspace.ledger().append(AuditEntry.of("decision").agentId(i % 2 == 0 ? "billing-bot" : "ghost-bot")
                    .action("refund").build());
        }
        background = new Background();
    }

    @Start
    void start(Stage stage) {
        model = new AuditLogViewModel(new DesktopContext(workspace, background));
        stage.setScene(new Scene(new AuditLogView(model), 1280, 800));
        stage.show();
        model.refresh();
    }

    @AfterAll
    static void close() {
        workspace.close();
        WaitForAsyncUtils.waitForFxEvents();
        background.close();
    }

    @Test
    void selectedEntriesOpenAnIncidentThatFreezesTheirRange(FxRobot robot) throws Exception {
        TableView<LedgerEntry> table = robot.lookup("#audit-table").queryTableView();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> table.getItems().size() >= 6);
        long before = workspace.incidents().list().size();

        robot.interact(() -> {
            table.requestFocus();
            table.getSelectionModel().clearAndSelect(1);
            table.getFocusModel().focus(1);
        });
        robot.press(KeyCode.SHIFT, KeyCode.DOWN).release(KeyCode.DOWN);
        robot.press(KeyCode.DOWN).release(KeyCode.DOWN, KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getSelectionModel().getSelectedItems()).hasSize(3);
        // the list follows the live ledger: a reload (an agent's decision arrives) keeps what was picked
        workspace.ledger().append(AuditEntry.of("decision").agentId("ghost-bot").action("refund").build());
        robot.interact(model::refresh);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> table.getItems().size() >= 7);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getSelectionModel().getSelectedItems()).hasSize(3);
        long from = table.getSelectionModel().getSelectedItems().stream().mapToLong(LedgerEntry::seq).min()
                .orElseThrow();
        long to = table.getSelectionModel().getSelectedItems().stream().mapToLong(LedgerEntry::seq).max()
                .orElseThrow();

        robot.press(KeyCode.CONTROL, KeyCode.I).release(KeyCode.I, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("#incident-title").tryQuery()
                .map(javafx.scene.Node::isFocused).orElse(false));
        // the dialog is its own window: keys go to the window TestFX targets
        robot.targetWindow(robot.lookup("#incident-title").query().getScene().getWindow());
        robot.write("Refund loop on billing-bot");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> "Refund loop on billing-bot".equals(
                robot.lookup("#incident-title").queryTextInputControl().getText()));
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> workspace.incidents().list().size() == before + 1
                || robot.lookup(".dialog-pane").queryAll().stream().anyMatch(n -> n.lookup("#incident-title") == null));
        assertThat(robot.lookup(".dialog-pane").queryAll().stream().filter(n -> n.lookup("#incident-title") == null)
                .map(n -> ((javafx.scene.control.DialogPane) n).getContentText()).toList()).isEmpty();

        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> workspace.incidents().list().size() == before + 1);
        Incident i = workspace.incidents().list().get(0);
        assertThat(i.title()).isEqualTo("Refund loop on billing-bot");
        assertThat(i.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(i.pinned()).contains(new LedgerRange(from, to));
        assertThat(i.entries()).hasSize(3).allMatch(s -> s >= from && s <= to);
        assertThat(i.agents()).containsExactly("billing-bot"); // ghost-bot is not registered
        assertThat(workspace.incidents().refusal(from, from)).isPresent();
    }
}
