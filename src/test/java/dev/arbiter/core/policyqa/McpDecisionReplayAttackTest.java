package dev.arbiter.core.policyqa;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.decision.Decision;
import dev.arbiter.core.decision.TestClock;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.mcp.ToolCallReading;
import dev.arbiter.core.mcp.ToolCallRequests;
import dev.arbiter.core.mcp.ToolHints;
import dev.arbiter.core.policy.McpTools;
import dev.arbiter.core.store.DataDirectory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attack on replay (issue 19) through the MCP face: a decision made for an MCP {@code tools/call} records its
 * request in the ledger, and replaying the version that decided must reproduce it. The risk context an MCP call
 * is scored by (an amount, data classes read from its arguments, a destructive hint) must be in the entry where a
 * replay reads it, or the replay shows a gated refund of $2,500 as one that would have run at once.
 */
class McpDecisionReplayAttackTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void replayingMcpDecisionsReproducesTheLedger() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-03-16T10:00:00Z"));
        try (Workspace ws = Workspace.open(new DataDirectory(dir), clock)) {
            DemoAgents.ensure(ws);
            String yaml = ws.policies().active("refunds-agent").orElseThrow().yaml() + """
                      mcp_tools:
                        refund_order: {action: "issue:refund", context: {amount_usd: "$.amount", data_classes: "$.classes", target: "$.target", reversible: "$.reversible"}}
                        lookup: {action: "read:order_history", context: {target: "$.target"}}
                    """;
            ws.policies().save(yaml, "tester", "mcp tools", true);
            var inForce = ws.policies().inForce("refunds-agent", null).orElseThrow();
            McpTools mcp = inForce.policy().mcpTools();
            List<String> calls = List.of(
                    "{\"amount\":2500,\"target\":\"payments-api.internal:443\"}",
                    "{\"amount\":\"1500.5\",\"target\":\"payments-api.internal:443\"}",
                    "{\"amount\":-4000,\"target\":\"payments-api.internal:443\"}",
                    "{\"amount\":20,\"classes\":[\"Financial\"],\"target\":\"payments-api.internal:443\"}",
                    "{\"amount\":20,\"classes\":\"pii\",\"target\":\"payments-api.internal:443\"}",
                    "{\"amount\":20,\"reversible\":false,\"target\":\"payments-api.internal:443\"}",
                    "{\"amount\":15,\"target\":\"payments-api.internal:443\"}");
            List<Decision> decided = new ArrayList<>();
            for (String call : calls) {
                for (ToolHints hints : List.of(ToolHints.NONE, new ToolHints(true, false))) {
                    clock.advance(Duration.ofSeconds(5));
                    JsonNode args = JSON.readTree(call);
                    var reading = ToolCallRequests.read("refunds-agent", "s-1", "refund_order", args, hints, mcp);
                    assertThat(reading).as(call).isInstanceOf(ToolCallReading.Decidable.class);
                    decided.add(ws.decisions().decide(((ToolCallReading.Decidable) reading).request()).join());
                }
            }
            // the calls were scored by what they carried: a $2,500 refund waits for a person
            assertThat(decided.get(0).isPending()).as("the $2,500 refund is gated").isTrue();
            ReplayReport report = new Replay(ws.auditReader(), ws.policies(), ws.agents())
                    .run("refunds-agent", null, null, null);
            assertThat(report.decisions()).isEqualTo(decided.size());
            assertThat(report.changes()).as("replaying the MCP decisions under the version that made them")
                    .isEmpty();
        }
    }
}
