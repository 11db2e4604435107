package dev.arbiter.mcp;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The official MCP Java SDK's client, connected to {@code arbiter mcp proxy}
 * run as a real process (the test's own classpath), which runs the real server.
 */
final class ProxyClients {

    private ProxyClients() {
    }

    /** {@code java -cp … dev.arbiter.Main mcp proxy --data-dir DIR --agent ID -- server…}. */
    static List<String> proxyCommand(Path dataDir, String agentId, List<String> server) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-cp", System.getProperty("java.class.path"), "dev.arbiter.Main", "mcp", "proxy",
                "--data-dir", dataDir.toString(), "--agent", agentId, "--"));
        command.addAll(server);
        return command;
    }

    static McpSyncClient connect(List<String> command, Consumer<McpSchema.ProgressNotification> progress) {
        ServerParameters parameters = ServerParameters.builder(command.get(0))
                .args(command.subList(1, command.size())).build();
        StdioClientTransport transport = new StdioClientTransport(parameters, McpJsonDefaults.getMapper());
        transport.setStdErrorHandler(line -> { }); // the server's log lines; the proxy logs to its file
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(120))
                .initializationTimeout(Duration.ofSeconds(120))
                .progressConsumer(progress == null ? p -> { } : progress).build();
        client.initialize();
        return client;
    }

    /** The text of a tool result's first content item. */
    static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }
}
