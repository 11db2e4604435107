package dev.arbiter.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.AgentProfile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks on the proxy's own listing of the server's tools ({@link ToolListing}): calls of unlisted or look-alike
 * tools one after another, a {@code tools/list_changed} storm, a server whose cursors go round, and a server that
 * pages out more tools than one message may hold. None may make the proxy list the server without bound, loop, or
 * hold unbounded memory; no undecided call is forwarded.
 */
class ToolListingFloodAttackTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String AGENT = "listing-flood-agent";

    @TempDir
    static Path dir;
    static Workspace workspace;

    @BeforeAll
    static void open() {
        workspace = TestWorkspaces.open(dir);
        workspace.policies().save("""
                agent_policy:
                  name: "listing-flood-agent"
                  allowed_actions: [call:echo, call:late]
                """, "test", null, true);
        workspace.agents().add(new AgentProfile(AGENT, "Listing flood agent", "test", "", "", "", "", Set.of(),
                null, "listing-flood-agent", null), "test");
    }

    @AfterAll
    static void close() {
        workspace.close();
    }

    /** A scripted session (as {@link ToolListingTest.Scripted}) that also stamps when each listing was asked. */
    static final class Session implements AutoCloseable {
        final LinkedBlockingQueue<JsonNode> toServer = new LinkedBlockingQueue<>();
        final LinkedBlockingQueue<JsonNode> toClient = new LinkedBlockingQueue<>();
        final List<Long> listingsAsked = new CopyOnWriteArrayList<>();
        final McpProxy proxy;

        Session() {
            proxy = new McpProxy(new ToolCallGate(workspace, AGENT), m -> toClient.add(ToolListingTest.Scripted.read(m)),
                    m -> {
                        JsonNode sent = ToolListingTest.Scripted.read(m);
                        if (McpMethods.TOOLS_LIST.equals(sent.path("method").asText())
                                && !sent.path("params").has("cursor")) {
                            listingsAsked.add(System.nanoTime());
                        }
                        return toServer.add(sent);
                    }, new McpProxy.Limits(WAIT, Duration.ofSeconds(10)));
        }

        void client(String json) {
            proxy.fromClient(json.getBytes(StandardCharsets.UTF_8));
        }

        void server(String json) {
            proxy.fromServer(json.getBytes(StandardCharsets.UTF_8));
        }

        JsonNode sentToServer(String method) throws InterruptedException {
            return ToolListingTest.Scripted.next(toServer, m -> method.equals(m.path("method").asText()),
                    "the server: " + method);
        }

        JsonNode answered(String id) throws InterruptedException {
            return ToolListingTest.Scripted.next(toClient, m -> id.equals(m.path("id").asText())
                    && !m.has("method"), "the client: " + id);
        }

        void answer(JsonNode request, String resultJson) {
            server("{\"jsonrpc\":\"2.0\",\"id\":" + request.get("id") + ",\"result\":" + resultJson + "}");
        }

        void start(String tools) throws InterruptedException {
            client("{\"jsonrpc\":\"2.0\",\"id\":\"init\",\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                    + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
            answer(sentToServer("initialize"), "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{\"tools\":"
                    + "{\"listChanged\":true}},\"serverInfo\":{\"name\":\"scripted\",\"version\":\"1\"}}");
            answered("init");
            client("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            answer(sentToServer("tools/list"), ToolListingTest.page(tools, null));
        }

        void call(String id, String tool) {
            client("{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"method\":\"tools/call\",\"params\":{\"name\":\""
                    + tool + "\",\"arguments\":{\"message\":\"hi\"}}}");
        }

        /** How many listings at most could have started in the time between the first and the last. */
        int listingsTheGapAllows() {
            long span = listingsAsked.get(listingsAsked.size() - 1) - listingsAsked.get(0);
            // +2: the first listing, and one whose request left later after its start than the first one's did
            return (int) (span / ToolListing.LISTING_GAP_NANOS) + 2;
        }

        @Override
        public void close() {
            proxy.close();
        }
    }

    /**
     * An agent that calls look-alike names of a tool one after another, each after the last was refused: before,
     * every call made the proxy list the server's tools again (a listing that started after it), so the agent
     * drove the server's listing as fast as it could call. Now listings of a session start at least a second
     * apart, and every call is still refused as unknown, never forwarded.
     */
    @Test
    void lookAlikeCallsOneAfterAnotherCostAtMostOneListingASecond() throws Exception {
        try (Session s = new Session()) {
            s.start("echo");
            List<String> lookAlikes = List.of("Echo", "echo_", "ech0", "echo2", "eCho", "echo-");
            for (int i = 0; i < lookAlikes.size(); i++) {
                s.call("u" + i, lookAlikes.get(i));
                s.answer(s.sentToServer("tools/list"), ToolListingTest.page("echo", null));
                assertThat(s.answered("u" + i).path("error").path("message").asText()).contains("Unknown tool");
            }
            assertThat(s.listingsAsked).hasSize(lookAlikes.size() + 1);
            assertThat(s.listingsAsked.size()).as("listings asked, against what one a second allows")
                    .isLessThanOrEqualTo(s.listingsTheGapAllows());
            assertThat(List.copyOf(s.toServer)).noneMatch(m -> "tools/call".equals(m.path("method").asText()));
        }
    }

    /** A server that says its tools changed again and again, for three seconds: at most one listing a second. */
    @Test
    void aListChangedStormCostsAtMostOneListingASecond() throws Exception {
        try (Session s = new Session()) {
            s.start("echo");
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (System.nanoTime() < end) {
                s.server("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}");
                JsonNode listing = s.toServer.poll(10, TimeUnit.MILLISECONDS);
                if (listing != null && "tools/list".equals(listing.path("method").asText())) {
                    s.answer(listing, ToolListingTest.page("echo", null));
                }
            }
            assertThat(s.listingsAsked.size()).as("listings asked, against what one a second allows")
                    .isGreaterThan(1).isLessThanOrEqualTo(s.listingsTheGapAllows());
            // the session still works: a listed tool is forwarded
            s.call("after", "echo");
            JsonNode forwarded;
            do {
                forwarded = s.toServer.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
                if (forwarded != null && "tools/list".equals(forwarded.path("method").asText())) {
                    s.answer(forwarded, ToolListingTest.page("echo", null));
                }
            } while (forwarded != null && !"tools/call".equals(forwarded.path("method").asText()));
            assertThat(forwarded).isNotNull();
            assertThat(forwarded.path("id").asText()).isEqualTo("after");
        }
    }

    /** Cursors that go round (c1, c2, c1, …) end the listing at the first cursor asked for twice. */
    @Test
    void aServerWhoseCursorsGoRoundEndsItsListingAtTheFirstRepeat() throws Exception {
        try (Session s = new Session()) {
            s.start("echo");
            s.call("late", "late");
            s.answer(s.sentToServer("tools/list"), ToolListingTest.page("echo", "c1"));
            s.answer(s.sentToServer("tools/list"), ToolListingTest.page("late", "c2"));
            s.answer(s.sentToServer("tools/list"), ToolListingTest.page("other", "c1"));
            JsonNode forwarded = s.sentToServer("tools/call");
            assertThat(forwarded.path("id").asText()).isEqualTo("late");
            assertThat(List.copyOf(s.toServer)).noneMatch(m -> "tools/list".equals(m.path("method").asText()));
        }
    }

    /**
     * A server that pages out large tools without end (a fresh cursor each page): the proxy stops asking once the
     * listing holds as many bytes as one message may, instead of holding up to a thousand pages of them, and the
     * call it waited for is refused, not forwarded.
     */
    @Test
    void aServerPagingLargeToolsWithoutEndIsCutAtOneMessagesWorth() throws Exception {
        try (Session s = new Session()) {
            s.start("echo");
            s.call("big", "late");
            String description = "x".repeat(4 << 20);
            int most = (int) (ToolListing.MAX_LISTING_BYTES / (4 << 20)) + 1;
            int pages = 0;
            JsonNode refusal = null;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (refusal == null) {
                assertThat(System.nanoTime()).as("the proxy neither asked for a page nor answered the call")
                        .isLessThan(deadline);
                JsonNode asked = s.toServer.poll(20, TimeUnit.MILLISECONDS);
                if (asked != null && "tools/list".equals(asked.path("method").asText())) {
                    pages++;
                    assertThat(pages).as("pages of 4 MB asked").isLessThanOrEqualTo(most);
                    s.answer(asked, "{\"tools\":[{\"name\":\"t" + pages + "\",\"description\":\"" + description
                            + "\",\"inputSchema\":{\"type\":\"object\"}}],\"nextCursor\":\"p" + pages + "\"}");
                    deadline = System.nanoTime() + WAIT.toNanos();
                }
                for (JsonNode m = s.toClient.poll(); m != null && refusal == null; m = s.toClient.poll()) {
                    refusal = "big".equals(m.path("id").asText()) ? m : null;
                }
            }
            assertThat(pages).as("pages of 4 MB asked").isLessThanOrEqualTo(
                    (int) (ToolListing.MAX_LISTING_BYTES / (4 << 20)) + 1);
            assertThat(refusal.path("error").path("message").asText()).contains("Unknown tool: late")
                    .contains("bytes of tools");
            assertThat(List.copyOf(s.toServer)).noneMatch(m -> "tools/call".equals(m.path("method").asText()));
        }
    }
}
