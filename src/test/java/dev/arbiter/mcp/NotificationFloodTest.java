package dev.arbiter.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.AgentProfile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that floods a call's stream with large notifications, behind the
 * HTTP proxy, while the client reads nothing: what Arbiter keeps for that
 * client stays within {@link McpHttpSessions#MAX_NOTE_BYTES} for the
 * session, the client is told how many were dropped, and the answer still
 * comes.
 */
class NotificationFloodTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper();
    static final String VERSION = "2025-11-25";
    static final Pattern DROPPED = Pattern.compile("dropped (\\d+) notification");

    @TempDir
    static Path dir;
    static Workspace workspace;
    static FloodingServer server;
    static McpHttpSessions sessions;

    @BeforeAll
    static void start() throws Exception {
        workspace = TestWorkspaces.open(dir);
        workspace.policies().save("""
                agent_policy:
                  name: "flood-agent"
                  allowed_actions: [call:flood]
                """, "test", null, true);
        workspace.agents().add(new AgentProfile("flood-agent", "Flood agent", "test", "", "", "", "", Set.of(),
                null, "flood-agent", null), "test");
        server = new FloodingServer();
        sessions = new McpHttpSessions(workspace, "flood-agent", server.url(), WAIT, Duration.ofMillis(200));
    }

    @AfterAll
    static void stop() {
        sessions.close();
        server.close();
        workspace.close();
    }

    static List<JsonNode> readAll(McpHttpSessions.Outgoing stream) throws Exception {
        List<JsonNode> messages = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!stream.finished() && System.nanoTime() < deadline) {
            McpHttpSessions.SseEvent event = stream.next(Duration.ofMillis(200));
            if (event != null) {
                messages.add(JSON.readTree(event.data()));
            }
        }
        stream.close();
        return messages;
    }

    static McpHttpSessions.Streaming post(String session, String json) {
        return (McpHttpSessions.Streaming) sessions.post(session, session == null ? null : VERSION,
                json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aFloodOfLargeNotificationsIsBoundedInBytesAndTheClientIsToldWhatWasDropped() throws Exception {
        McpHttpSessions.Streaming init = post(null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                + "\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":"
                + "\"flood-test\",\"version\":\"1\"}}}");
        String session = init.newSession();
        assertThat(readAll(init.stream()).get(0).has("result")).isTrue();
        sessions.post(session, VERSION, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"
                .getBytes(StandardCharsets.UTF_8));

        int count = 200;
        int size = 64 * 1024; // 12.5 MiB in all, twelve times the session's bound
        McpHttpSessions.Streaming call = post(session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"flood\",\"arguments\":{\"count\":" + count + ",\"size\":" + size + "}}}");
        // the client reads nothing while the server floods
        await().atMost(WAIT).pollInterval(Duration.ofMillis(5)).until(() -> {
            assertThat(sessions.notificationBytesQueued(session)).isLessThanOrEqualTo(McpHttpSessions.MAX_NOTE_BYTES);
            return server.floodsSent.get() == 1
                    && sessions.notificationBytesQueued(session) > McpHttpSessions.MAX_NOTE_BYTES - size - 100;
        });

        List<JsonNode> got = readAll(call.stream());
        long dropped = 0;
        int kept = 0;
        int warnings = 0;
        for (JsonNode m : got) {
            if ("arbiter".equals(m.path("params").path("logger").asText())) {
                warnings++;
                assertThat(m.path("params").path("level").asText()).isEqualTo("warning");
                Matcher n = DROPPED.matcher(m.path("params").path("data").asText());
                assertThat(n.find()).as("the warning says how many: %s", m).isTrue();
                dropped += Long.parseLong(n.group(1));
            } else if ("notifications/message".equals(m.path("method").asText())) {
                kept++;
            }
        }
        assertThat(warnings).as("the client is told").isGreaterThanOrEqualTo(1);
        assertThat(kept + dropped).as("every notification delivered or reported dropped").isEqualTo(count);
        JsonNode answer = got.get(got.size() - 1);
        assertThat(answer.path("id").asInt()).isEqualTo(2);
        assertThat(answer.path("result").path("content").get(0).path("text").asText()).isEqualTo("flood over");
        assertThat(sessions.notificationBytesQueued(session)).as("read or closed: given back").isZero();
    }
}
