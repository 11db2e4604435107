package dev.arbiter.mcp;

import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The real {@code server-everything} from npm in its Streamable HTTP mode on a free loopback port, for the tests
 * that put the HTTP proxy in front of it; started when its port takes connections, stopped by {@link #close()}.
 *
 * @param process  the node process
 * @param upstream the server's MCP endpoint
 */
record EverythingOverHttp(Process process, URI upstream) implements AutoCloseable {

    /** Starts the server, its output to {@code log}, and waits up to {@code wait} for its port. */
    static EverythingOverHttp start(Path log, Duration wait) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ProcessBuilder node = new ProcessBuilder(NpmMcpServers.command(NpmMcpServers.EVERYTHING, "streamableHttp"))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        node.environment().put("PORT", Integer.toString(port));
        Process process = node.start();
        await().atMost(wait).ignoreExceptions().until(() -> {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return true;
            }
        });
        return new EverythingOverHttp(process, URI.create("http://127.0.0.1:" + port + "/mcp"));
    }

    @Override
    public void close() {
        process.destroy();
    }
}
