package dev.arbiter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.store.DataDirectory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyShadowCommandTest {

    @TempDir
    Path dir;

    @Test
    void startListReportAndStopAShadowFromTheCommandLine() {
        try (Workspace ws = Workspace.open(new DataDirectory(dir))) {
            DemoAgents.ensure(ws);
            String yaml = ws.policies().active("customer-support-agent").orElseThrow().yaml()
                    .replace("    - create:support_ticket", "    - create:support_ticket\n    - issue:refund")
                    .replace("    - read:order_history\n", "");
            ws.policies().save(yaml, "tester", "laxer and stricter", false);
        }
        CliRun empty = CliRun.in(dir, "policy", "shadow", "list");
        assertThat(empty.exitCode()).isZero();
        assertThat(empty.out()).contains("No policy is in shadow").contains("arbiter policy shadow start");

        CliRun start = CliRun.in(dir, "policy", "shadow", "start", DemoAgents.SUPPORT, "--policy",
                "customer-support-agent", "--version", "2");
        assertThat(start.exitCode()).as(start.out() + start.err()).isZero();
        assertThat(start.out()).contains("customer-support-agent v2 is now in shadow for " + DemoAgents.SUPPORT);
        CliRun wrong = CliRun.in(dir, "policy", "shadow", "start", "nobody", "--policy", "customer-support-agent",
                "--version", "2");
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.err()).contains("no agent nobody");

        CliRun list = CliRun.in(dir, "policy", "shadow", "list");
        assertThat(list.out()).contains(DemoAgents.SUPPORT).contains("customer-support-agent v2");

        try (Workspace ws = Workspace.open(new DataDirectory(dir))) {
            for (String action : new String[] {"issue:refund", "read:order_history", "create:support_ticket"}) {
                ws.decisions().decide(DecisionRequest.of(DemoAgents.SUPPORT, action)
                        .withTarget(DemoAgents.TARGETS.get(DemoAgents.SUPPORT))).join();
            }
        }
        CliRun report = CliRun.in(dir, "policy", "shadow", "report");
        assertThat(report.exitCode()).as(report.out() + report.err()).isEqualTo(3);
        assertThat(report.out()).contains("3 decisions recorded with a shadow answer")
                .contains("shadow customer-support-agent v2")
                .contains("2 would change: allow->deny 1, deny->allow 1")
                .contains("WARNING: would allow what was denied").contains("issue:refund")
                .contains("allow to deny: ").contains("read:order_history");

        CliRun stop = CliRun.in(dir, "policy", "shadow", "stop", DemoAgents.SUPPORT);
        assertThat(stop.exitCode()).as(stop.out() + stop.err()).isZero();
        assertThat(stop.out()).contains("no longer in shadow");
        CliRun again = CliRun.in(dir, "policy", "shadow", "stop", DemoAgents.SUPPORT);
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("has no policy in shadow");
    }
}
