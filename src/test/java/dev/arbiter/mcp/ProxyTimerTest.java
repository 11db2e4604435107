package dev.arbiter.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: every request forwarded to the server has an upstream timeout on the session's timer (5 minutes by
 * default); once the server answers, the cancelled timeout leaves the timer's queue at once, so a busy session
 * does not hold thousands of dead timeouts for minutes.
 */
class ProxyTimerTest {

    @TempDir
    Path dir;

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anAnsweredRequestsTimeoutLeavesTheTimerAtOnce() {
        try (Workspace ws = TestWorkspaces.open(dir)) {
            AtomicInteger sentToServer = new AtomicInteger();
            Wire server = m -> {
                sentToServer.incrementAndGet();
                return true;
            };
            Wire client = m -> true;
            try (McpProxy proxy = new McpProxy(new ToolCallGate(ws, "agent"), client, server,
                    McpProxy.Limits.DEFAULT)) {
                int n = 200;
                for (int i = 0; i < n; i++) {
                    proxy.fromClient(json("{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"ping\"}"));
                }
                assertThat(sentToServer.get()).isEqualTo(n);
                assertThat(proxy.timersWaiting()).as("one timeout per request with the server").isEqualTo(n);
                for (int i = 0; i < n; i++) {
                    proxy.fromServer(json("{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"result\":{}}"));
                }
                assertThat(proxy.timersWaiting()).as("answered: no timeout waits any more").isZero();
            }
        }
    }
}
