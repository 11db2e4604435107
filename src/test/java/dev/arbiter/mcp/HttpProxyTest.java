package dev.arbiter.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.queue.QueueItem;
import dev.arbiter.gateway.GatewayConfig;
import dev.arbiter.gateway.McpHttpFront;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code arbiter mcp proxy --upstream URL --port N}: the SDK's Streamable
 * HTTP client talks to Arbiter's HTTP front, Arbiter to the real
 * {@code server-everything} in its Streamable HTTP mode; same rules as stdio,
 * and the issue's bad input over HTTP.
 */
class HttpProxyTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    static Workspace workspace;
    static EverythingOverHttp everything;
    static URI upstream;
    static McpHttpSessions sessions;
    static McpHttpFront front;

    @BeforeAll
    static void start() throws Exception {
        workspace = TestWorkspaces.open(dir.resolve("ws"));
        EverythingPolicy.install(workspace);
        everything = EverythingOverHttp.start(dir.resolve("everything.log"), WAIT);
        upstream = everything.upstream();
        sessions = new McpHttpSessions(workspace, EverythingPolicy.AGENT, upstream, Duration.ofSeconds(60),
                Duration.ofMillis(200));
        front = new McpHttpFront(sessions, new GatewayConfig("127.0.0.1", 0));
        front.start();
    }

    @AfterAll
    static void stop() {
        front.close();
        sessions.close();
        everything.close();
        workspace.close();
    }

    static McpSyncClient sdkClient(URI endpoint) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                .builder("http://" + endpoint.getAuthority()).endpoint(endpoint.getPath()).build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(120))
                .initializationTimeout(Duration.ofSeconds(120)).build();
        client.initialize();
        return client;
    }

    @Test
    void theSdkClientIsGovernedOverHttpAsOverStdio() throws Exception {
        try (McpSyncClient client = sdkClient(front.url())) {
            List<String> tools = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
            assertThat(tools).contains("echo").doesNotContain("get-env"); // denied outright: hidden
            McpSchema.CallToolResult echoed = client.callTool(new McpSchema.CallToolRequest("echo",
                    Map.of("message", "over http")));
            assertThat(ProxyClients.text(echoed)).contains("over http");
            McpSchema.CallToolResult denied = client.callTool(new McpSchema.CallToolRequest("get-env", Map.of()));
            assertThat(denied.isError()).isTrue();
            assertThat(ProxyClients.text(denied)).contains("call:get-env").doesNotContain("PATH=");

            // gated: held until a reviewer approves, then run
            CompletableFuture<McpSchema.CallToolResult> sum = CompletableFuture.supplyAsync(() -> client.callTool(
                    new McpSchema.CallToolRequest("get-sum", Map.of("a", 2, "b", 3))));
            QueueItem held = await().atMost(WAIT).until(() -> workspace.queue().pending().stream()
                    .filter(i -> i.action().equals("compute:sum")).findFirst().orElse(null), i -> i != null);
            assertThat(sum).isNotDone();
            workspace.queue().approve(held.traceId(), "reviewer@example.com", "fine");
            assertThat(ProxyClients.text(sum.get(60, java.util.concurrent.TimeUnit.SECONDS))).contains("5");

            workspace.killSwitch().engage(EverythingPolicy.AGENT, "test: stop it", "test");
            try {
                McpSchema.CallToolResult refused = client.callTool(new McpSchema.CallToolRequest("echo",
                        Map.of("message", "again")));
                assertThat(refused.isError()).isTrue();
                assertThat(ProxyClients.text(refused)).contains("KILL_SWITCH");
            } finally {
                workspace.killSwitch().release(EverythingPolicy.AGENT, "test over", "test");
            }
        }
    }

    // ---- bad input over HTTP -------------------------------------------------------------------------------

    /** A raw Streamable HTTP session: POSTs and the messages each got back (from JSON or SSE). */
    static final class RawHttp {
        final URI url;
        String session;

        RawHttp(URI url) {
            this.url = url;
        }

        HttpResponse<String> post(String body, String... headers) throws Exception {
            HttpRequest.Builder post = HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                    .timeout(WAIT);
            if (session != null) {
                post.header(McpHttpSessions.SESSION_HEADER, session);
            }
            if (headers.length > 0) {
                post.headers(headers);
            }
            return HTTP.send(post.build(), HttpResponse.BodyHandlers.ofString());
        }

        /** The JSON-RPC messages of a response: its JSON body or its SSE events. */
        static List<JsonNode> messages(HttpResponse<String> response) throws IOException {
            List<JsonNode> messages = new ArrayList<>();
            if (response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
                for (String line : response.body().split("\n")) {
                    if (line.startsWith("data:")) {
                        messages.add(JSON.readTree(line.substring(5).strip()));
                    }
                }
            } else if (!response.body().isBlank()) {
                messages.add(JSON.readTree(response.body()));
            }
            return messages;
        }

        /** The last message of the answer to {@code body}. */
        JsonNode ask(String body) throws Exception {
            List<JsonNode> messages = messages(post(body));
            assertThat(messages).isNotEmpty();
            return messages.get(messages.size() - 1);
        }

        void initialize() throws Exception {
            HttpResponse<String> init = post("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{"
                    + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\","
                    + "\"version\":\"1\"}}}");
            assertThat(init.statusCode()).as(init.body()).isEqualTo(200);
            session = init.headers().firstValue(McpHttpSessions.SESSION_HEADER).orElseThrow();
            assertThat(messages(init).get(0).path("result").path("protocolVersion").asText()).isEqualTo("2025-11-25");
            assertThat(post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").statusCode())
                    .isEqualTo(202);
        }
    }

    static int code(JsonNode answer) {
        return answer.path("error").path("code").asInt();
    }

    @Test
    void brokenMessagesGetJsonRpcErrorsAndTheSessionGoesOn() throws Exception {
        RawHttp s = new RawHttp(front.url());
        HttpResponse<String> noSession = s.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}");
        assertThat(noSession.statusCode()).isEqualTo(400);
        assertThat(noSession.body()).contains("initialize");
        s.initialize();
        HttpResponse<String> broken = s.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\"");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(code(RawHttp.messages(broken).get(0))).isEqualTo(JsonRpc.PARSE_ERROR);
        assertThat(code(s.ask("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/execute\",\"params\":{}}")))
                .isEqualTo(JsonRpc.METHOD_NOT_FOUND);
        JsonNode unknownTool = s.ask("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"no-such-tool\",\"arguments\":{}}}");
        assertThat(unknownTool.path("error").path("message").asText()).contains("Unknown tool: no-such-tool");
        JsonNode notObject = s.ask("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"echo\",\"arguments\":[1,2]}}");
        assertThat(notObject.path("error").path("message").asText()).contains("must be a JSON object");
        HttpResponse<String> badVersion = s.post("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"ping\"}",
                McpHttpSessions.VERSION_HEADER, "2024-11-05");
        assertThat(badVersion.statusCode()).isEqualTo(400);
        // still alive and governed
        JsonNode echoed = s.ask("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"echo\",\"arguments\":{\"message\":\"still here\"}}}");
        assertThat(echoed.path("result").path("content").get(0).path("text").asText()).contains("still here");
        HttpResponse<String> gone = HTTP.send(HttpRequest.newBuilder(front.url()).DELETE()
                .header(McpHttpSessions.SESSION_HEADER, s.session).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(gone.statusCode()).isEqualTo(204);
        assertThat(s.post("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}").statusCode()).isEqualTo(404);
    }

    @Test
    void foreignOriginsAndHostsAreRefusedOwnOriginIsNot() throws Exception {
        RawHttp s = new RawHttp(front.url());
        String init = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";
        for (String origin : List.of("http://evil.example", "http://localhost.evil.example:" + front.url().getPort(),
                "null", "http://127.0.0.1:1")) {
            assertThat(s.post(init, "Origin", origin).statusCode()).as(origin).isEqualTo(403);
        }
        assertThat(s.post(init, "Origin", "http://localhost:" + front.url().getPort()).statusCode()).isEqualTo(200);
        // a rebound name in Host (the page's own origin) is refused too; raw, as HttpClient sets Host itself
        try (Socket raw = new Socket("127.0.0.1", front.url().getPort())) {
            raw.getOutputStream().write(("POST /mcp HTTP/1.1\r\nHost: attacker.example:" + front.url().getPort()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + init.length() + "\r\n\r\n" + init)
                    .getBytes(StandardCharsets.UTF_8));
            // the refusal closes the connection (its body was never read), so the whole answer ends
            raw.setSoTimeout(20_000);
            String answer = new String(raw.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(answer).startsWith("HTTP/1.1 403").containsIgnoringCase("Connection: close");
        }
    }

    @Test
    void aFloodOfLargeAndSlowBodiesStaysWithinTheByteBudgetAndOrdinaryCallsAreAnswered() throws Exception {
        int port = front.url().getPort();
        long bound = McpHttpFront.BODY_BUDGET + McpHttpFront.SMALL_HEADROOM;
        int large = 30 * 1024 * 1024;
        List<Socket> flood = new ArrayList<>();
        java.util.concurrent.atomic.AtomicLong mostHeld = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean watching = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            while (watching.get()) {
                mostHeld.accumulateAndGet(front.bodyBytesHeld(), Math::max);
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            }
        });
        watcher.start();
        try {
            int refusedAtOnce = 0;
            for (int i = 0; i < 8; i++) { // large declared bodies that then trickle: two fit, the rest get 503
                Socket s = new Socket("127.0.0.1", port);
                flood.add(s);
                long heldBefore = front.bodyBytesHeld();
                s.getOutputStream().write(("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: "
                        + "application/json\r\nContent-Length: " + large + "\r\n\r\n{\"jsonrpc\":\"2.0\",")
                        .getBytes(StandardCharsets.US_ASCII));
                s.setSoTimeout((int) WAIT.toMillis());
                InputStream answer = s.getInputStream();
                // refused (an answer comes) or reading (its declared length is reserved): awaited, not timed, so a
                // loaded machine that answers late is not taken for a server still reading
                await().atMost(WAIT).until(() -> answer.available() > 0 || front.bodyBytesHeld() >= heldBefore + large);
                if (answer.available() > 0) {
                    String status = new String(answer.readNBytes(12), StandardCharsets.US_ASCII);
                    assertThat(status).isEqualTo("HTTP/1.1 503");
                    refusedAtOnce++;
                } else {
                    s.getOutputStream().write(new byte[2 * 1024 * 1024]); // and then nothing more
                }
            }
            assertThat(refusedAtOnce).isGreaterThanOrEqualTo(6);
            byte[] piece = new byte[256 * 1024];
            java.util.Arrays.fill(piece, (byte) ' ');
            for (int i = 0; i < 6; i++) { // chunked bodies of unknown length, growing until refused
                Socket s = new Socket("127.0.0.1", port);
                flood.add(s);
                var out = s.getOutputStream();
                out.write(("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json"
                        + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                try {
                    for (int k = 0; k < 40; k++) {
                        out.write((Integer.toHexString(piece.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(piece);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                } catch (IOException refusedAndClosed) {
                    // the budget ran out: answered 503 and closed
                }
            }
            assertThat(front.bodyBytesHeld()).isPositive();

            // an ordinary client is still served in full during the flood
            RawHttp ordinary = new RawHttp(front.url());
            ordinary.initialize();
            JsonNode echoed = ordinary.ask("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":"
                    + "{\"name\":\"echo\",\"arguments\":{\"message\":\"during the flood\"}}}");
            assertThat(echoed.path("result").path("content").get(0).path("text").asText()).contains("during the flood");
        } finally {
            for (Socket s : flood) {
                s.close();
            }
            watching.set(false);
            watcher.join();
        }
        assertThat(mostHeld.get()).as("bytes held at most").isLessThanOrEqualTo(bound)
                .isGreaterThan(2L * large);
        await().atMost(WAIT).until(front::bodyBytesHeld, held -> held == 0); // every lease given back
    }

    @Test
    void offLoopbackEveryRequestNeedsTheAgentsToken() throws Exception {
        McpHttpFront open = new McpHttpFront(sessions, new GatewayConfig("0.0.0.0", 0, null, true, List.of()));
        open.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + open.url().getPort() + McpHttpFront.PATH);
            String ping = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
            RawHttp s = new RawHttp(url);
            assertThat(s.post(ping).statusCode()).isEqualTo(401);
            assertThat(s.post(ping, "Authorization", "Bearer not-a-token").statusCode()).isEqualTo(401);
            workspace.agents().add(new dev.arbiter.core.agent.AgentProfile("other-agent", "Other", "test", "", "",
                    "", "", java.util.Set.of(), null, "everything-agent", null), "test");
            String others = workspace.tokens().issue("other-agent", Duration.ofHours(1), "test").token();
            HttpResponse<String> wrongAgent = s.post(ping, "Authorization", "Bearer " + others);
            assertThat(wrongAgent.statusCode()).isEqualTo(401);
            assertThat(wrongAgent.body()).contains("another agent");
            String own = workspace.tokens().issue(EverythingPolicy.AGENT, Duration.ofHours(1), "test").token();
            // past the token: the session rules apply (no session yet, so 400, not 401)
            assertThat(s.post(ping, "Authorization", "Bearer " + own).statusCode()).isEqualTo(400);
        } finally {
            open.close();
        }
    }

    @Test
    void anUpstreamThatIsDownOrHangsGetsAnErrorAndTheProxyStaysUp() throws Exception {
        int closedPort;
        try (ServerSocket free = new ServerSocket(0)) {
            closedPort = free.getLocalPort();
        }
        try (ServerSocket hanging = new ServerSocket(0);
             McpHttpSessions down = new McpHttpSessions(workspace, EverythingPolicy.AGENT,
                     URI.create("http://127.0.0.1:" + closedPort + "/mcp"), Duration.ofSeconds(3),
                     Duration.ofMillis(200));
             McpHttpSessions hangs = new McpHttpSessions(workspace, EverythingPolicy.AGENT,
                     URI.create("http://127.0.0.1:" + hanging.getLocalPort() + "/mcp"), Duration.ofSeconds(3),
                     Duration.ofMillis(200))) {
            String init = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                    + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";
            McpHttpFront downFront = new McpHttpFront(down, new GatewayConfig("127.0.0.1", 0));
            McpHttpFront hangFront = new McpHttpFront(hangs, new GatewayConfig("127.0.0.1", 0));
            downFront.start();
            hangFront.start();
            try {
                JsonNode refused = new RawHttp(downFront.url()).ask(init);
                assertThat(code(refused)).isEqualTo(JsonRpc.UPSTREAM_GONE);
                assertThat(refused.path("error").path("message").asText()).contains("could not be reached")
                        .contains(Integer.toString(closedPort));
                JsonNode late = new RawHttp(hangFront.url()).ask(init);
                assertThat(code(late)).isEqualTo(JsonRpc.UPSTREAM_TIMEOUT);
                assertThat(late.path("error").path("message").asText()).contains("within 3 s");
                // the front still answers
                assertThat(new RawHttp(downFront.url()).post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")
                        .statusCode()).isEqualTo(400);
            } finally {
                downFront.close();
                hangFront.close();
            }
        }
    }

    @Test
    void aClientThatDisconnectsWhileItsCallIsHeldWithdrawsIt() throws Exception {
        RawHttp s = new RawHttp(front.url());
        s.initialize();
        String call = "{\"jsonrpc\":\"2.0\",\"id\":\"held\",\"method\":\"tools/call\",\"params\":{\"name\":\"get-sum\","
                + "\"arguments\":{\"a\":40,\"b\":2}}}";
        QueueItem held;
        try (Socket raw = new Socket("127.0.0.1", front.url().getPort())) {
            OutputStream out = raw.getOutputStream();
            out.write(("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:" + front.url().getPort() + "\r\nContent-Type: "
                    + "application/json\r\nAccept: application/json, text/event-stream\r\n"
                    + McpHttpSessions.SESSION_HEADER + ": " + s.session + "\r\nContent-Length: "
                    + call.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + call).getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = raw.getInputStream();
            assertThat(new String(in.readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
            held = await().atMost(WAIT).until(() -> workspace.queue().pending().stream()
                    .filter(i -> i.action().equals("compute:sum") && i.sessionId() != null
                            && i.sessionId().equals(s.session)).findFirst().orElse(null), i -> i != null);
        } // the client hangs up
        await().atMost(WAIT).until(() -> workspace.queue().find(held.traceId()).orElseThrow().status()
                != dev.arbiter.core.queue.ReviewStatus.PENDING);
        QueueItem withdrawn = workspace.queue().find(held.traceId()).orElseThrow();
        assertThat(withdrawn.status()).isEqualTo(dev.arbiter.core.queue.ReviewStatus.DENIED);
        // and the session still works
        JsonNode echoed = s.ask("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"echo\",\"arguments\":{\"message\":\"after\"}}}");
        assertThat(echoed.path("result").path("content").get(0).path("text").asText()).contains("after");
    }

    // ---- the GET stream of server messages --------------------------------------------------------------------

    /** A GET stream read line by line on a thread of its own, until closed. */
    static final class Listener implements AutoCloseable {
        final HttpResponse<InputStream> response;
        final java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
        volatile boolean ended;

        Listener(URI url, String session, String lastEventId) throws Exception {
            HttpRequest.Builder get = HttpRequest.newBuilder(url).GET().header("Accept", "text/event-stream");
            if (session != null) {
                get.header(McpHttpSessions.SESSION_HEADER, session);
            }
            if (lastEventId != null) {
                get.header("Last-Event-ID", lastEventId);
            }
            response = HTTP.send(get.build(), HttpResponse.BodyHandlers.ofInputStream());
            Thread reader = new Thread(() -> {
                try (java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                        response.body(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // closed by the test
                }
                ended = true;
            }, "get-stream-reader");
            reader.setDaemon(true);
            reader.start();
        }

        /** Reads events until one whose data contains {@code text}; returns its id. */
        String awaitEvent(String text) throws InterruptedException {
            String id = null;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                String line = lines.poll(1, java.util.concurrent.TimeUnit.SECONDS);
                if (line == null) {
                    continue;
                }
                if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("data:") && line.contains(text)) {
                    return id;
                }
            }
            throw new AssertionError("no event with " + text + " on the GET stream");
        }

        @Override
        public void close() throws IOException {
            response.body().close();
        }
    }

    @Test
    void theGetStreamCarriesServerMessagesAndResumesFromLastEventId() throws Exception {
        RawHttp s = new RawHttp(front.url());
        s.initialize();
        JsonNode created = s.ask("{\"jsonrpc\":\"2.0\",\"id\":\"t\",\"method\":\"tools/call\",\"params\":{"
                + "\"name\":\"get-sum\",\"arguments\":{\"a\":70,\"b\":1},\"task\":{\"ttl\":60000}}}");
        String taskId = created.path("result").path("task").path("taskId").asText();
        assertThat(taskId).as(created.toString()).startsWith(ProxyTasks.PREFIX);
        QueueItem held = await().atMost(WAIT).until(() -> workspace.queue().pending().stream()
                .filter(i -> s.session.equals(i.sessionId())).findFirst().orElse(null), i -> i != null);
        String running;
        try (Listener listener = new Listener(front.url(), s.session, null)) {
            assertThat(listener.response.statusCode()).isEqualTo(200);
            assertThat(listener.response.headers().firstValue("Content-Type").orElse(""))
                    .startsWith("text/event-stream");
            workspace.queue().approve(held.traceId(), "reviewer", "fine");
            running = listener.awaitEvent("running on the MCP server");
            assertThat(listener.awaitEvent("\"completed\"")).isNotNull();
        } // the client loses its connection after both events
        try (Listener resumed = new Listener(front.url(), s.session, running)) {
            String again = resumed.awaitEvent("\"completed\""); // sent again: it came after Last-Event-ID
            assertThat(Long.parseLong(again)).isGreaterThan(Long.parseLong(running));
            JsonNode result = s.ask("{\"jsonrpc\":\"2.0\",\"id\":\"r\",\"method\":\"tasks/result\",\"params\":{"
                    + "\"taskId\":\"" + taskId + "\"}}");
            assertThat(result.path("result").path("content").get(0).path("text").asText()).contains("71");

            // one GET stream per session: a newer one ends the older; ending the session ends the newer
            try (Listener newer = new Listener(front.url(), s.session, null)) {
                await().atMost(WAIT).until(() -> resumed.ended);
                HttpResponse<String> deleted = HTTP.send(HttpRequest.newBuilder(front.url()).DELETE()
                        .header(McpHttpSessions.SESSION_HEADER, s.session).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(deleted.statusCode()).isEqualTo(204);
                await().atMost(WAIT).until(() -> newer.ended);
            }
        }
    }

    @Test
    void aGetStreamNeedsAKnownSession() throws Exception {
        HttpResponse<String> none = HTTP.send(HttpRequest.newBuilder(front.url()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(none.body()).contains(McpHttpSessions.SESSION_HEADER);
        HttpResponse<String> unknown = HTTP.send(HttpRequest.newBuilder(front.url()).GET()
                .header(McpHttpSessions.SESSION_HEADER, "no-such-session").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void heldCallsCannotTakeEveryThreadRequestsBeyondTheCapAreBusyAndACancelStillGetsThrough() throws Exception {
        try (McpHttpSessions capped = new McpHttpSessions(workspace, EverythingPolicy.AGENT, upstream,
                Duration.ofSeconds(60), Duration.ofMillis(200), 3);
             McpHttpFront small = new McpHttpFront(capped, new GatewayConfig("127.0.0.1", 0))) {
            small.start();
            RawHttp s = new RawHttp(small.url());
            s.initialize(); // its stream is given back once answered
            List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String call = "{\"jsonrpc\":\"2.0\",\"id\":\"cap" + i + "\",\"method\":\"tools/call\",\"params\":{"
                        + "\"name\":\"get-sum\",\"arguments\":{\"a\":" + (80 + i) + ",\"b\":1}}}";
                held.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return s.post(call);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            await().atMost(WAIT).until(() -> workspace.queue().pending().stream()
                    .filter(i -> s.session.equals(i.sessionId())).count() == 3);
            HttpResponse<String> busy = s.post("{\"jsonrpc\":\"2.0\",\"id\":\"more\",\"method\":\"tools/call\","
                    + "\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"x\"}}}");
            assertThat(busy.statusCode()).isEqualTo(503);
            assertThat(busy.body()).contains("as many MCP requests open");
            // a notification needs no stream: the client can still cancel, which frees one
            assertThat(s.post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{"
                    + "\"requestId\":\"cap0\"}}").statusCode()).isEqualTo(202);
            assertThat(held.get(0).get(60, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            await().atMost(WAIT).until(() -> s.post("{\"jsonrpc\":\"2.0\",\"id\":\"after\",\"method\":"
                    + "\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"x\"}}}")
                    .statusCode() == 200);
            workspace.queue().pending().stream().filter(i -> s.session.equals(i.sessionId()))
                    .forEach(i -> workspace.queue().deny(i.traceId(), "test", "test over"));
        }
    }
}
