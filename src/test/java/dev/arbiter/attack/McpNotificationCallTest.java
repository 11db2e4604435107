package dev.arbiter.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.AgentProfile;
import dev.arbiter.mcp.StdioProxy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attack: {@code tools/call} sent without an {@code id} (a JSON-RPC
 * notification). The proxy gates requests and answers unknown request methods
 * itself "so that a method Arbiter does not know can never become a way around
 * tools/call" (McpMethods), but every notification, whatever its method, is
 * relayed as is: the server gets a {@code tools/call} of a denied tool that
 * Arbiter neither decided nor recorded. A server that dispatches on
 * {@code method} and only skips the reply when there is no id runs it.
 */
class McpNotificationCallTest {

    @TempDir
    Path dir;

    @Test
    void aToolCallWithoutAnIdNeverReachesTheServer() throws Exception {
        Path seen = dir.resolve("server-saw.txt");
        String server = "import json, sys\n"
                + "out = open(sys.argv[1], 'a')\n"
                + "for line in sys.stdin:\n"
                + "    m = json.loads(line)\n"
                + "    out.write(m.get('method', '') + ('' if 'id' in m else ' (no id)') + '\\n'); out.flush()\n";
        try (Workspace ws = TestWorkspaces.open(dir.resolve("ws"))) {
            ws.policies().save("""
                    agent_policy:
                      name: "mcp-agent"
                      allowed_actions: [call:echo]
                      denied_actions: [call:delete_everything]
                    """, "test", null, true);
            ws.agents().add(new AgentProfile("mcp-agent", "MCP agent", "test", "", "", "", "", Set.of(), null,
                    "mcp-agent", null), "test");
            String frames = "{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{\"name\":\"delete_everything\","
                    + "\"arguments\":{}}}\n"
                    + "{\"jsonrpc\":\"2.0\",\"method\":\"tools/execute\",\"params\":{\"name\":\"delete_everything\"}}\n";
            new StdioProxy(ws, "mcp-agent", 5).run(List.of("python3", "-c", server, seen.toString()),
                    new ByteArrayInputStream(frames.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream());
        }
        List<String> methods = Files.exists(seen) ? Files.readAllLines(seen) : List.of();
        assertThat(methods).as("what the MCP server received")
                .noneMatch(m -> m.startsWith("tools/call") || m.startsWith("tools/execute"));
    }
}
