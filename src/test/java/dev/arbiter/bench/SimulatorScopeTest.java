package dev.arbiter.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.AgentProfile;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.demo.DemoWorkspace;
import dev.arbiter.core.queue.ReviewStatus;
import dev.arbiter.core.store.DataDirectory;
import dev.arbiter.gateway.GatewayConfig;
import dev.arbiter.gateway.GatewayServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12 §5: demo traffic never touches what is not its own. */
class SimulatorScopeTest {

    @TempDir
    Path dir;

    @Test
    void aWorkspaceThatIsNotADemoOneIsRefusedAndNothingIsWritten() {
        try (Workspace ws = Workspace.open(new DataDirectory(dir))) {
            long head = ws.ledger().headSeq();
            DemoTraffic traffic = new DemoTraffic(ws, "http://127.0.0.1:1", "test", new PrintWriter(new StringWriter()));
            assertThatThrownBy(() -> traffic.run(1, 1, Duration.ofSeconds(1), true))
                    .isInstanceOf(NotADemoWorkspaceException.class)
                    .hasMessageContaining("not a demo workspace")
                    .hasMessageContaining("--allow-real-workspace");
            assertThat(ws.ledger().headSeq()).isEqualTo(head);
            assertThat(ws.agents().find(DemoAgents.SUPPORT)).isEmpty();
        }
    }

    @Test
    void theSimulatedReviewerDecidesOnlyItsOwnAgentsItems() throws Exception {
        // the workspace's clock runs 10 s behind, so its queued items look old enough to the reviewer at once
        Clock behind = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-10));
        try (Workspace ws = Workspace.open(new DataDirectory(dir), behind)) {
            ws.settings().put(DemoWorkspace.SETTING, "true");
            DemoAgents.ensure(ws);
            ws.agents().add(new AgentProfile("payroll-cleaner", "Payroll cleaner", "finance", "", "", "", "", Set.of(),
                    null, "data-cleanup-agent", null), "alice");
            String real = ws.decisions().decide(DecisionRequest.of("payroll-cleaner", "delete:temp_files").withTarget(DemoAgents.TARGETS.get(DemoAgents.CLEANUP))).join()
                    .traceId();
            String demo = ws.decisions().decide(DecisionRequest.of(DemoAgents.CLEANUP, "delete:temp_files").withTarget(DemoAgents.TARGETS.get(DemoAgents.CLEANUP))).join()
                    .traceId();
            GatewayServer server = new GatewayServer(ws, new GatewayConfig("127.0.0.1", 0));
            server.start();
            try {
                new DemoTraffic(ws, "http://127.0.0.1:" + server.port(), "test",
                        new PrintWriter(new StringWriter())).run(1, 0.5, Duration.ofSeconds(5), true);
            } finally {
                server.stop();
            }
            assertThat(ws.queue().find(demo).orElseThrow().status()).isNotEqualTo(ReviewStatus.PENDING);
            assertThat(ws.queue().find(real).orElseThrow().status()).isEqualTo(ReviewStatus.PENDING);
        }
    }
}
