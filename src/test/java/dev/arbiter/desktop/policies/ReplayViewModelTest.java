package dev.arbiter.desktop.policies;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.decision.TestClock;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.policyqa.ChangeKind;
import dev.arbiter.core.policyqa.Replay;
import dev.arbiter.core.store.DataDirectory;
import dev.arbiter.desktop.common.CurrentThreadTaskRunner;
import dev.arbiter.desktop.common.TaskRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Policies screen's replay panel with plain JUnit: a real workspace and ledger, the real replay; one
 * history for the class (two days of support-agent requests, refunds denied on both), a laxer v2 saved.
 */
class ReplayViewModelTest {

    private static final String POLICY = "customer-support-agent";

    @TempDir
    static Path dir;
    static Workspace ws;
    static int laxer;

    @BeforeAll
    static void history() {
        TestClock clock = new TestClock(Instant.parse("2026-03-16T09:00:00Z"));
        ws = Workspace.open(new DataDirectory(dir), clock);
        DemoAgents.ensure(ws);
        String target = DemoAgents.TARGETS.get(DemoAgents.SUPPORT);
        for (int day = 0; day < 2; day++) {
            for (String action : List.of("read:order_history", "issue:refund", "create:support_ticket",
                    "issue:refund")) {
                ws.decisions().decide(DecisionRequest.of(DemoAgents.SUPPORT, action).withTarget(target)).join();
                clock.advance(Duration.ofMinutes(5));
            }
            clock.advance(Duration.ofDays(1));
        }
        String yaml = ws.policies().active(POLICY).orElseThrow().yaml()
                .replace("    - create:support_ticket", "    - create:support_ticket\n    - issue:refund")
                .replace("    - read:order_history\n", "");
        laxer = ws.policies().save(yaml, "tester", "laxer", false).version().version();
    }

    @AfterAll
    static void close() {
        ws.close();
    }

    private static ReplayViewModel model(TaskRunner runner) {
        return new ReplayViewModel(new Replay(ws.auditReader(), ws.policies(), ws.agents()), ws.policies(), runner,
                Runnable::run);
    }

    @Test
    void aLaxerVersionShowsEachWouldBeAllowAsAWarningAndTheChangesByKind() {
        ReplayViewModel vm = model(new CurrentThreadTaskRunner());
        List<Double> progress = new ArrayList<>();
        vm.progressProperty().addListener((o, a, b) -> progress.add(b.doubleValue()));
        vm.policyProperty().set(POLICY);
        assertThat(vm.versions()).containsExactly(ReplayViewModel.AS_RECORDED, "v" + laxer, "v1 (active)");
        assertThat(vm.versionProperty().get()).isEqualTo("v" + laxer);

        vm.run();

        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.errorProperty().get()).isFalse();
        assertThat(vm.summaryProperty().get()).startsWith("8 recorded decisions replayed under " + POLICY + " v" + laxer)
                .contains("6 would change: deny->allow 4, allow->deny 2");
        assertThat(vm.warnings()).hasSize(4).allMatch(w -> w.startsWith("WARNING: would allow what was denied: "
                + DemoAgents.SUPPORT + " issue:refund at 2026-03-1"));
        assertThat(progress).last().isEqualTo(1.0);
        assertThat(vm.changes()).hasSize(6);

        vm.kindProperty().set(ChangeKind.ALLOW_TO_DENY);
        assertThat(vm.changes()).hasSize(2).allSatisfy(r -> {
            assertThat(r.action()).isEqualTo("read:order_history");
            assertThat(r.was()).startsWith("allow");
            assertThat(r.now()).startsWith("deny").endsWith("NOT_ALLOWED");
        });
        vm.kindProperty().set(null);
        assertThat(vm.changes()).hasSize(6);

        // a free range: the second day only, the one agent named in any case
        vm.fromProperty().set("2026-03-17");
        vm.toProperty().set("2026-03-17 23:59");
        vm.agentsProperty().set("Support-Agent-V2");
        vm.run();
        assertThat(vm.summaryProperty().get()).startsWith("4 recorded decisions replayed");
        assertThat(vm.warnings()).hasSize(2);

        // the versions that decided reproduce the ledger
        vm.versionProperty().set(ReplayViewModel.AS_RECORDED);
        vm.run();
        assertThat(vm.summaryProperty().get()).endsWith("none would change.");
        assertThat(vm.warnings()).isEmpty();
        assertThat(vm.changes()).isEmpty();
    }

    @Test
    void aFieldThatDoesNotReadIsNamedAndNothingRuns() {
        ReplayViewModel vm = model(new CurrentThreadTaskRunner());
        vm.run();
        assertThat(vm.summaryProperty().get()).isEqualTo("Choose a policy to replay.");
        assertThat(vm.errorProperty().get()).isTrue();

        vm.policyProperty().set(POLICY);
        vm.fromProperty().set("yesterday");
        vm.run();
        assertThat(vm.summaryProperty().get()).startsWith("From: \"yesterday\" is not a time; write 2026-11-30");
        vm.fromProperty().set("2026-03-17T10:00+01:00");
        vm.toProperty().set("2026-03-16");
        vm.run();
        assertThat(vm.summaryProperty().get()).startsWith("To is before From");
        vm.toProperty().set("");
        vm.agentsProperty().set("support-agent-v2, ops bot!");
        vm.run();
        assertThat(vm.summaryProperty().get()).startsWith("Agents: \"bot!\"");
        assertThat(vm.changes()).isEmpty();
        assertThat(vm.runningProperty().get()).isFalse();

        vm.agentsProperty().set("");
        vm.run();
        assertThat(vm.errorProperty().get()).isFalse();
        assertThat(vm.summaryProperty().get()).contains("recorded decisions replayed");
    }

    @Test
    void stopEndsTheReplayAndAnOvertakenRunIsDropped() {
        HeldRunner held = new HeldRunner();
        ReplayViewModel vm = model(held);
        vm.policyProperty().set(POLICY);
        held.finish(0); // the version list
        vm.run();
        assertThat(vm.runningProperty().get()).isTrue();
        vm.stop();
        held.finish(1);
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.summaryProperty().get()).startsWith("Stopped.");
        assertThat(vm.errorProperty().get()).isFalse();

        vm.run();
        vm.versionProperty().set(ReplayViewModel.AS_RECORDED);
        vm.run();
        held.finish(3); // the newer run ends first
        assertThat(vm.summaryProperty().get()).endsWith("none would change.");
        held.finish(2); // the overtaken run's answer must not replace it
        assertThat(vm.summaryProperty().get()).endsWith("none would change.");
        assertThat(vm.warnings()).isEmpty();
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
