package dev.arbiter.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditQuery;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What no well-behaved client or server does, through the proxy in front of
 * the real {@code server-everything} (or a server that crashes or hangs):
 * each gets a clear JSON-RPC or tool error, the proxy keeps answering, and
 * nothing is forwarded that was not allowed.
 */
class BadInputTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final McpProxy.Limits QUICK = new McpProxy.Limits(Duration.ofSeconds(60), Duration.ofMillis(200));
    static final McpProxy.Limits IMPATIENT = new McpProxy.Limits(Duration.ofSeconds(3), Duration.ofMillis(200));

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

    RawSession everything() throws Exception {
        return new RawSession(workspace, EverythingPolicy.AGENT, QUICK,
                NpmMcpServers.command(NpmMcpServers.EVERYTHING, "stdio"));
    }

    static int code(JsonNode answer) {
        return answer.path("error").path("code").asInt();
    }

    static String message(JsonNode answer) {
        return answer.path("error").path("message").asText();
    }

    @Test
    void brokenMessagesGetJsonRpcErrorsAndTheSessionGoesOn() throws Exception {
        try (RawSession s = everything()) {
            s.initialize("2025-11-25");
            s.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\"");
            assertThat(code(s.response("null", WAIT))).isEqualTo(JsonRpc.PARSE_ERROR);
            s.send("[{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}]");
            assertThat(message(s.response("null", WAIT))).contains("batches");
            s.send("{\"jsonrpc\":\"1.0\",\"id\":3,\"method\":\"ping\"}");
            assertThat(code(s.response("3", WAIT))).isEqualTo(JsonRpc.INVALID_REQUEST);
            s.send("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/execute\",\"params\":{\"name\":\"get-env\"}}");
            JsonNode unknownMethod = s.response("4", WAIT);
            assertThat(code(unknownMethod)).isEqualTo(JsonRpc.METHOD_NOT_FOUND);
            assertThat(message(unknownMethod)).contains("tools/execute");
            s.send("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"arguments\":{}}}");
            assertThat(message(s.response("5", WAIT))).contains("params.name");
            s.send("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"params\":\"x\"}}");
            // still alive and still governed: an allowed call runs
            s.send("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                    + "\"arguments\":{\"message\":\"still here\"}}}");
            JsonNode echoed = s.response("7", WAIT);
            assertThat(echoed.path("result").path("content").get(0).path("text").asText()).contains("still here");
        }
    }

    @Test
    void callsThatCannotBeDecidedAreRefusedBeforeTheServerSeesThem() throws Exception {
        try (RawSession s = everything()) {
            s.initialize("2025-11-25");
            s.send("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"tools/call\",\"params\":{\"name\":\"no-such-tool\","
                    + "\"arguments\":{}}}");
            JsonNode unknown = s.response("\"a\"", WAIT);
            assertThat(code(unknown)).isEqualTo(JsonRpc.INVALID_PARAMS);
            assertThat(message(unknown)).contains("Unknown tool: no-such-tool").contains("does not offer it");
            s.send("{\"jsonrpc\":\"2.0\",\"id\":\"b\",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                    + "\"arguments\":[\"not\",\"an\",\"object\"]}}");
            assertThat(message(s.response("\"b\"", WAIT))).contains("must be a JSON object");
            s.send("{\"jsonrpc\":\"2.0\",\"id\":\"c\",\"method\":\"tools/call\",\"params\":{\"name\":\"get-sum\","
                    + "\"arguments\":{\"a\":\"lots\",\"b\":1}}}");
            JsonNode notANumber = s.response("\"c\"", WAIT);
            assertThat(message(notANumber)).contains("amount must be a number").contains("$.a");
            s.send("{\"jsonrpc\":\"2.0\",\"id\":\"d\",\"method\":\"tools/call\",\"params\":{\"name\":\"get-env\","
                    + "\"arguments\":{}}}");
            JsonNode denied = s.response("\"d\"", WAIT);
            assertThat(denied.path("result").path("isError").asBoolean()).isTrue();
            assertThat(denied.path("result").path("content").get(0).path("text").asText())
                    .contains("call:get-env").contains("do not retry");
            assertThat(denied.path("result").toString()).doesNotContain("PATH"); // the server's env never came back
        }
        assertThat(workspace.auditReader().count(new AuditQuery(null, null, EverythingPolicy.AGENT,
                ToolCallGate.REJECTED, null))).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aServerThatCrashesIsReportedAndTheProxyStaysUp() throws Exception {
        try (RawSession s = new RawSession(workspace, EverythingPolicy.AGENT, QUICK,
                List.of("sh", "-c", "read line; exit 3"))) {
            s.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                    + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}");
            JsonNode gone = s.response("1", WAIT);
            assertThat(code(gone)).isEqualTo(JsonRpc.UPSTREAM_GONE);
            assertThat(message(gone)).contains("exited with code 3").contains("Restart the MCP client");
            s.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                    + "\"arguments\":{\"message\":\"x\"}}}");
            assertThat(code(s.response("2", WAIT))).isEqualTo(JsonRpc.UPSTREAM_GONE);
            s.send("not json");
            assertThat(code(s.response("null", WAIT))).isEqualTo(JsonRpc.PARSE_ERROR);
        }
    }

    @Test
    void aServerThatHangsTimesOutAndTheProxyStaysUp() throws Exception {
        try (RawSession s = new RawSession(workspace, EverythingPolicy.AGENT, IMPATIENT, List.of("sleep", "600"))) {
            s.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                    + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}");
            JsonNode late = s.response("1", WAIT);
            assertThat(code(late)).isEqualTo(JsonRpc.UPSTREAM_TIMEOUT);
            assertThat(message(late)).contains("did not answer initialize within 3 s");
            s.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"nope\"}");
            assertThat(code(s.response("2", WAIT))).isEqualTo(JsonRpc.METHOD_NOT_FOUND);
        }
    }

    @Test
    void theNextProtocolVersionIsRelayedAsTheServerNegotiatesIt() throws Exception {
        try (RawSession s = everything()) {
            s.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                    + "\"2026-07-28\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}");
            JsonNode init = s.response("1", WAIT);
            // the server picks the version it speaks; Arbiter does not rewrite the negotiation
            assertThat(init.has("error")).as("initialize answered %s", init).isFalse();
            assertThat(init.path("result").path("protocolVersion").asText()).isNotBlank();
            s.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            s.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                    + "\"arguments\":{\"message\":\"v\"}}}");
            assertThat(s.response("2", WAIT).path("result").path("content").get(0).path("text").asText())
                    .contains("v");
        }
    }
}
