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

    /** An agent allowed the real server's long-running tool, to make the server hang or crash mid-call. */
    static final String RUNNER = "everything-runner";

    @BeforeAll
    static void open() {
        workspace = TestWorkspaces.open(dir);
        EverythingPolicy.install(workspace);
        workspace.policies().save("""
                agent_policy:
                  name: "everything-runner"
                  allowed_actions: [call:echo, call:trigger-long-running-operation]
                """, "test", null, true);
        workspace.agents().add(new dev.arbiter.core.agent.AgentProfile(RUNNER, "Runner", "test", "", "", "", "",
                java.util.Set.of(), null, "everything-runner", null), "test");
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
            // a number the gateway would refuse (read as infinity, or past 10^12 dollars) is refused the same way
            s.send("{\"jsonrpc\":\"2.0\",\"id\":\"c2\",\"method\":\"tools/call\",\"params\":{\"name\":\"get-sum\","
                    + "\"arguments\":{\"a\":1e400,\"b\":1}}}");
            JsonNode infinite = s.response("\"c2\"", WAIT);
            assertThat(code(infinite)).isEqualTo(JsonRpc.INVALID_PARAMS);
            assertThat(message(infinite)).contains("at most").contains("$.a");
            s.send("{\"jsonrpc\":\"2.0\",\"id\":\"c3\",\"method\":\"tools/call\",\"params\":{\"name\":\"get-sum\","
                    + "\"arguments\":{\"a\":20000000000000,\"b\":1}}}");
            assertThat(message(s.response("\"c3\"", WAIT))).contains("at most").contains("$.a");
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

    /** Starts the real server's long operation ({@code seconds} long) as call {@code id}, with a progress token. */
    static void longOperation(RawSession s, String id, int seconds) throws Exception {
        s.send("{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"trigger-long-running-operation\",\"arguments\":{\"duration\":" + seconds + ",\"steps\":" + seconds
                + "},\"_meta\":{\"progressToken\":\"" + id + "\"}}}");
    }

    /** The audited output of the first call by the runner that ended after ledger entry {@code seq}. */
    static String outcomeAfter(long seq) {
        return workspace.auditReader().after(seq, 1000).stream()
                .filter(e -> e.entry().event().equals("action.outcome") && RUNNER.equals(e.entry().agentId()))
                .map(e -> String.valueOf(e.entry().output())).findFirst().orElse(null);
    }

    @Test
    void aRealServerThatHangsOnACallTimesOutTheCallIsAuditedAndTheSessionGoesOn() throws Exception {
        long before = workspace.ledger().headSeq();
        // long enough for node to start on a busy machine, far shorter than the operation
        McpProxy.Limits patient = new McpProxy.Limits(Duration.ofSeconds(12), Duration.ofMillis(200));
        try (RawSession s = new RawSession(workspace, RUNNER, patient,
                NpmMcpServers.command(NpmMcpServers.EVERYTHING, "stdio"))) {
            s.initialize("2025-11-25");
            longOperation(s, "slow", 120); // the server works on it (progress comes back) but answers after 120 s
            JsonNode late = s.response("\"slow\"", WAIT);
            assertThat(code(late)).isEqualTo(JsonRpc.UPSTREAM_TIMEOUT);
            assertThat(message(late)).contains("did not answer tools/call within 12 s").contains("cancelled");
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> outcomeAfter(before) != null);
            assertThat(outcomeAfter(before)).contains(String.valueOf(JsonRpc.UPSTREAM_TIMEOUT));
            s.send("{\"jsonrpc\":\"2.0\",\"id\":\"next\",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                    + "\"arguments\":{\"message\":\"after the hang\"}}}");
            assertThat(s.response("\"next\"", WAIT).path("result").path("content").get(0).path("text").asText())
                    .contains("after the hang");
        }
    }

    @Test
    void aRealServerKilledMidCallAnswersThatCallAndEveryLaterOneAndTheProxyStaysUp() throws Exception {
        long before = workspace.ledger().headSeq();
        java.time.Instant started = java.time.Instant.now().minusSeconds(1);
        try (RawSession s = new RawSession(workspace, RUNNER, QUICK,
                NpmMcpServers.command(NpmMcpServers.EVERYTHING, "stdio"))) {
            s.initialize("2025-11-25");
            longOperation(s, "doomed", 60);
            // the server has the call once it reports progress on it
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> !s.notifications("notifications/progress")
                    .isEmpty());
            ProcessHandle server = ProcessHandle.current().children()
                    .filter(p -> p.info().commandLine().orElse("").contains(NpmMcpServers.EVERYTHING))
                    .filter(p -> p.info().startInstant().map(t -> t.isAfter(started)).orElse(false))
                    .findFirst().orElseThrow(() -> new AssertionError("the proxy's server process was not found"));
            server.destroyForcibly(); // kill -9, mid-call
            JsonNode gone = s.response("\"doomed\"", WAIT);
            assertThat(code(gone)).isEqualTo(JsonRpc.UPSTREAM_GONE);
            assertThat(message(gone)).contains("exited").contains("may have been carried out in part")
                    .contains("Restart the MCP client");
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> outcomeAfter(before) != null);
            assertThat(outcomeAfter(before)).contains(String.valueOf(JsonRpc.UPSTREAM_GONE));
            s.send("{\"jsonrpc\":\"2.0\",\"id\":\"later\",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                    + "\"arguments\":{\"message\":\"x\"}}}");
            JsonNode later = s.response("\"later\"", WAIT);
            assertThat(code(later)).isEqualTo(JsonRpc.UPSTREAM_GONE);
            assertThat(message(later)).contains("nothing was run");
            s.send("{\"jsonrpc\":\"2.0\",\"id\":\"m\",\"method\":\"no/such\"}");
            assertThat(code(s.response("\"m\"", WAIT))).isEqualTo(JsonRpc.METHOD_NOT_FOUND);
        }
    }
}
