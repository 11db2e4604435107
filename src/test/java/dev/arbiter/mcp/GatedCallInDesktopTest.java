package dev.arbiter.mcp;

import static dev.arbiter.desktop.FxTestSupport.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.agent.AgentProfile;
import dev.arbiter.core.queue.QueueItem;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.FxTestSupport;
import dev.arbiter.desktop.queue.QueueScreen;
import dev.arbiter.desktop.shell.MainWindow;
import dev.arbiter.desktop.shell.Shell;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
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

/**
 * A gated MCP call, end to end across processes: the SDK client calls
 * {@code edit_file} through {@code arbiter mcp proxy} (its own process) in
 * front of the real filesystem server; the call waits in the desktop's
 * escalation queue (this process, same workspace), a reviewer approves it by
 * keyboard, and the edit runs.
 */
@ExtendWith(ApplicationExtension.class)
class GatedCallInDesktopTest {

    @TempDir
    static Path dir;
    DesktopContext context;
    MainWindow window;
    Stage stage;
    McpSyncClient client;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        context = FxTestSupport.context(dir.resolve("ws"));
        var ws = context.workspace();
        ws.policies().importFile(Path.of("resources/policies/files-agent.yaml"), "test", null, true);
        ws.agents().add(new AgentProfile("files-agent", "Files agent", "test", "", "", "", "", Set.of(), null,
                "files-agent", null), "test");
        window = Shell.build(context, () -> { });
        FxTestSupport.show(stage, window);
    }

    @AfterEach
    void close() {
        if (client != null) {
            client.closeGracefully();
        }
        window.shutdown();
        FxTestSupport.close(context);
    }

    @Test
    void aGatedEditWaitsForTheReviewerAndRunsOnceApprovedByKeyboard(FxRobot robot) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data")).toRealPath();
        Path file = data.resolve("plan.txt");
        Files.writeString(file, "ship on friday\n");
        List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
        client = ProxyClients.connect(ProxyClients.proxyCommand(dir.resolve("ws"), "files-agent",
                NpmMcpServers.command(NpmMcpServers.FILESYSTEM, data.toString())), progress::add);

        CompletableFuture<McpSchema.CallToolResult> call = CompletableFuture.supplyAsync(() -> client.callTool(
                McpSchema.CallToolRequest.builder().name("edit_file").progressToken("edit-1")
                        .arguments(Map.of("path", file.toString(), "edits",
                                List.of(Map.of("oldText", "friday", "newText", "monday")))).build()));

        robot.interact(() -> window.select(QueueScreen.TITLE));
        TableView<?> table = robot.lookup("#queue-table").queryTableView();
        org.testfx.util.WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> table.getItems().size() == 1
                && table.getSelectionModel().getSelectedItem() != null);
        QueueItem queued = context.workspace().queue().pending().get(0);
        assertThat(queued.action()).isEqualTo("edit:file");
        assertThat(queued.inputSummary()).contains("plan.txt");
        assertThat(Files.readString(file)).as("nothing runs before approval").isEqualTo("ship on friday\n");
        assertThat(call).isNotDone();

        robot.interact(table::requestFocus);
        robot.targetWindow(stage);
        robot.press(KeyCode.A).release(KeyCode.A);
        robot.targetWindow(robot.lookup("#review-note").query().getScene().getWindow());
        robot.write("Plan change agreed").type(KeyCode.ENTER);

        McpSchema.CallToolResult result = call.get(60, TimeUnit.SECONDS);
        assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
        assertThat(Files.readString(file)).isEqualTo("ship on monday\n");
        assertThat(progress).isNotEmpty();
        assertThat(progress.get(0).message()).contains("waiting for a reviewer");
        waitFor(() -> table.getItems().isEmpty());
    }
}
