package dev.arbiter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.demo.DemoAgents;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A one-shot CLI command starts no background thread (issue 14: {@code arbiter agent list} used to start
 * four): the workspace it opens does its work on the command's own thread, and only {@link Workspace#start()}
 * starts the threads our factories name {@code arbiter-…}.
 */
class OneShotCommandThreadsTest {

    @TempDir
    Path dir;

    /** Threads alive before the test (other tests' workspaces may still be closing): not counted. */
    private final Set<Thread> before = Thread.getAllStackTraces().keySet();

    private Set<String> ourThreads() {
        Set<String> names = new TreeSet<>();
        Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && !before.contains(t))
                .map(Thread::getName).filter(n -> n.startsWith("arbiter-")).forEach(names::add);
        return names;
    }

    @Test
    void aWorkspaceOpenedForACommandWorksWithoutAnyThreadOfOurs() {
        WorkspaceOptions options = new WorkspaceOptions();
        options.dataDir = dir.resolve("ws");
        try (Workspace ws = options.open()) {
            assertThat(ourThreads()).as("opening").isEmpty();
            DemoAgents.ensure(ws); // agents, policies, their ledger entries
            ws.agents().list(null, false);
            ws.ledger().append(AuditEntry.of("test.cli").actor("cli").build());
            ws.killSwitch().engage(DemoAgents.SUPPORT, "drill", "cli");
            ws.decisions().decide(DecisionRequest.of(DemoAgents.REFUNDS, "issue:refund").withAmount(900.0)
                    .withConfidence(0.95).withTarget(DemoAgents.TARGETS.get(DemoAgents.REFUNDS))).join();
            ws.queue().pending();
            assertThat(ws.verifier().verify().intact()).isTrue();
            assertThat(ourThreads()).as("a one-shot command's work").isEmpty();

            ws.start();
            assertThat(ourThreads()).contains("arbiter-audit-writer", "arbiter-audit-complete",
                    "arbiter-audit-events", "arbiter-change-watcher", "arbiter-alert-detector");
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> ourThreads().stream()
                .noneMatch(n -> n.startsWith("arbiter-audit") || n.equals("arbiter-alert-detector")));
    }

    @Test
    void aCommandRunEndToEndLeavesTheLedgerIntact() {
        Path data = dir.resolve("cli");
        assertThat(CliRun.in(data, "demo").exitCode()).isZero();
        assertThat(CliRun.in(data, "agent", "pause", DemoAgents.SUPPORT, "--reason", "drill").exitCode()).isZero();
        assertThat(CliRun.in(data, "agent", "list").out()).contains(DemoAgents.SUPPORT);
        CliRun verified = CliRun.in(data, "audit", "verify");
        assertThat(verified.exitCode()).as(verified.out() + verified.err()).isZero();
    }
}
