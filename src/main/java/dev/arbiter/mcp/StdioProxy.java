package dev.arbiter.mcp;

import dev.arbiter.core.Workspace;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code arbiter mcp proxy --agent ID -- <command…>}: starts the real MCP
 * server as a child process and relays the stdio transport between it and
 * the client on this process's stdin/stdout, through {@link McpProxy}.
 * Nothing but protocol goes to stdout; the child's stderr is passed through
 * to ours (MCP clients show it as the server's log).
 */
public final class StdioProxy {

    private static final Logger LOG = LoggerFactory.getLogger(StdioProxy.class);

    private final Workspace workspace;
    private final String agentId;
    private final McpProxy.Limits limits;

    /** @param upstreamTimeoutSeconds how long the server may take to answer one request, 1 or more */
    public StdioProxy(Workspace workspace, String agentId, long upstreamTimeoutSeconds) {
        this(workspace, agentId, new McpProxy.Limits(java.time.Duration.ofSeconds(upstreamTimeoutSeconds),
                McpProxy.Limits.DEFAULT.progressEvery()));
    }

    StdioProxy(Workspace workspace, String agentId, McpProxy.Limits limits) {
        this.workspace = workspace;
        this.agentId = agentId;
        this.limits = limits;
    }

    /**
     * Runs until the client closes its end (stdin). Fails with
     * {@link IOException} naming the command when the server cannot be started.
     */
    public void run(List<String> command, InputStream fromClient, OutputStream toClient) throws IOException {
        Process server;
        try {
            server = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new IOException("cannot start the MCP server " + String.join(" ", command) + ": "
                    + e.getMessage(), e);
        }
        LOG.info("MCP proxy for agent {} started {} (pid {})", agentId, String.join(" ", command), server.pid());
        LineWire toServer = new LineWire(server.getOutputStream());
        Wire client = new LineWire(toClient);
        try (McpProxy proxy = new McpProxy(new ToolCallGate(workspace, agentId), client, toServer, limits)) {
            proxy.sessionId("mcp-" + UUID.randomUUID());
            Thread upstream = new Thread(() -> relayServer(server, proxy, command), "arbiter-mcp-server-reader");
            upstream.setDaemon(true);
            upstream.start();
            FrameReader reader = new FrameReader(fromClient);
            while (true) {
                FrameReader.Read read = reader.next();
                if (read instanceof FrameReader.Frame frame) {
                    proxy.fromClient(frame.bytes());
                } else if (read instanceof FrameReader.TooLong tooLong) {
                    proxy.clientFrameTooLong(tooLong.bytes());
                } else {
                    break;
                }
            }
            LOG.info("The MCP client closed the connection; stopping {}", String.join(" ", command));
        } finally {
            toServer.close();
            stop(server);
        }
    }

    private static void relayServer(Process server, McpProxy proxy, List<String> command) {
        FrameReader reader = new FrameReader(server.getInputStream());
        try {
            while (true) {
                FrameReader.Read read = reader.next();
                if (read instanceof FrameReader.Frame frame) {
                    proxy.fromServer(frame.bytes());
                } else if (read instanceof FrameReader.TooLong tooLong) {
                    LOG.warn("The MCP server sent a message of {} bytes, over the limit; dropped", tooLong.bytes());
                } else {
                    break;
                }
            }
        } catch (IOException e) {
            LOG.warn("Reading the MCP server failed: {}", e.getMessage());
        }
        String exit;
        try {
            exit = server.waitFor(2, TimeUnit.SECONDS) ? "exited with code " + server.exitValue()
                    : "closed its output";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exit = "closed its output";
        }
        LOG.warn("The MCP server {} {}", String.join(" ", command), exit);
        proxy.serverGone("the MCP server behind Arbiter (" + String.join(" ", command) + ") " + exit,
                "Restart the MCP client to start the server again, and see its log");
    }

    private static void stop(Process server) {
        try {
            if (!server.waitFor(3, TimeUnit.SECONDS)) {
                server.destroy();
                if (!server.waitFor(3, TimeUnit.SECONDS)) {
                    server.destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.destroyForcibly();
        }
    }
}
