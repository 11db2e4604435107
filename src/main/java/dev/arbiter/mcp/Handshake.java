package dev.arbiter.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one MCP session's {@code initialize} handshake settled: the protocol
 * version (only one Arbiter governs, {@link ProtocolVersions}), whether the
 * session offers MCP tasks to the client (in {@link McpProxy#TASKS_VERSION}),
 * and what the server said of its own tasks. Rewrites the two messages of the
 * handshake where Arbiter must: the client's request asks only for a governed
 * version, and the server's answer declares Arbiter's task capability.
 */
final class Handshake {

    private static final Logger LOG = LoggerFactory.getLogger(Handshake.class);

    /** The server's answer to {@code initialize} as the client should see it, or why the session is refused. */
    sealed interface Answer permits Relay, Refuse {
    }

    /** Relay {@code frame} to the client (the bytes that arrived, or a rewrite). */
    record Relay(byte[] frame) implements Answer {
    }

    /** The server chose a version Arbiter does not govern: the session ends with {@code why}. */
    record Refuse(String why) implements Answer {
    }

    private volatile String protocolVersion;
    /** The server runs task-augmented tools/call itself / answers tasks/list (its initialize said so). */
    private volatile boolean serverRunsToolTasks;
    private volatile boolean serverListsTasks;

    /** The protocol version the server chose; null before the handshake. */
    String protocolVersion() {
        return protocolVersion;
    }

    /** True when this session offers MCP tasks to the client. */
    boolean tasksOffered() {
        return McpProxy.TASKS_VERSION.equals(protocolVersion);
    }

    /** True when the server said it runs task-augmented {@code tools/call} itself. */
    boolean serverRunsToolTasks() {
        return serverRunsToolTasks;
    }

    /** True when the server said it answers {@code tasks/list}. */
    boolean serverListsTasks() {
        return serverListsTasks;
    }

    /** The client's initialize as the server should see it: asking only for a version Arbiter governs. */
    static byte[] request(JsonRpc.Request request, byte[] frame) {
        String ask = ProtocolVersions.toAsk(request.params());
        JsonNode asked = request.params() == null ? null : request.params().get("protocolVersion");
        if (asked != null && asked.isTextual() && asked.asText().equals(ask)) {
            return frame;
        }
        LOG.info("The MCP client asked for protocol version {}; asking the server for {}", asked, ask);
        ObjectNode copy = request.raw().deepCopy();
        (copy.get("params") instanceof ObjectNode params ? params : copy.putObject("params"))
                .put("protocolVersion", ask);
        return JsonRpc.bytes(copy);
    }

    /** Reads the server's successful answer to {@code initialize} ({@code response} has a result). */
    Answer answered(JsonRpc.Response response, byte[] frame) {
        String version = ProtocolVersions.answered(response.raw().get("result"));
        if (!ProtocolVersions.supported(version)) {
            LOG.warn("The MCP server chose protocol version {}; the session is refused", version);
            return new Refuse(ProtocolVersions.refusal(version));
        }
        protocolVersion = version;
        JsonNode serverTasks = response.raw().path("result").path("capabilities").path("tasks");
        serverRunsToolTasks = serverTasks.path("requests").path("tools").has("call");
        serverListsTasks = serverTasks.has("list");
        return new Relay(tasksOffered() ? JsonRpc.bytes(offeringTasks(response.raw())) : frame);
    }

    /**
     * The server's initialize answer as the client sees it: with Arbiter's
     * task capability added (tasks/list, tasks/cancel, task-augmented
     * tools/call), as Arbiter answers a task-augmented call itself.
     */
    private static ObjectNode offeringTasks(ObjectNode response) {
        ObjectNode copy = response.deepCopy();
        if (!(copy.get("result") instanceof ObjectNode result)) {
            return copy;
        }
        ObjectNode capabilities = result.get("capabilities") instanceof ObjectNode c ? c
                : result.putObject("capabilities");
        ObjectNode taskCaps = capabilities.get("tasks") instanceof ObjectNode t ? t : capabilities.putObject("tasks");
        taskCaps.putObject("list");
        taskCaps.putObject("cancel");
        ObjectNode requests = taskCaps.get("requests") instanceof ObjectNode r ? r : taskCaps.putObject("requests");
        ObjectNode tools = requests.get("tools") instanceof ObjectNode t2 ? t2 : requests.putObject("tools");
        tools.putObject("call");
        return copy;
    }
}
