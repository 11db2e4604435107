package dev.arbiter.attack;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.AgentProfile;
import dev.arbiter.mcp.StdioProxy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The attacks' test bed: a stand-in MCP server (a {@code python3 -c} script that writes what it receives to
 * the file named by its first argument) behind a real {@link StdioProxy}, for the agent {@value #AGENT}, whose
 * policy allows {@code call:echo} and denies {@code call:delete_everything}.
 */
final class RecordingServer {

    static final String AGENT = "mcp-agent";

    private RecordingServer() {
    }

    /** A workspace in {@code dir} with the agent and its policy. */
    static Workspace workspace(Path dir) {
        Workspace ws = TestWorkspaces.open(dir);
        ws.policies().save("""
                agent_policy:
                  name: "mcp-agent"
                  allowed_actions: [call:echo]
                  denied_actions: [call:delete_everything]
                """, "test", null, true);
        ws.agents().add(new AgentProfile(AGENT, "MCP agent", "test", "", "", "", "", Set.of(), null, AGENT, null),
                "test");
        return ws;
    }

    /**
     * Sends {@code clientBytes} through the proxy to {@code script} and returns the lines the script wrote
     * down (empty when it wrote nothing).
     */
    static List<String> relay(Path dir, String script, String clientBytes) throws Exception {
        Path seen = dir.resolve("server-saw.txt");
        try (Workspace ws = workspace(dir.resolve("ws"))) {
            new StdioProxy(ws, AGENT, 5).run(List.of("python3", "-c", script, seen.toString()),
                    new ByteArrayInputStream(clientBytes.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream());
        }
        return linesOf(seen);
    }

    static List<String> linesOf(Path seen) throws IOException {
        return Files.exists(seen) ? Files.readAllLines(seen) : List.of();
    }
}
