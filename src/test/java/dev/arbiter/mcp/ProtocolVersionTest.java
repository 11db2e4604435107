package dev.arbiter.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Version negotiation through the proxy: the session speaks a version the
 * client asked or the server chose, and only one Arbiter governs
 * (2025-11-25, 2026-07-28).
 */
class ProtocolVersionTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static java.nio.file.Path dir;
    static Workspace workspace;

    @BeforeAll
    static void open() {
        workspace = TestWorkspaces.open(dir);
        EverythingPolicy.install(workspace);
    }

    @AfterAll
    static void close() {
        workspace.close();
    }

    static String initialize(String version) {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"" + version
                + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";
    }

    @ParameterizedTest(name = "client asks {0}, server speaks {1}: server is asked {2}, session speaks {3}")
    @CsvSource({
            "2026-07-28, 2026-07-28 2025-11-25, 2026-07-28, 2026-07-28",
            "2025-11-25, 2026-07-28 2025-11-25, 2025-11-25, 2025-11-25",
            "2026-07-28, 2025-11-25,            2026-07-28, 2025-11-25",
            "2025-11-25, 2026-07-28,            2025-11-25, 2026-07-28",
            // a version Arbiter does not govern is never passed on: the server is asked for the newest it does
            "2025-06-18, 2026-07-28 2025-06-18, 2026-07-28, 2026-07-28",
            "2099-01-01, 2025-11-25,            2026-07-28, 2025-11-25"})
    void bothVersionsAreNegotiatedAndNothingElseIsClaimed(String asked, String serverSpeaks, String serverAsked,
                                                           String spoken) throws Exception {
        try (RawSession s = new RawSession(workspace, EverythingPolicy.AGENT, McpProxy.Limits.DEFAULT,
                VersionedServer.command(serverSpeaks.split(" ")))) {
            s.send(initialize(asked));
            JsonNode init = s.response("1", WAIT);
            assertThat(init.path("result").path("protocolVersion").asText()).as("%s", init).isEqualTo(spoken);
            assertThat(init.path("result").path("serverInfo").path("name").asText()).isEqualTo("asked:" + serverAsked);
            s.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            s.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                    + "\"arguments\":{\"message\":\"in " + spoken + "\"}}}");
            assertThat(s.response("2", WAIT).path("result").path("content").get(0).path("text").asText())
                    .isEqualTo("echo: in " + spoken);
        }
    }

    @ParameterizedTest
    @CsvSource({"2025-06-18", "2024-11-05"})
    void aServerThatChoosesAVersionArbiterDoesNotGovernEndsTheSession(String only) throws Exception {
        try (RawSession s = new RawSession(workspace, EverythingPolicy.AGENT, McpProxy.Limits.DEFAULT,
                VersionedServer.command(only))) {
            s.send(initialize("2025-11-25"));
            JsonNode refused = s.response("1", WAIT);
            assertThat(refused.has("result")).isFalse();
            assertThat(refused.path("error").path("message").asText()).contains(only).contains("2025-11-25")
                    .contains("2026-07-28");
            s.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                    + "\"arguments\":{\"message\":\"x\"}}}");
            assertThat(s.response("2", WAIT).path("error").path("message").asText()).contains(only);
        }
    }

    @org.junit.jupiter.api.Test
    void theRealServerAnswersTheNewestItHasWhenAsked2026() throws Exception {
        try (RawSession s = new RawSession(workspace, EverythingPolicy.AGENT, McpProxy.Limits.DEFAULT,
                NpmMcpServers.command(NpmMcpServers.EVERYTHING, "stdio"))) {
            s.send(initialize("2026-07-28"));
            // server-everything 2026.8.31 (TypeScript SDK 1.32) speaks 2025-11-25 at the newest
            assertThat(s.response("1", WAIT).path("result").path("protocolVersion").asText()).isEqualTo("2025-11-25");
        }
    }

    @Property
    void theServerIsOnlyEverAskedForAGovernedVersion(@ForAll String asked) {
        String ask = ProtocolVersions.toAsk(JsonNodeFactory.instance.objectNode().put("protocolVersion", asked));
        assertThat(ProtocolVersions.SUPPORTED).contains(ask);
        if (ProtocolVersions.SUPPORTED.contains(asked)) {
            assertThat(ask).isEqualTo(asked);
        }
        assertThat(List.of(ProtocolVersions.toAsk(null), ProtocolVersions.toAsk(JsonNodeFactory.instance.objectNode())))
                .containsOnly(ProtocolVersions.LATEST);
    }
}
