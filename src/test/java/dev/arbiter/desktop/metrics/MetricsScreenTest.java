package dev.arbiter.desktop.metrics;

import static dev.arbiter.desktop.FxTestSupport.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditDetail;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.metrics.ReviewerStats;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.FxTestSupport;
import dev.arbiter.desktop.common.Screen;
import dev.arbiter.desktop.shell.Shell;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
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

/**
 * The Metrics screen in the real window, by keyboard: reached through the navigation, the month's figures
 * and a rubber-stamping reviewer, a decision arriving while it is on show (from this process and from another
 * process), and the month before (Alt+P)
 * with its empty state.
 */
@ExtendWith(ApplicationExtension.class)
class MetricsScreenTest {

    @TempDir
    static Path dir;
    static DesktopContext context;

    @BeforeAll
    static void seed() {
        context = FxTestSupport.context(dir.resolve("ws"));
        Workspace ws = context.workspace();
        DemoAgents.ensure(ws);
        for (int i = 0; i < 12; i++) {
            String trace = ws.decisions().decide(DecisionRequest.of(DemoAgents.REFUNDS, "issue:refund")
                    .withTarget(DemoAgents.TARGETS.get(DemoAgents.REFUNDS)).withAmount(2500.0)
                    .withConfidence(0.9)).join().traceId();
            ws.queue().approve(trace, "dana", "ok");
        }
    }

    @Start
    void start(Stage stage) {
        FxTestSupport.show(stage, Shell.build(context, () -> { }));
    }

    @AfterAll
    static void close() {
        FxTestSupport.close(context);
    }

    @Test
    void opensByKeyboardShowsTheFiguresFollowsTheLedgerAndWalksBackAMonth(FxRobot robot) throws Exception {
        ListView<Screen> navigation = robot.lookup("#navigation").queryListView();
        // Ctrl+0 opens Settings, always last, with the keyboard in the navigation; Metrics is above it
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT0).release(KeyCode.DIGIT0, KeyCode.CONTROL);
        int place = navigation.getItems().stream().map(Screen::title).toList().indexOf(MetricsScreen.TITLE);
        assertThat(place).isPositive();
        for (int i = navigation.getItems().size() - 1; i > place; i--) {
            robot.type(KeyCode.UP);
        }
        waitFor(() -> navigation.getSelectionModel().getSelectedItem().title().equals(MetricsScreen.TITLE));

        Label escalations = robot.lookup("#metric-escalations").queryAs(Label.class);
        waitFor(() -> escalations.getText().equals("12 : 0"));
        assertThat(robot.lookup("#metric-incidents").queryAs(Label.class).getText()).isEqualTo("0");
        TableView<ReviewerStats> reviewers = robot.lookup("#metrics-reviewers").queryTableView();
        assertThat(reviewers.getItems()).singleElement().satisfies(r -> assertThat(r.reviewer()).isEqualTo("dana"));
        Node stampedRow = robot.lookup("#metrics-reviewers .table-row-cell:rubber-stamp").query();
        assertThat(stampedRow).isNotNull();
        Label warning = robot.lookup("#rubber-stamp-warning").queryAs(Label.class);
        assertThat(warning.isVisible()).isTrue();
        assertThat(warning.getText()).contains("dana", "within 5 s");

        // a decision while the screen is on show: the figures follow without a key pressed
        context.workspace().ledger().append(AuditEntry.of("decision").timestamp(Instant.now()).agentId("ops-bot")
                .action("read:tickets").decision("allow").tier("autonomous").reasonCode("ALLOWED_BY_POLICY")
                .actor("gateway").detail(AuditDetail.of("reason", "test")).build());
        waitFor(() -> escalations.getText().equals("12 : 1"));
        TableView<?> agents = robot.lookup("#metrics-agents").queryTableView();
        assertThat(agents.getItems()).hasSize(2);

        // a decision made by another process (its own JVM) on the same workspace reaches the screen too
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OtherProcessDecision.class.getName(),
                dir.resolve("ws").toString()).redirectErrorStream(true).start();
        String output = new String(other.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(other.waitFor()).as(output).isZero();
        waitFor(() -> escalations.getText().equals("13 : 1"));

        robot.press(KeyCode.ALT, KeyCode.P).release(KeyCode.P, KeyCode.ALT);
        YearMonth before = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
        Label empty = robot.lookup("#metrics-empty").queryAs(Label.class);
        waitFor(() -> empty.isVisible() && empty.getText().startsWith("No decisions in "
                + MetricsText.month(before)));
        assertThat(robot.lookup("#metrics-month").queryComboBox().getValue()).isEqualTo(before);
    }
}
