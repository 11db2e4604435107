package dev.arbiter.desktop.policies;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.policy.PolicySummary;
import dev.arbiter.core.policy.PolicyVersion;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.common.CurrentThreadTaskRunner;
import dev.arbiter.desktop.common.TestUiThread;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Policies screen's ViewModel (editor, versions, test bench) on a real workspace, no toolkit. */
class PoliciesViewModelTest {

    static final String POLICY = """
            agent_policy:
              name: "refunds"
              allowed_actions:
                - read:order
                - issue:refund
              denied_actions:
                - delete:*
            """;

    @TempDir
    Path dir;
    Workspace ws;
    TestUiThread ui;
    PoliciesViewModel model;

    @BeforeEach
    void open() {
        ws = TestWorkspaces.open(dir);
        ui = new TestUiThread();
        model = new PoliciesViewModel(new DesktopContext(ws, new CurrentThreadTaskRunner(), ui));
        model.refresh();
    }

    @AfterEach
    void close() {
        ws.close();
    }

    /** Types {@code yaml} and lets the editor rest until its check ran. */
    private void type(String yaml) {
        model.textProperty().set(yaml);
        assertThat(model.checkSummaryProperty().get()).isEqualTo("Checking…");
        ui.advance(PoliciesViewModel.VALIDATION_DELAY);
    }

    @Test
    void anEmptyWorkspaceSaysSoAndANewPolicyStartsFromACheckedTemplate() {
        assertThat(model.emptyProperty().get()).isTrue();
        assertThat(model.policies()).isEmpty();
        assertThat(model.openPolicyProperty().get()).isNull();

        model.newPolicy();
        assertThat(model.messageProperty().get()).isEqualTo("New policy: rename it, list its actions, then save.");
        ui.advance(PoliciesViewModel.VALIDATION_DELAY);
        assertThat(model.checkSummaryProperty().get()).isEqualTo("Valid policy");
        assertThat(model.problems()).isEmpty();
        assertThat(model.checkedPolicyProperty().get()).isNotNull();
    }

    /** The check waits until typing rests, names line and column, and only the last text's result counts. */
    @Test
    void problemsAreListedWithTheirLineOnceTypingRests() {
        model.textProperty().set("agent_policy:\n  name: \"x\"\n  allowed_actions: [");
        ui.advance(PoliciesViewModel.VALIDATION_DELAY.dividedBy(2));
        type("agent_policy:\n  name: \"x\"\n  rate_limits:\n    actions_per_minute: lots\n");
        assertThat(model.validProperty().get()).isFalse();
        assertThat(model.checkSummaryProperty().get()).matches("1 problem|\\d+ problems");
        assertThat(model.problems()).anySatisfy(p -> assertThat(p.line()).isEqualTo(4));

        model.save(); // refused with the problems under the editor, nothing stored
        assertThat(model.messageIsErrorProperty().get()).isTrue();
        assertThat(model.messageProperty().get()).startsWith("Not saved: the policy has");
        assertThat(ws.policies().list()).isEmpty();
    }

    @Test
    void savingMakesVersionsAndRevertUndoesUnsavedEdits() {
        type(POLICY);
        model.save();
        assertThat(model.messageProperty().get()).isEqualTo("Saved refunds v1; it is active.");
        assertThat(model.dirtyProperty().get()).isFalse();
        assertThat(model.emptyProperty().get()).isFalse();
        assertThat(model.policies()).extracting(PolicySummary::name).containsExactly("refunds");

        type(POLICY.replace("- read:order", "- read:order\n    - read:customer"));
        assertThat(model.dirtyProperty().get()).isTrue();
        model.revert();
        assertThat(model.textProperty().get()).isEqualTo(POLICY);
        assertThat(model.dirtyProperty().get()).isFalse();

        type(POLICY.replace("- read:order", "- read:order\n    - read:customer"));
        model.noteProperty().set("customers too");
        model.save();
        assertThat(model.messageProperty().get())
                .isEqualTo("Saved refunds v2 as a draft. Activate it to put it in force.");
        assertThat(model.versions()).extracting(PolicyVersion::version).containsExactly(2, 1);
        assertThat(model.activeVersionProperty().get()).isEqualTo(1);

        model.activate(model.versions().get(0));
        assertThat(model.messageProperty().get()).isEqualTo("refunds v2 is now active.");
        assertThat(model.activeVersionProperty().get()).isEqualTo(2);
        model.activate(model.versions().get(1)); // the rollback
        assertThat(model.activeVersionProperty().get()).isEqualTo(1);
    }

    @Test
    void aVersionSavedByAnotherProcessShowsInTheListAndTheHistory() {
        type(POLICY);
        model.save();
        try (Workspace other = TestWorkspaces.open(dir)) {
            other.policies().save(POLICY.replace("- delete:*", "- delete:*\n    - drop:*"), "bob", "cli", false);
        }
        ui.runUntil(() -> model.versions().size() == 2);
        assertThat(model.policies()).singleElement().satisfies(p -> assertThat(p.latestVersion()).isEqualTo(2));
    }

    @Test
    void theTestBenchRunsThePolicyInTheEditorAndNamesWrongInput() {
        TestBenchViewModel bench = model.bench();
        type("agent_policy:\n  name: [");
        bench.evaluate();
        assertThat(bench.errorProperty().get())
                .isEqualTo("Fix the policy's problems first: the test bench runs the policy in the editor.");

        type(POLICY);
        bench.actionProperty().set("delete:customer");
        bench.evaluate();
        assertThat(bench.errorProperty().get()).isEmpty();
        assertThat(bench.resultProperty().get().allowed()).isFalse();

        bench.amountProperty().set("a lot");
        bench.evaluate();
        assertThat(bench.resultProperty().get()).isNull();
        assertThat(bench.errorProperty().get()).isEqualTo("Amount must be a number of US dollars, e.g. 80 or 1450.");

        bench.amountProperty().set("");
        bench.actionProperty().set("read:order");
        bench.evaluate();
        assertThat(bench.resultProperty().get().allowed()).isTrue();
        // an edit of the policy re-runs the last request against it
        type(POLICY.replace("- read:order\n", ""));
        assertThat(bench.resultProperty().get().allowed()).isFalse();
    }
}
