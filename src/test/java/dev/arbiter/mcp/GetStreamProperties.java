package dev.arbiter.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.AgentProfile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The HTTP proxy's GET stream as an attacker who holds a session id uses it:
 * a forged {@code Last-Event-ID} of any spelling replays only the session's
 * own kept events, in order, from where it says (or from nothing already
 * delivered), and never fails; reconnecting in a loop without reading holds
 * at most {@link McpHttpSessions#MAX_LISTENING_PER_SESSION} streams.
 */
class GetStreamProperties {

    static final String VERSION = "2025-11-25";
    static final int EVENTS = 5;

    private static Path dir;
    private static Workspace workspace;
    private static FloodingServer server;
    private static McpHttpSessions sessions;
    private static String session;

    @BeforeContainer
    static void open() throws Exception {
        dir = Files.createTempDirectory("get-stream-props");
        workspace = TestWorkspaces.open(dir);
        workspace.policies().save("""
                agent_policy:
                  name: "flood-agent"
                  allowed_actions: [call:flood]
                """, "test", null, true);
        workspace.agents().add(new AgentProfile("flood-agent", "Flood agent", "test", "", "", "", "", Set.of(),
                null, "flood-agent", null), "test");
        server = new FloodingServer();
        sessions = new McpHttpSessions(workspace, "flood-agent", server.url(), Duration.ofSeconds(60),
                Duration.ofMillis(200));
        McpHttpSessions.Streaming init = post(null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                + "\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":"
                + "\"get-stream-test\",\"version\":\"1\"}}}");
        session = init.newSession();
        drain(init.stream());
        sessions.post(session, VERSION, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"
                .getBytes(StandardCharsets.UTF_8));
        // with a GET stream open, the server's notifications are its events: EVENTS of them, numbered 1..EVENTS
        McpHttpSessions.Outgoing listening = listen("-");
        drain(post(session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"flood\",\"arguments\":{\"count\":" + EVENTS + ",\"size\":10}}}").stream());
        List<McpHttpSessions.SseEvent> first = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            McpHttpSessions.SseEvent e = listening.next(Duration.ofMillis(50));
            if (e != null) {
                first.add(e);
            }
            return first.size() == EVENTS;
        });
        listening.close();
    }

    @AfterContainer
    static void close() throws Exception {
        sessions.close();
        server.close();
        workspace.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static McpHttpSessions.Streaming post(String id, String json) {
        return (McpHttpSessions.Streaming) sessions.post(id, id == null ? null : VERSION,
                json.getBytes(StandardCharsets.UTF_8));
    }

    static McpHttpSessions.Outgoing listen(String lastEventId) {
        McpHttpSessions.Posted posted = sessions.listen(session, lastEventId);
        assertThat(posted).as("GET with Last-Event-ID %s", lastEventId).isInstanceOf(McpHttpSessions.Streaming.class);
        return ((McpHttpSessions.Streaming) posted).stream();
    }

    static void drain(McpHttpSessions.Outgoing stream) throws InterruptedException {
        while (!stream.finished()) {
            stream.next(Duration.ofMillis(100));
        }
        stream.close();
    }

    @Provide
    Arbitrary<String> lastEventIds() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(-3, EVENTS + 3).map(String::valueOf),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.strings().ofMaxLength(30),
                Arbitraries.of("", " 3", "3 ", "+2", "0x1", "1e2", "99999999999999999999", "-0", "٣"));
    }

    @Property(tries = 150)
    void aForgedLastEventIdReplaysOnlyKeptEventsInOrderFromWhereItSays(@ForAll("lastEventIds") String lastEventId)
            throws Exception {
        McpHttpSessions.Outgoing stream = listen(lastEventId);
        try {
            List<Long> ids = new ArrayList<>();
            for (McpHttpSessions.SseEvent e = stream.next(Duration.ofMillis(20)); e != null;
                 e = stream.next(Duration.ofMillis(20))) {
                assertThat(e.id()).as("every replayed event is numbered").isNotNull();
                ids.add(Long.parseLong(e.id()));
            }
            Long asked = number(lastEventId);
            long from = asked == null ? EVENTS : Math.min(asked, EVENTS); // nothing not yet delivered is left
            List<Long> expected = new ArrayList<>();
            for (long n = from + 1; n <= EVENTS; n++) {
                expected.add(n);
            }
            assertThat(ids).isEqualTo(expected);
        } finally {
            stream.close();
        }
    }

    /** The id as the proxy reads it: a decimal number 0 or more, else none. */
    static Long number(String id) {
        try {
            long n = Long.parseLong(id.strip());
            return id.length() <= 19 && !id.isBlank() && n >= 0 ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Example
    void reconnectingInALoopWithoutReadingHoldsOnlyAFewStreams() throws Exception {
        List<McpHttpSessions.Outgoing> open = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < 50; i++) {
            McpHttpSessions.Posted posted = sessions.listen(session, "0");
            if (posted instanceof McpHttpSessions.Streaming s) {
                open.add(s.stream());
            } else {
                McpHttpSessions.Refused r = (McpHttpSessions.Refused) posted;
                assertThat(r.status()).isEqualTo(429);
                assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("GET streams");
                refused++;
            }
        }
        assertThat(open).hasSize(McpHttpSessions.MAX_LISTENING_PER_SESSION);
        assertThat(refused).isEqualTo(50 - McpHttpSessions.MAX_LISTENING_PER_SESSION);
        for (int i = 0; i < open.size() - 1; i++) {
            assertThat(open.get(i).finished()).as("a newer GET stream ends the older").isTrue();
        }
        open.forEach(McpHttpSessions.Outgoing::close); // the front closes each when its thread is free again
        McpHttpSessions.Outgoing again = listen("0");
        assertThat(again.next(Duration.ofMillis(100)).id()).isEqualTo("1");
        again.close();
    }
}
