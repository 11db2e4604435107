package dev.arbiter.desktop.policies;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.policy.PolicyProblem;
import dev.arbiter.core.policy.PolicySummary;
import dev.arbiter.core.policy.SamplePolicies;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.common.Background;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
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
class PoliciesScreenTest {

    @TempDir
    static Path dir;
    Workspace workspace;
    Background background;
    PoliciesScreen screen;

    @Start
    void start(Stage stage) {
        workspace = TestWorkspaces.open(dir.resolve("ws-" + System.nanoTime()));
        workspace.policies().save(SamplePolicies.GUIDE, "alice", "from the guide", true);
        background = new Background();
        screen = new PoliciesScreen(new DesktopContext(workspace, background));
        stage.setScene(new Scene((javafx.scene.Parent) screen.view(), 1280, 800));
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

    private static void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
    }

    private void openGuidePolicy(FxRobot robot) throws Exception {
        robot.clickOn("Policies");
        ListView<PolicySummary> list = robot.lookup("#policy-list").queryListView();
        waitUntil(() -> !list.getItems().isEmpty());
        robot.clickOn(robot.lookup("#policy-list .list-cell").nth(0).queryAs(javafx.scene.Node.class));
        TextArea editor = robot.lookup("#policy-editor").queryAs(TextArea.class);
        waitUntil(() -> SamplePolicies.GUIDE.equals(editor.getText()));
        waitUntil(() -> screen.policies().validProperty().get());
    }

    @Test
    void typingAnUnknownKeyShowsTheProblemWithLineAndColumn(FxRobot robot) throws Exception {
        openGuidePolicy(robot);

        robot.clickOn("#policy-editor");
        robot.press(KeyCode.CONTROL, KeyCode.END).release(KeyCode.END, KeyCode.CONTROL);
        robot.write("  sandbx: true");

        ListView<PolicyProblem> problems = robot.lookup("#policy-problems").queryListView();
        // under load the check may run on a half-typed line first: wait for the one of the whole line
        waitUntil(() -> problems.getItems().size() == 1 && problems.getItems().get(0).toString().startsWith("20:3:"));
        assertThat(problems.getItems()).extracting(PolicyProblem::toString)
                .containsExactly("20:3: unknown key \"sandbx\" in agent_policy; did you mean \"sandbox\"?");
        waitUntil(() -> robot.lookup("#policy-problems .list-cell").queryAllAs(javafx.scene.control.ListCell.class)
                .stream().anyMatch(c -> ("Line 20, column 3: unknown key \"sandbx\" in agent_policy; did you mean "
                        + "\"sandbox\"?").equals(c.getText())));
        // the summary follows the list on the FX thread; a re-check (a reload notice) may show "Checking…" first
        waitUntil(() -> "1 problem".equals(robot.lookup("#policy-check-summary").queryLabeled().getText()));
        assertThat(robot.lookup("#policy-save").queryAs(Button.class).isDisabled()).isTrue();
        assertThat(workspace.policies().versions("customer-support-agent")).hasSize(1);
    }

    @Test
    void anAgentAddedInTheFormIsRegisteredAndCanBeRetiredWithAReason(FxRobot robot) throws Exception {
        robot.clickOn("#agent-new");
        robot.clickOn("#agent-save");
        waitUntil(() -> screen.agents().fieldErrors().containsKey("owner"));
        assertThat(screen.agents().fieldErrors()).containsEntry("id",
                "enter the agent_id the agent sends, e.g. support-agent-v2");

        robot.clickOn("#agent-id").write("triage-agent");
        robot.clickOn("#agent-name").write("Triage agent");
        robot.clickOn("#agent-owner").write("Clinical Operations");
        robot.clickOn("#agent-save");
        waitUntil(() -> workspace.agents().find("triage-agent").isPresent());
        waitUntil(() -> robot.lookup("#agent-list").queryListView().getItems().size() == 1);

        robot.clickOn("#agent-retire");
        waitUntil(() -> robot.lookup(".dialog-pane .text-field").tryQuery().isPresent());
        robot.clickOn(".dialog-pane .text-field").write("pilot ended");
        robot.clickOn(robot.lookup(".dialog-pane .button").match(
                (javafx.scene.control.Button b) -> "Retire".equals(b.getText())).queryButton());
        waitUntil(() -> workspace.agents().find("triage-agent").orElseThrow().isRetired());
        assertThat(workspace.agents().find("triage-agent").orElseThrow().statusReason()).isEqualTo("pilot ended");
    }

    @Test
    void fixingTheKeyAndSavingCreatesADraftVersion(FxRobot robot) throws Exception {
        openGuidePolicy(robot);
        robot.clickOn("#policy-editor");
        robot.press(KeyCode.CONTROL, KeyCode.END).release(KeyCode.END, KeyCode.CONTROL);
        robot.write("  confidence_threshold: 0.8");
        waitUntil(() -> screen.policies().validProperty().get() && screen.policies().dirtyProperty().get());

        robot.clickOn("#policy-save");

        waitUntil(() -> workspace.policies().versions("customer-support-agent").size() == 2);
        waitUntil(() -> robot.lookup("#policy-message").queryLabeled().getText()
                .equals("Saved customer-support-agent v2 as a draft. Activate it to put it in force."));
        assertThat(workspace.policies().active("customer-support-agent").orElseThrow().version()).isEqualTo(1);
    }

    /** Issue 19: the QA tab runs the cases on every edit of the tests or the policy, with the reason of a failure. */
    @Test
    void theTestsRunOnEveryEditOfTheCasesAndOfThePolicy(FxRobot robot) throws Exception {
        openGuidePolicy(robot);
        robot.clickOn("Tests & shadow");
        TextArea tests = robot.lookup("#qa-tests").queryAs(TextArea.class);
        javafx.scene.control.Label summary = robot.lookup("#qa-summary").queryAs(javafx.scene.control.Label.class);
        waitUntil(() -> summary.getText().startsWith("No test cases yet"));
        robot.interact(() -> tests.setText("""
                policy_tests:
                  agent: support-agent-v2
                  cases:
                    - name: reads a customer profile
                      request: {action: read:customer_profile, target: crm-api.internal:443}
                      expect: {decision: allow}
                    - name: issues a refund
                      request: {action: issue:refund, target: crm-api.internal:443}
                      expect: {decision: allow}
                """));
        ListView<PolicyQaViewModel.CaseRow> cases = robot.lookup("#qa-cases").queryListView();
        // the summary and the rows are set in one FX pass; this thread may look in between
        waitUntil(() -> summary.getText().startsWith("1 of 2 cases pass") && cases.getItems().size() == 2);
        assertThat(cases.getItems().get(1).detail()).contains("NOT_ALLOWED");
        assertThat(robot.lookup("#qa-uncovered").queryListView().getItems()).isNotEmpty();

        // allow refunds in the editor: the cases run again against the edited text
        robot.clickOn("Policies");
        TextArea editor = robot.lookup("#policy-editor").queryAs(TextArea.class);
        robot.interact(() -> editor.setText(editor.getText().replace("    - create:support_ticket",
                "    - create:support_ticket\n    - issue:refund")));
        robot.clickOn("Tests & shadow");
        waitUntil(() -> summary.getText().startsWith("2 of 2 cases pass"));
        assertThat(robot.lookup("#qa-shadow").queryLabeled().getText()).contains("arbiter policy shadow start");
    }

    /**
     * Issue 19: activating a version that would allow what was denied shows the replay first and asks, with
     * Cancel as the default button; confirming activates it and the audit entry records what was shown.
     */
    @Test
    void activatingAVersionThatAllowsWhatWasDeniedAsksWithCancelAsDefault(FxRobot robot) throws Exception {
        dev.arbiter.core.demo.DemoAgents.ensure(workspace);
        String policy = "customer-support-agent";
        String agent = dev.arbiter.core.demo.DemoAgents.SUPPORT;
        workspace.decisions().decide(dev.arbiter.core.decision.DecisionRequest.of(agent, "issue:refund")
                .withTarget(dev.arbiter.core.demo.DemoAgents.TARGETS.get(agent))).join();
        String yaml = workspace.policies().active(policy).orElseThrow().yaml()
                .replace("    - create:support_ticket", "    - create:support_ticket\n    - issue:refund");
        int laxer = workspace.policies().save(yaml, "tester", "laxer", false).version().version();

        robot.clickOn("Policies");
        ListView<PolicySummary> list = robot.lookup("#policy-list").queryListView();
        waitUntil(() -> list.getItems().stream().anyMatch(p -> p.name().equals(policy)));
        robot.interact(() -> list.getSelectionModel().select(list.getItems().stream()
                .filter(p -> p.name().equals(policy)).findFirst().orElseThrow()));
        javafx.scene.control.TableView<dev.arbiter.core.policy.PolicyVersion> versions =
                robot.lookup("#policy-versions").queryTableView();
        waitUntil(() -> versions.getItems().stream().anyMatch(v -> v.version() == laxer));
        robot.interact(() -> versions.getSelectionModel().select(versions.getItems().stream()
                .filter(v -> v.version() == laxer).findFirst().orElseThrow()));
        robot.clickOn("Activate…");

        waitUntil(() -> robot.lookup("#report-text").tryQuery().isPresent());
        javafx.scene.control.DialogPane pane = robot.lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class);
        assertThat(pane.getHeaderText()).startsWith("WARNING: " + policy + " v" + laxer + " would allow 1 request");
        assertThat(robot.lookup("#report-text").queryAs(TextArea.class).getText())
                .contains("WARNING: would allow what was denied").contains("issue:refund");
        Button cancel = (Button) pane.lookupButton(javafx.scene.control.ButtonType.CANCEL);
        assertThat(cancel.isDefaultButton()).isTrue();
        Button anyway = robot.lookup(".dialog-pane .button").match((Button b) -> "Activate anyway".equals(b.getText()))
                .queryButton();
        assertThat(anyway.isDefaultButton()).isFalse();

        robot.clickOn(anyway);
        waitUntil(() -> workspace.policies().active(policy).orElseThrow().version() == laxer);
        var activation = workspace.auditReader().newest(new dev.arbiter.core.audit.AuditQuery(null, null,
                null, "policy.activated", null), 1);
        assertThat(activation).singleElement().satisfies(e -> assertThat(e.entry().detail())
                .contains("\"would_allow_denied\":1").contains("\"replayed\":1"));
    }

    /** Alt+R on the Tests & shadow tab opens the full shadow report, with a WARNING per would-be allow. */
    @Test
    void altROpensTheFullShadowReportWithTheWarnings(FxRobot robot) throws Exception {
        dev.arbiter.core.demo.DemoAgents.ensure(workspace);
        String policy = "customer-support-agent";
        String agent = dev.arbiter.core.demo.DemoAgents.SUPPORT;
        String yaml = workspace.policies().active(policy).orElseThrow().yaml()
                .replace("    - create:support_ticket", "    - create:support_ticket\n    - issue:refund");
        int laxer = workspace.policies().save(yaml, "tester", "laxer", false).version().version();
        workspace.shadows().start(agent, policy, laxer, "tester");
        workspace.decisions().decide(dev.arbiter.core.decision.DecisionRequest.of(agent, "issue:refund")
                .withTarget(dev.arbiter.core.demo.DemoAgents.TARGETS.get(agent))).join();
        robot.interact(() -> screen.policies().refresh());

        robot.clickOn("Tests & shadow");
        Button full = robot.lookup("#qa-shadow-full").queryButton();
        waitUntil(() -> !full.isDisabled());
        robot.press(KeyCode.ALT, KeyCode.R).release(KeyCode.R, KeyCode.ALT);

        waitUntil(() -> robot.lookup("#report-text").tryQuery().isPresent());
        String text = robot.lookup("#report-text").queryAs(TextArea.class).getText();
        assertThat(text).contains("Shadow " + policy + " v" + laxer).contains("1 would change")
                .contains("WARNING: would allow what was denied").contains("issue:refund");
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        waitUntil(() -> robot.lookup("#report-text").tryQuery().isEmpty());
    }
}
