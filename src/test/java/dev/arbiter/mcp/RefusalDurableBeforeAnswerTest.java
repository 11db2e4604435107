package dev.arbiter.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.audit.LedgerEntry;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attack: "every decision is in the ledger before the answer". A call the proxy refuses before any decision (an
 * unknown tool, arguments that are no object or fail the gateway's checks) is recorded as {@code decision: deny};
 * the refusal is a decision Arbiter made, so it must be durable before the client hears it. Here the ledger is
 * busy with another write (held inside its transaction), so the refusal's entry must queue: the answer must wait
 * for it, and when it comes, the entry is in the ledger.
 */
class RefusalDurableBeforeAnswerTest {

    @TempDir
    Path dir;

    @Test
    void aRefusalIsAnsweredOnlyOnceItsEntryIsDurable() throws Exception {
        try (Workspace ws = TestWorkspaces.open(dir)) {
            ws.ledger().start();
            ToolCallGate gate = new ToolCallGate(ws, "agent");
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<LedgerEntry> busy = CompletableFuture.supplyAsync(() -> ws.ledger().appendAsync(
                    AuditEntry.of("test.busy").actor("test").build(), tx -> {
                        inside.countDown();
                        try {
                            release.await(60, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return null;
                    }).join());
            assertThat(inside.await(60, TimeUnit.SECONDS)).as("the other write holds the ledger").isTrue();
            long before = rejected(ws);
            CompletableFuture<GateAnswer> unknown;
            CompletableFuture<GateAnswer> notAnObject;
            try {
                unknown = gate.admit("no_such_tool", null, JsonNodeFactory.instance.objectNode(), "s", d -> { });
                notAnObject = gate.admit("echo", dev.arbiter.core.mcp.ToolDescriptor.fromListing(
                        JsonNodeFactory.instance.objectNode().put("name", "echo")),
                        JsonNodeFactory.instance.arrayNode().add(1), "s", d -> { });
                assertThat(unknown).as("answered while its ledger entry is not yet written").isNotDone();
                assertThat(notAnObject).as("answered while its ledger entry is not yet written").isNotDone();
            } finally {
                release.countDown();
            }
            busy.get(60, TimeUnit.SECONDS);
            assertThat(unknown.get(60, TimeUnit.SECONDS)).isInstanceOf(GateAnswer.Reject.class);
            assertThat(notAnObject.get(60, TimeUnit.SECONDS)).isInstanceOf(GateAnswer.Reject.class);
            assertThat(rejected(ws)).as("both refusals are in the ledger when answered").isEqualTo(before + 2);
        }
    }

    private static long rejected(Workspace ws) {
        return ws.auditReader().count(new AuditQuery(null, null, null, ToolCallGate.REJECTED, null));
    }
}
