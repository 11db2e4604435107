package dev.arbiter.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.AgentProfile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code tools/call} is never refused as an unknown tool because of when it
 * arrived: while the proxy re-reads a paged listing after
 * {@code notifications/tools/list_changed} (the real {@code server-everything}
 * sends several right after {@code initialized}, the CI flake of
 * {@code BadInputTest}), after a listing the server refused, or for a tool the
 * server added without saying so. A tool still unlisted after asking the
 * server again is refused, never forwarded. The server is scripted in this
 * process, so each race is played exactly, not hoped for.
 */
class ToolListingTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String AGENT = "listing-agent";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Workspace workspace;

    @BeforeAll
    static void open() {
        workspace = TestWorkspaces.open(dir);
        workspace.policies().save("""
                agent_policy:
                  name: "listing-agent"
                  allowed_actions: [call:echo, call:fresh, call:other]
                """, "test", null, true);
        workspace.agents().add(new AgentProfile(AGENT, "Listing agent", "test", "", "", "", "", Set.of(), null,
                "listing-agent", null), "test");
    }

    @AfterAll
    static void close() {
        workspace.close();
    }

    /** A proxy whose server is this test: what the proxy sends either way is queued for the test to read. */
    static final class Scripted implements AutoCloseable {
        final LinkedBlockingQueue<JsonNode> toServer = new LinkedBlockingQueue<>();
        final LinkedBlockingQueue<JsonNode> toClient = new LinkedBlockingQueue<>();
        final McpProxy proxy;

        Scripted() {
            this(WAIT);
        }

        /** {@code upstreamTimeout}: how long the proxy waits for an answer of the server (this test). */
        Scripted(Duration upstreamTimeout) {
            proxy = new McpProxy(new ToolCallGate(workspace, AGENT), m -> toClient.add(read(m)),
                    m -> toServer.add(read(m)), new McpProxy.Limits(upstreamTimeout, Duration.ofSeconds(10)));
        }

        static JsonNode read(byte[] frame) {
            try {
                return JSON.readTree(frame);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }

        void client(String json) {
            proxy.fromClient(json.getBytes(StandardCharsets.UTF_8));
        }

        void server(String json) {
            proxy.fromServer(json.getBytes(StandardCharsets.UTF_8));
        }

        /** The next message the proxy sent the server with this method. */
        JsonNode sentToServer(String method) throws InterruptedException {
            return next(toServer, m -> method.equals(m.path("method").asText()), "the server: " + method);
        }

        /** The proxy's answer to the client's request {@code id}. */
        JsonNode answered(String id) throws InterruptedException {
            return next(toClient, m -> id.equals(m.path("id").asText()) && !m.has("method"), "the client: " + id);
        }

        /** The first message in {@code queue} that is {@code wanted}, waiting for it; the others stay queued. */
        static JsonNode next(LinkedBlockingQueue<JsonNode> queue, java.util.function.Predicate<JsonNode> wanted,
                             String what) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            List<JsonNode> aside = new java.util.ArrayList<>();
            try {
                while (true) {
                    JsonNode m = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                    if (m == null) {
                        throw new AssertionError("nothing sent to " + what + " within " + WAIT + "; sent: " + aside);
                    }
                    if (wanted.test(m)) {
                        return m;
                    }
                    aside.add(m);
                }
            } finally {
                queue.addAll(aside);
            }
        }

        /** Answers the proxy's own request with this result. */
        void answer(JsonNode request, String resultJson) {
            server("{\"jsonrpc\":\"2.0\",\"id\":" + request.get("id") + ",\"result\":" + resultJson + "}");
        }

        /** The handshake, then the proxy's first listing answered with {@code tools}. */
        void start(String tools) throws InterruptedException {
            client("{\"jsonrpc\":\"2.0\",\"id\":\"init\",\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                    + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
            JsonNode init = sentToServer("initialize");
            answer(init, "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{\"tools\":{\"listChanged\":true}},"
                    + "\"serverInfo\":{\"name\":\"scripted\",\"version\":\"1\"}}");
            answered("init");
            client("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            if (tools != null) {
                answer(sentToServer("tools/list"), page(tools, null));
            }
        }

        void call(String id, String tool) {
            client("{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"method\":\"tools/call\",\"params\":{\"name\":\""
                    + tool + "\",\"arguments\":{\"message\":\"hi\"}}}");
        }

        @Override
        public void close() {
            proxy.close();
        }
    }

    static String page(String names, String nextCursor) {
        StringBuilder tools = new StringBuilder();
        for (String name : names.split(",")) {
            if (!name.isBlank()) {
                tools.append(tools.isEmpty() ? "" : ",").append("{\"name\":\"").append(name)
                        .append("\",\"inputSchema\":{\"type\":\"object\"}}");
            }
        }
        return "{\"tools\":[" + tools + "]" + (nextCursor == null ? "" : ",\"nextCursor\":\"" + nextCursor + "\"") + "}";
    }

    static String message(JsonNode answer) {
        return answer.path("error").path("message").asText();
    }

    @Test
    void aCallDuringARelistingOfPagesIsJudgedOnTheWholeListingNotOnAHalfReadOne() throws Exception {
        try (Scripted s = new Scripted()) {
            s.start("echo");
            s.server("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}");
            s.answer(s.sentToServer("tools/list"), page("other", "page-2"));
            JsonNode second = s.sentToServer("tools/list"); // page 2 is not answered yet
            assertThat(second.path("params").path("cursor").asText()).isEqualTo("page-2");
            s.call("during", "echo");
            // before the fix this was answered at once: "Unknown tool: echo" (page 1 had emptied the catalog)
            assertThat(List.copyOf(s.toClient)).noneMatch(m -> "during".equals(m.path("id").asText()));
            s.answer(second, page("echo", null));
            JsonNode forwarded = s.sentToServer("tools/call");
            assertThat(forwarded.path("id").asText()).isEqualTo("during");
            assertThat(s.toClient).noneMatch(m -> "during".equals(m.path("id").asText()));
        }
    }

    @Test
    void aToolTheServerAddedWithoutSayingSoIsListedAgainBeforeItIsCalledUnknown() throws Exception {
        try (Scripted s = new Scripted()) {
            s.start("echo");
            s.call("new", "fresh");
            s.answer(s.sentToServer("tools/list"), page("echo,fresh", null));
            assertThat(s.sentToServer("tools/call").path("id").asText()).isEqualTo("new");
        }
    }

    @Test
    void aListingTheServerRefusedIsAskedAgainAndNeverLeavesTheSessionWithoutTools() throws Exception {
        try (Scripted s = new Scripted()) {
            s.start(null);
            JsonNode first = s.sentToServer("tools/list");
            s.server("{\"jsonrpc\":\"2.0\",\"id\":" + first.get("id") + ",\"error\":{\"code\":-32603,"
                    + "\"message\":\"not ready yet\"}}");
            s.call("after", "echo");
            s.answer(s.sentToServer("tools/list"), page("echo", null));
            assertThat(s.sentToServer("tools/call").path("id").asText()).isEqualTo("after");
        }
    }

    @Test
    void aToolStillUnlistedAfterAskingAgainIsRefusedAndNeverForwarded() throws Exception {
        try (Scripted s = new Scripted()) {
            s.start("echo");
            s.call("nope", "no-such-tool");
            s.answer(s.sentToServer("tools/list"), page("echo", null));
            JsonNode unknown = s.answered("nope");
            assertThat(unknown.path("error").path("code").asInt()).isEqualTo(JsonRpc.INVALID_PARAMS);
            assertThat(message(unknown)).contains("Unknown tool: no-such-tool").contains("does not offer it");
            assertThat(List.copyOf(s.toServer)).noneMatch(m -> "tools/call".equals(m.path("method").asText()));
        }
    }

    /**
     * Many calls of unlisted tools at once share their listings rather than costing one each: a call waits for a
     * listing that started after it arrived, and every call that came meanwhile shares it (listings of a session
     * start at least {@link ToolListing#LISTING_GAP_NANOS} apart, so calls arriving within that time share one).
     * Every call still gets its answer, never a forward.
     */
    @Test
    void aFloodOfUnknownToolsSharesItsListings() throws Exception {
        try (Scripted s = new Scripted()) {
            s.start("echo");
            int calls = 50;
            for (int i = 0; i < calls; i++) {
                s.call("u" + i, "unknown-" + i);
            }
            int listings = 0;
            java.util.Map<String, JsonNode> answers = new java.util.HashMap<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (answers.size() < calls) {
                assertThat(System.nanoTime()).as("answers so far: %s", answers.keySet()).isLessThan(deadline);
                JsonNode answer = s.toClient.poll(20, TimeUnit.MILLISECONDS);
                if (answer != null && answer.path("id").asText().startsWith("u")) {
                    answers.put(answer.path("id").asText(), answer);
                    deadline = System.nanoTime() + WAIT.toNanos();
                }
                JsonNode listing = s.toServer.poll();
                if (listing != null && "tools/list".equals(listing.path("method").asText())) {
                    listings++;
                    s.answer(listing, page("echo", null));
                }
            }
            for (int i = 0; i < calls; i++) {
                assertThat(message(answers.get("u" + i))).contains("Unknown tool: unknown-" + i);
            }
            assertThat(listings).as("listings for %d calls of unlisted tools", calls).isBetween(1, calls / 10);
            assertThat(List.copyOf(s.toServer)).noneMatch(m -> "tools/call".equals(m.path("method").asText()));
        }
    }

    /** The server never answers the listing: the call is refused once the upstream timeout passes, not forwarded. */
    @Test
    void aListingThatNeverComesRefusesTheCallAfterTheUpstreamTimeout() throws Exception {
        try (Scripted s = new Scripted(Duration.ofSeconds(5))) {
            s.start("echo");
            s.call("late", "fresh");
            s.sentToServer("tools/list"); // never answered
            JsonNode refused = s.answered("late");
            assertThat(message(refused)).contains("fresh");
            assertThat(List.copyOf(s.toServer)).noneMatch(m -> "tools/call".equals(m.path("method").asText()));
        }
    }
}
