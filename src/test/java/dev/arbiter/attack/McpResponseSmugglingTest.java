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
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attack: a message Arbiter reads as the client's <em>response</em> (it has
 * an id and an "error", and no key spelled exactly "method") is relayed to the
 * server byte for byte, whatever else it carries. Here it also carries
 * {@code "Method":"tools/call"} and {@code "Params"}: a server whose JSON
 * reader matches keys without regard to case (Go's encoding/json does, for
 * struct fields) reads a tools/call of a denied tool that Arbiter never
 * decided. Invariant tested: no bytes naming tools/call reach the server
 * unless Arbiter decided that call.
 */
class McpResponseSmugglingTest {

    @TempDir
    Path dir;

    @Test
    void aClientResponseCarriesNothingButAResponseToTheServer() throws Exception {
        Path seen = dir.resolve("server-saw.txt");
        String server = "import sys\n"
                + "out = open(sys.argv[1], 'a')\n"
                + "for line in sys.stdin:\n"
                + "    out.write(line); out.flush()\n";
        try (Workspace ws = TestWorkspaces.open(dir.resolve("ws"))) {
            ws.policies().save("""
                    agent_policy:
                      name: "mcp-agent"
                      allowed_actions: [call:echo]
                      denied_actions: [call:delete_everything]
                    """, "test", null, true);
            ws.agents().add(new AgentProfile("mcp-agent", "MCP agent", "test", "", "", "", "", Set.of(), null,
                    "mcp-agent", null), "test");
            String frame = "{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":0,\"message\":\"x\"},"
                    + "\"Method\":\"tools/call\",\"Params\":{\"name\":\"delete_everything\",\"arguments\":{}}}\n";
            new StdioProxy(ws, "mcp-agent", 5).run(List.of("python3", "-c", server, seen.toString()),
                    new ByteArrayInputStream(frame.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream());
        }
        List<String> lines = Files.exists(seen) ? Files.readAllLines(seen) : List.of();
        assertThat(lines).as("what the MCP server received")
                .noneMatch(l -> l.toLowerCase(Locale.ROOT).contains("tools/call"));
    }
}
