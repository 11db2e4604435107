package dev.arbiter.desktop.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.AgentProfile;
import dev.arbiter.core.compliance.Coverage;
import dev.arbiter.core.compliance.CoverageMatrix;
import dev.arbiter.core.compliance.RequirementCoverage;
import dev.arbiter.core.policy.DailyBudget;
import dev.arbiter.core.policy.DataClass;
import dev.arbiter.core.policy.SamplePolicies;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.common.Background;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class ComplianceScreenTest {

    @TempDir
    static Path dir;
    Workspace workspace;
    Background background;

    @Start
    void start(Stage stage) {
        workspace = TestWorkspaces.open(dir.resolve("ws-" + System.nanoTime()));
        workspace.policies().save(SamplePolicies.GUIDE, "alice", null, true);
        workspace.agents().add(new AgentProfile("triage-agent", "Triage", "Clinical Ops", "", "Anthropic",
                "claude-sonnet-4-5-20250929", "", Set.of(DataClass.PHI), DailyBudget.NONE, "customer-support-agent",
                null), "alice");
        background = new Background();
        ComplianceScreen screen = new ComplianceScreen(new DesktopContext(workspace, background));
        stage.setScene(new Scene((Parent) screen.view(), 1280, 800));
        stage.show();
        screen.shown();
    }

    /** Workspace first (no more change events), then let queued UI work run out, then the runner. */
    @AfterEach
    void close() {
        workspace.close();
        WaitForAsyncUtils.waitForFxEvents();
        background.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void recordingTheMissingControlTurnsTheGapIntoMet(FxRobot robot) throws Exception {
        TableView<CoverageMatrix.Row> matrix = robot.lookup("#coverage-matrix").queryTableView();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !matrix.getItems().isEmpty());
        TableColumn<CoverageMatrix.Row, ?> hipaa = matrix.getColumns().stream()
                .filter(c -> "HIPAA".equals(c.getUserData())).findFirst().orElseThrow();
        assertThat(matrix.getItems().get(0).cell("HIPAA").describe()).isEqualTo("gap (1 of 4)");

        robot.interact(() -> matrix.getSelectionModel().select(0, hipaa));
        ListView<RequirementCoverage> requirements = robot.lookup("#cell-requirements").queryListView();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !requirements.getItems().isEmpty());
        assertThat(requirements.getItems().get(0).coverage()).isEqualTo(Coverage.GAP);
        assertThat(requirements.getItems().get(0).requirement().id()).isEqualTo("HIPAA-BAA");

        robot.clickOn(robot.lookup("#cell-requirements .list-cell").nth(0).queryAs(javafx.scene.Node.class));
        robot.clickOn("#control-text").write("BAA signed with Anthropic");
        robot.clickOn("#record-control");

        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> "met (4)".equals(matrix.getItems().get(0).cell("HIPAA").describe()));
        assertThat(workspace.compliance().cell("triage-agent", "HIPAA").coverage()).isEqualTo(Coverage.MET);
    }
}
