package dev.arbiter.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.mcp.McpHttpSessions;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile traffic on the MCP proxy's HTTP front ({@code arbiter mcp proxy
 * --port}), as the gateway's front already withstands it: headers trickled a
 * byte at a time (slowloris), and spellings of {@code Host} and {@code Origin}
 * that a DNS-rebinding page or a confused client may send. Every refusal here
 * happens before a session exists, so the upstream is a port nobody listens on.
 */
class McpFrontHostileTrafficAttackTest {

    @TempDir
    static Path dir;
    static Workspace workspace;
    static McpHttpSessions sessions;
    static McpHttpFront front;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        workspace = TestWorkspaces.open(dir.resolve("ws"));
        int nobody;
        try (ServerSocket free = new ServerSocket(0)) {
            nobody = free.getLocalPort();
        }
        sessions = new McpHttpSessions(workspace, "attack-agent", URI.create("http://127.0.0.1:" + nobody + "/mcp"),
                Duration.ofSeconds(5), Duration.ofMillis(500));
        front = new McpHttpFront(sessions, new GatewayConfig("127.0.0.1", 0));
        front.start();
        port = front.url().getPort();
    }

    @AfterAll
    static void stop() {
        front.close();
        sessions.close();
        workspace.close();
    }

    @Test
    void headersTrickledAByteAtATimeAreCutOffLongBeforeTheIdleTimeout() throws Exception {
        try (Socket slow = new Socket("127.0.0.1", port)) {
            slow.setSoTimeout(60_000);
            OutputStream out = slow.getOutputStream();
            out.write(("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nX-Slow: ").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long start = System.nanoTime();
            Thread trickle = new Thread(() -> {
                try {
                    for (int i = 0; i < 400; i++) { // 100 s of a byte every 250 ms: each resets the idle timeout
                        Thread.sleep(250);
                        out.write('a');
                        out.flush();
                    }
                } catch (Exception e) {
                    // the server closed the connection: what we wait for
                }
            }, "header-trickle");
            trickle.setDaemon(true);
            trickle.start();
            InputStream in = slow.getInputStream();
            try {
                assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).doesNotContain("HTTP/1.1 200");
            } catch (SocketException reset) {
                // closed under the writer: as good
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            // the deadline is 1-2 periods; the idle timeout (30 s) never fires while bytes arrive
            assertThat(seconds).as("seconds until the trickle was cut off").isLessThan(McpHttpFront.IDLE_MILLIS / 1000.0);
            trickle.interrupt();
        }
    }

    @Test
    void onlyThisProxysOwnHostAndOriginGetThrough() throws Exception {
        String own = "127.0.0.1:" + port;
        for (String host : List.of(own, "localhost:" + port, "LocalHost:" + port, "[::1]:" + port)) {
            assertThat(status("Host: " + host + "\r\n")).as("Host " + host).isNotEqualTo(403).isNotEqualTo(400);
        }
        for (String origin : List.of("http://" + own, "http://localhost:" + port, "HTTP://LOCALHOST:" + port)) {
            assertThat(status("Host: " + own + "\r\nOrigin: " + origin + "\r\n")).as("Origin " + origin)
                    .isNotEqualTo(403).isNotEqualTo(400);
        }
        for (String host : List.of("127.0.0.1", "127.0.0.1:80", "attacker.example:" + port, "127.0.0.1.:" + port,
                "localhost.:" + port, "127.1:" + port, "0x7f000001:" + port, "127.0.0.1:" + port + "@attacker.example",
                "attacker.example@127.0.0.1:" + port, "127.0.0.1:+" + port, "127.0.0.1:" + port + " attacker.example",
                "")) {
            assertThat(status("Host: " + host + "\r\n")).as("Host '" + host + "'").isIn(400, 403);
        }
        for (String origin : List.of("null", "http://attacker.example", "https://" + own, "ws://" + own,
                "file://" + own, "chrome-extension://" + own, "http://" + own + ".attacker.example",
                "http://user@" + own, "http://" + own + "@attacker.example", "http://127.0.0.1:" + (port + 1),
                "http://" + own + ", http://attacker.example", "http://127.1:" + port, "//" + own, own)) {
            assertThat(status("Host: " + own + "\r\nOrigin: " + origin + "\r\n")).as("Origin '" + origin + "'")
                    .isIn(400, 403);
        }
        // two of a header a browser sends once: the first one checked must not vouch for the second
        assertThat(status("Host: " + own + "\r\nHost: attacker.example:" + port + "\r\n")).as("two Hosts").isIn(400, 403);
        assertThat(status("Host: attacker.example:" + port + "\r\nHost: " + own + "\r\n")).as("two Hosts").isIn(400, 403);
        assertThat(status("Host: " + own + "\r\nOrigin: http://" + own + "\r\nOrigin: http://attacker.example\r\n"))
                .as("two Origins").isIn(400, 403);
        assertThat(status("Host: " + own + "\r\nOrigin: http://attacker.example\r\nOrigin: http://" + own + "\r\n"))
                .as("two Origins").isIn(400, 403);
    }

    /** The status of an initialize POSTed raw with {@code headers} (each ending in CRLF). */
    private static int status(String headers) throws Exception {
        String init = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";
        try (Socket raw = new Socket("127.0.0.1", port)) {
            raw.setSoTimeout(60_000);
            raw.getOutputStream().write(("POST /mcp HTTP/1.1\r\n" + headers + "Content-Type: application/json\r\n"
                    + "Accept: application/json, text/event-stream\r\nConnection: close\r\nContent-Length: "
                    + init.length() + "\r\n\r\n" + init).getBytes(StandardCharsets.UTF_8));
            byte[] line = raw.getInputStream().readNBytes(12);
            String status = new String(line, StandardCharsets.US_ASCII);
            assertThat(status).startsWith("HTTP/1.1 ");
            return Integer.parseInt(status.substring(9, 12));
        }
    }
}
