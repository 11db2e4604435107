package dev.arbiter.desktop.policies;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.policy.AgentPolicy;
import dev.arbiter.core.policy.PolicyYaml;
import dev.arbiter.core.store.DataDirectory;
import dev.arbiter.desktop.common.CurrentThreadTaskRunner;
import dev.arbiter.desktop.common.TaskRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The policy QA panel's ViewModel with plain JUnit: real policies, the real runner of test cases. */
class PolicyQaViewModelTest {

    private static final String TESTS = """
            policy_tests:
              agent: support-agent-v2
              cases:
                - name: reads a customer profile
                  request: {action: read:customer_profile, target: crm-api.internal:443}
                  expect: {decision: allow, reason_code: ALLOWED}
                - name: issues a refund
                  request: {action: issue:refund, target: crm-api.internal:443}
                  expect: {decision: allow}
            """;

    @TempDir
    Path dir;

    private static String supportPolicy() throws Exception {
        return Files.readString(Path.of("resources/policies/customer-support-agent.yaml"));
    }

    @Test
    void casesRunAgainstThePolicyInTheEditorWithTheReasonOfEachFailureAndTheCoverageGaps() throws Exception {
        String text = supportPolicy();
        SimpleObjectProperty<AgentPolicy> policy = new SimpleObjectProperty<>(PolicyYaml.parse(text));
        SimpleStringProperty source = new SimpleStringProperty(text);
        PolicyQaViewModel vm = new PolicyQaViewModel(policy, source, new CurrentThreadTaskRunner(), null);

        vm.run();
        assertThat(vm.summaryProperty().get()).startsWith("No test cases yet");
        assertThat(vm.failingProperty().get()).isFalse();

        vm.testsProperty().set(TESTS);
        vm.run();
        assertThat(vm.summaryProperty().get()).startsWith("1 of 2 cases pass").contains("untested");
        assertThat(vm.failingProperty().get()).isTrue();
        assertThat(vm.cases()).extracting(PolicyQaViewModel.CaseRow::passed).containsExactly(true, false);
        assertThat(vm.cases().get(1).detail()).contains("deny").contains("NOT_ALLOWED");
        assertThat(vm.uncovered()).anyMatch(u -> u.contains("send:email_template"));

        // the author allows refunds in the editor: the same cases pass
        String laxer = text.replace("    - create:support_ticket", "    - create:support_ticket\n    - issue:refund");
        source.set(laxer);
        policy.set(PolicyYaml.parse(laxer));
        vm.run();
        assertThat(vm.summaryProperty().get()).startsWith("2 of 2 cases pass");
        assertThat(vm.failingProperty().get()).isFalse();

        policy.set(null); // the editor's text has problems
        vm.run();
        assertThat(vm.summaryProperty().get()).startsWith("Fix the policy's problems first");
        assertThat(vm.cases()).isEmpty();
    }

    @Test
    void unreadableTestsNameTheLineAndARunAnEditOvertookIsDropped() throws Exception {
        String text = supportPolicy();
        SimpleObjectProperty<AgentPolicy> policy = new SimpleObjectProperty<>(PolicyYaml.parse(text));
        HeldRunner held = new HeldRunner();
        PolicyQaViewModel vm = new PolicyQaViewModel(policy, new SimpleStringProperty(text), held, null);

        vm.testsProperty().set(TESTS.replace("expect: {decision: allow}", "expect: {decision: maybe}"));
        vm.run();
        assertThat(vm.runningProperty().get()).isTrue();
        vm.testsProperty().set(TESTS);
        vm.run();
        held.finish(1); // the newer run ends first
        assertThat(vm.summaryProperty().get()).startsWith("1 of 2 cases pass");
        held.finish(0); // the overtaken run's answer must not replace it
        assertThat(vm.summaryProperty().get()).startsWith("1 of 2 cases pass");
        assertThat(vm.runningProperty().get()).isFalse();

        vm.run();
        held.finish(2);
        vm.testsProperty().set(TESTS.replace("expect: {decision: allow}", "expect: {decision: maybe}"));
        vm.run();
        held.finish(3);
        assertThat(vm.summaryProperty().get()).contains("problem").contains("in the tests");
        assertThat(vm.cases()).singleElement().satisfies(row -> {
            assertThat(row.name()).matches("line \\d+:\\d+");
            assertThat(row.detail()).contains("maybe");
        });
    }

    @Test
    void theShadowReportSaysWhatToDoWhenThereIsNone() {
        try (Workspace ws = Workspace.open(new DataDirectory(dir))) {
            PolicyQaViewModel vm = new PolicyQaViewModel(new SimpleObjectProperty<>(), new SimpleStringProperty(""),
                    new CurrentThreadTaskRunner(), ws.auditReader());
            vm.refreshShadow();
            assertThat(vm.shadowProperty().get()).contains("arbiter policy shadow start");
        }
    }

    /** Holds each run until the test finishes it, in any order. */
    private static final class HeldRunner implements TaskRunner {
        private final List<Runnable> held = new ArrayList<>();

        @Override
        public <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
            held.add(() -> {
                T result;
                try {
                    result = work.call();
                } catch (Exception e) {
                    onFailure.accept(e);
                    return;
                }
                onSuccess.accept(result);
            });
        }

        void finish(int index) {
            held.get(index).run();
        }
    }
}
