package dev.arbiter.cli;

import dev.arbiter.core.Workspace;
import dev.arbiter.gateway.GatewayConfig;
import dev.arbiter.gateway.McpHttpFront;
import dev.arbiter.mcp.McpHttpSessions;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Model.CommandSpec;

/** {@code arbiter mcp proxy --upstream URL}: serves MCP over Streamable HTTP until stopped (Ctrl+C). */
final class McpHttpProxyRun {

    /** How often a quiet stream carries a keep-alive, and a held call a progress notification. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(10);

    private final CommandSpec spec;
    private final WorkspaceOptions workspace;
    private final String agentId;
    private final long upstreamTimeoutSeconds;

    McpHttpProxyRun(CommandSpec spec, WorkspaceOptions workspace, String agentId, long upstreamTimeoutSeconds) {
        this.spec = spec;
        this.workspace = workspace;
        this.agentId = agentId;
        this.upstreamTimeoutSeconds = upstreamTimeoutSeconds;
    }

    int run(URI upstream, GatewayConfig config) throws InterruptedException {
        String scheme = upstream.getScheme() == null ? "" : upstream.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || upstream.getHost() == null) {
            throw new IllegalArgumentException("--upstream must be the server's http:// or https:// MCP endpoint, "
                    + "e.g. https://host/mcp; got " + upstream);
        }
        Workspace ws = workspace.openStarted();
        if (ws.agents().find(agentId).isEmpty()) {
            spec.commandLine().getErr().println("arbiter: agent " + agentId + " is not registered in "
                    + ws.directory().root() + "; every tool call will be refused. Add it with: arbiter agent add --id "
                    + agentId + " --policy NAME");
        }
        McpHttpSessions sessions = new McpHttpSessions(ws, agentId, upstream, Duration.ofSeconds(upstreamTimeoutSeconds),
                KEEP_ALIVE);
        McpHttpFront front = new McpHttpFront(sessions, config);
        try {
            front.start();
        } catch (IllegalStateException e) {
            sessions.close();
            ws.close();
            spec.commandLine().getErr().println("arbiter: " + e.getMessage());
            return 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Arbiter MCP proxy for agent " + agentId + " listening on " + front.url() + " (upstream "
                + upstream + ")");
        out.println("Workspace: " + ws.directory().root() + ". Stop with Ctrl+C.");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            front.close();
            sessions.close();
            ws.close();
            stopped.countDown();
        }, "arbiter-mcp-http-shutdown"));
        stopped.await();
        return 0;
    }
}
