package dev.arbiter.desktop.queue;

import static dev.arbiter.desktop.FxTestSupport.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.FxTestSupport;
import dev.arbiter.desktop.shell.MainWindow;
import dev.arbiter.desktop.shell.Shell;
import dev.arbiter.gateway.GatewayConfig;
import dev.arbiter.gateway.GatewayServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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

/**
 * The queue screen against the real gateway: an agent asks over HTTP, waits in
 * a long poll, and a reviewer at the keyboard decides; the poll answers.
 */
@ExtendWith(ApplicationExtension.class)
class QueueScreenTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String GATED_REFUND = """
            {"agent_id": "refunds-agent", "session_id": "sess_q1", "action": "issue:refund",
             "input_summary": "Refund $1,450 for a cancelled annual plan",
             "reasoning": "Cancelled on day 12 of a 30-day window (confidence: 0.91).", "confidence": 0.91,
             "tools_used": ["order_lookup"], "target": "payments-api.internal:443",
             "context": {"amount_usd": 1450, "data_classes": ["Financial"]}}""";

    @TempDir
    static Path dir;
    DesktopContext context;
    GatewayServer gateway;
    MainWindow window;
    Stage stage;
    String refunds;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Start
    void start(Stage stage) {
        this.stage = stage;
        context = FxTestSupport.context(dir.resolve("ws-" + System.nanoTime()));
        DemoAgents.ensure(context.workspace());
        refunds = context.workspace().tokens().issue(DemoAgents.REFUNDS, Duration.ofHours(1), "test").token();
        gateway = new GatewayServer(context.workspace(), new GatewayConfig("127.0.0.1", 0));
        gateway.start();
        window = Shell.build(context, () -> { });
        FxTestSupport.show(stage, window);
    }

    @AfterEach
    void close() {
        gateway.stop();
        window.shutdown();
        FxTestSupport.close(context);
    }

    // ---- the agent's side, over HTTP ----

    JsonNode ask(String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/v1/actions"))
                .header("Authorization", "Bearer " + refunds).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    String askGated() throws Exception {
        JsonNode answer = ask(GATED_REFUND);
        assertThat(answer.path("decision").asText()).isEqualTo("pending");
        return answer.path("trace_id").asText();
    }

    String askSupervised(int amount) throws Exception {
        JsonNode answer = ask("{\"agent_id\": \"refunds-agent\", \"action\": \"issue:refund\", \"confidence\": 0.95,"
                + " \"target\": \"payments-api.internal:443\", \"context\": {\"amount_usd\": " + amount + ", \"data_classes\": [\"Financial\"]}}");
        assertThat(answer.path("reason_code").asText()).isEqualTo("SUPERVISED_ALLOWED");
        return answer.path("trace_id").asText();
    }

    /** The agent's long poll, as an agent would wait for a reviewer. */
    CompletableFuture<JsonNode> poll(String traceId) {
        return http.sendAsync(HttpRequest.newBuilder(uri("/v1/actions/" + traceId + "?wait=30"))
                                .header("Authorization", "Bearer " + refunds).timeout(Duration.ofSeconds(40)).GET().build(),
                        HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> {
                    try {
                        return JSON.readTree(r.body());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + gateway.port() + path);
    }

    // ---- the reviewer's side ----

    TableView<QueueRow> table(FxRobot robot) {
        return robot.lookup("#queue-table").queryTableView();
    }

    /** Opens the queue (when it is not on show), waits for {@code rows} rows, and puts the keyboard in the table. */
    void awaitRows(FxRobot robot, int rows) throws Exception {
        robot.interact(() -> window.select(QueueScreen.TITLE));
        TableView<QueueRow> table = table(robot);
        waitFor(() -> table.getItems().size() == rows && table.getSelectionModel().getSelectedItem() != null);
        robot.interact(table::requestFocus);
        robot.targetWindow(stage);
    }

    void key(FxRobot robot, KeyCode... keys) {
        robot.targetWindow(stage);
        robot.press(keys).release(keys);
    }

    /** Keys go to the dialog's window (the robot otherwise targets the main stage), then Enter confirms. */
    void answerDialog(FxRobot robot, String fieldId, String text) {
        robot.targetWindow(robot.lookup(fieldId).query().getScene().getWindow());
        robot.write(text).type(KeyCode.ENTER);
    }

    AuditEntry lastEntry(String event) {
        return context.workspace().auditReader().newest(new AuditQuery(null, null, null, event, null), 1).get(0)
                .entry();
    }

    @Test
    void approvingByKeyboardReleasesTheWaitingAgent(FxRobot robot) throws Exception {
        String traceId = askGated();
        CompletableFuture<JsonNode> polled = poll(traceId);
        awaitRows(robot, 1);
        Label pending = robot.lookup("#status-pending").queryAs(Label.class);
        assertThat(pending.getText()).startsWith("1 pending: 1 waiting for approval");
        waitFor(() -> robot.lookup("#briefing-action").tryQueryAs(Label.class)
                .map(l -> l.getText().equals("issue:refund")).orElse(false));
        assertThat(robot.lookup("#irreversible-note").queryAs(Label.class).isVisible()).isTrue();

        key(robot, KeyCode.A);
        answerDialog(robot, "#review-note", "Cancellation confirmed in the CRM");

        JsonNode answer = polled.get(60, TimeUnit.SECONDS);
        assertThat(answer.path("decision").asText()).isEqualTo("allow");
        assertThat(answer.path("reason_code").asText()).isEqualTo("REVIEWER_APPROVED");
        assertThat(answer.path("reviewer").asText()).isEqualTo(context.actor());
        AuditEntry review = lastEntry("review.approved");
        assertThat(review.traceId()).isEqualTo(traceId);
        assertThat(review.actor()).isEqualTo(context.actor());
        assertThat(review.detail()).contains("Cancellation confirmed in the CRM").contains("time_to_decide_ms");
        waitFor(() -> table(robot).getItems().isEmpty());
        assertThat(pending.getText()).isEqualTo("No pending escalations");
        javafx.scene.control.ListView<dev.arbiter.core.queue.QueueItem> recent =
                robot.lookup("#recently-decided").queryListView();
        assertThat(QueueCells.decided(recent.getItems().get(0))).contains("approved issue:refund of refunds-agent — "
                + context.actor() + " after").endsWith("\u201cCancellation confirmed in the CRM\u201d");
    }

    @Test
    void denyingNeedsANoteAndTellsTheAgentNo(FxRobot robot) throws Exception {
        String traceId = askGated();
        CompletableFuture<JsonNode> polled = poll(traceId);
        awaitRows(robot, 1);

        key(robot, KeyCode.D);
        assertThat(robot.lookup("#review-confirm").queryButton().isDisabled()).isTrue();
        answerDialog(robot, "#review-note", "Refund already issued by phone");

        JsonNode answer = polled.get(60, TimeUnit.SECONDS);
        assertThat(answer.path("decision").asText()).isEqualTo("deny");
        assertThat(answer.path("reason_code").asText()).isEqualTo("REVIEWER_DENIED");
        assertThat(answer.path("review_note").asText()).isEqualTo("Refund already issued by phone");
        assertThat(lastEntry("review.denied").detail()).contains("Refund already issued by phone");
    }

    @Test
    void theKillSwitchSaysWhatItWillDenyAndReleasesThePolls(FxRobot robot) throws Exception {
        String first = askGated();
        String second = askGated();
        CompletableFuture<JsonNode> polledFirst = poll(first);
        CompletableFuture<JsonNode> polledSecond = poll(second);
        awaitRows(robot, 2);

        key(robot, KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.K);
        assertThat(robot.lookup("#reason-consequence").queryAs(Label.class).getText())
                .startsWith("2 pending actions of 1 agent will be denied at once");
        answerDialog(robot, "#reason-field", "Refund agent looping");

        for (JsonNode answer : new JsonNode[] {polledFirst.get(60, TimeUnit.SECONDS),
                polledSecond.get(60, TimeUnit.SECONDS)}) {
            assertThat(answer.path("decision").asText()).isEqualTo("deny");
            assertThat(answer.path("reason_code").asText()).isEqualTo("KILL_SWITCH");
        }
        waitFor(() -> table(robot).getItems().isEmpty());
    }

    @Test
    void theAgentsOwnKillSwitchFromTheQueueStopsOnlyThatAgent(FxRobot robot) throws Exception {
        String traceId = askGated();
        CompletableFuture<JsonNode> polled = poll(traceId);
        awaitRows(robot, 1);
        waitFor(() -> !robot.lookup("#queue-kill-agent").queryButton().isDisabled());

        robot.clickOn("#queue-kill-agent");
        assertThat(robot.lookup("#reason-consequence").queryAs(Label.class).getText())
                .startsWith("1 pending action of refunds-agent will be denied at once");
        answerDialog(robot, "#reason-field", "Refunds look wrong today");

        assertThat(polled.get(60, TimeUnit.SECONDS).path("reason_code").asText()).isEqualTo("KILL_SWITCH");
        assertThat(context.workspace().killSwitch().isEngagedFor(DemoAgents.REFUNDS)).isTrue();
        assertThat(context.workspace().killSwitch().isEngagedFor(DemoAgents.SUPPORT)).isFalse();
    }

    @Test
    void supervisedActionsAreConfirmedTogetherButGatedOnesOneAtATime(FxRobot robot) throws Exception {
        askSupervised(80);
        askSupervised(95);
        awaitRows(robot, 2);

        key(robot, KeyCode.CONTROL, KeyCode.A);
        key(robot, KeyCode.A);
        answerDialog(robot, "#review-note", "");

        waitFor(() -> table(robot).getItems().isEmpty());
        assertThat(context.workspace().auditReader().count(
                new AuditQuery(null, null, DemoAgents.REFUNDS, "review.approved", null))).isEqualTo(2);

        askGated();
        askSupervised(60);
        awaitRows(robot, 2);
        key(robot, KeyCode.CONTROL, KeyCode.A);
        key(robot, KeyCode.A);

        assertThat(robot.lookup("#queue-message").queryAs(Label.class).getText())
                .startsWith("Gated actions are decided one at a time");
        assertThat(robot.lookup("#review-note").tryQuery()).isEmpty();
        assertThat(context.workspace().queue().pending()).hasSize(2);
    }

    @Test
    void theKeyboardLandsInTheTableWhenTheQueueIsOpened(FxRobot robot) throws Exception {
        askGated();
        int place = robot.lookup("#navigation").<dev.arbiter.desktop.common.Screen>queryListView().getItems()
                .stream().map(dev.arbiter.desktop.common.Screen::title).toList().indexOf(QueueScreen.TITLE) + 1;
        KeyCode digit = KeyCode.getKeyCode(Integer.toString(place));
        key(robot, KeyCode.CONTROL, digit); // the first visit: the view is built now
        TableView<QueueRow> table = table(robot);
        waitFor(() -> table.getItems().size() == 1);
        waitFor(table::isFocused);
        assertThat(table.getSelectionModel().getSelectedIndex()).isZero();

        key(robot, KeyCode.A); // straight to the decision
        assertThat(robot.lookup("#review-confirm").tryQuery()).isPresent();
        robot.targetWindow(robot.lookup("#review-note").query().getScene().getWindow());
        robot.type(KeyCode.ESCAPE);
    }

    @Test
    void filtersByTierAndAgentAndKeepsTheChoiceShown(FxRobot robot) throws Exception {
        askGated();
        askSupervised(70);
        context.workspace().decisions().decide(dev.arbiter.core.decision.DecisionRequest.of(DemoAgents.CLEANUP,
                "delete:stale_sessions").withTarget(DemoAgents.TARGETS.get(DemoAgents.CLEANUP))).join();
        awaitRows(robot, 3);
        javafx.scene.control.ComboBox<String> agent = robot.lookup("#queue-agent-filter").queryComboBox();
        assertThat(agent.getValue()).isEqualTo(QueueViewModel.ALL_AGENTS);
        assertThat(agent.getItems()).containsExactly(QueueViewModel.ALL_AGENTS, DemoAgents.CLEANUP,
                DemoAgents.REFUNDS);

        robot.interact(() -> robot.lookup("#queue-tier-filter").<TierChoice>queryComboBox().setValue(TierChoice.GATED));
        waitFor(() -> table(robot).getItems().size() == 2);
        assertThat(table(robot).getItems()).allMatch(r -> r.item().isGated());

        robot.interact(() -> robot.lookup("#queue-tier-filter").<TierChoice>queryComboBox().setValue(TierChoice.ALL));
        robot.interact(() -> agent.setValue(DemoAgents.REFUNDS));
        waitFor(() -> table(robot).getItems().size() == 2);
        assertThat(table(robot).getItems()).allMatch(r -> r.item().agentId().equals(DemoAgents.REFUNDS));
        assertThat(robot.lookup("#status-pending").queryAs(Label.class).getText()).startsWith("3 pending");
    }

    @Test
    void aGatedArrivalRaisesANotificationOnlyWhileTheWindowIsNotFocused(FxRobot robot) throws Exception {
        java.util.List<dev.arbiter.core.queue.QueueItem> arrived = new java.util.concurrent.CopyOnWriteArrayList<>();
        robot.interact(() -> ((QueueScreen) robot.lookup("#navigation").<dev.arbiter.desktop.common.Screen>queryListView()
                .getItems().stream().filter(x -> x instanceof QueueScreen).findFirst().orElseThrow()).model()
                .onGatedArrived(arrived::addAll));
        askSupervised(50);
        String traceId = askGated();
        waitFor(() -> arrived.size() == 1);
        assertThat(arrived.get(0).traceId()).isEqualTo(traceId); // gated ones only

        QueueNotifier watched = new QueueNotifier(window, () -> { }, w -> true);
        QueueNotifier away = new QueueNotifier(window, () -> { }, w -> false);
        robot.interact(() -> {
            watched.accept(arrived);
            away.accept(arrived);
        });

        assertThat(watched.shown()).isZero();
        assertThat(away.shown()).isEqualTo(1);
        waitFor(() -> robot.lookup(".notification-bar").tryQuery().isPresent());
        assertThat(robot.lookup(".notification-bar .title").queryAs(Label.class).getText())
                .isEqualTo("Approval needed");
    }
}
