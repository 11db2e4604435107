package dev.arbiter.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.core.decision.Decision;
import dev.arbiter.core.mcp.ToolDescriptor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MCP session relayed between a client and a server, with Arbiter in
 * between: every message passes through as the bytes that arrived, except
 * <ul>
 * <li>{@code tools/call}, which is decided first ({@link ToolCallGate}) and
 *     forwarded only when allowed; refused calls are answered here;</li>
 * <li>{@code tools/list} results, from which tools the policy denies
 *     outright are removed (when the policy says so) and whose tools are
 *     fingerprinted;</li>
 * <li>anything that is not JSON-RPC or not a known MCP method, answered
 *     here with a JSON-RPC error.</li>
 * </ul>
 * Transport-neutral: frames come in through {@link #fromClient} and
 * {@link #fromServer}, and go out through two {@link Wire}s.
 */
final class McpProxy implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(McpProxy.class);
    /** Requests in flight (held or forwarded) at most; beyond, calls are answered "busy". */
    static final int MAX_IN_FLIGHT = 256;
    /**
     * What the proxy works by: how long the server may take to answer, how often a held call's client
     * hears progress, and how many bytes of {@code tools/call} messages a session keeps at most while
     * their calls are decided or held (a message is forwarded as it arrived, so it stays until then).
     * Beyond that byte cap a call is answered "busy". Over stdio it is the only bound on them (over HTTP
     * the front's body budget also counts them): 256 held calls of 32 MiB each would be 8 GiB.
     */
    record Limits(Duration upstreamTimeout, Duration progressEvery, long maxCallBytes) {
        /** Two calls of the largest frame, or many ordinary ones. */
        static final long MAX_CALL_BYTES = 2L * FrameReader.MAX_FRAME_BYTES;
        static final Limits DEFAULT = new Limits(Duration.ofMinutes(5), Duration.ofSeconds(10));

        Limits(Duration upstreamTimeout, Duration progressEvery) {
            this(upstreamTimeout, progressEvery, MAX_CALL_BYTES);
        }
    }

    /** A client request sent on to the server, until it is answered. */
    private record Forwarded(JsonNode id, String method, boolean firstPage, Decision decision, long startNanos,
                             ScheduledFuture<?> timeout) {
    }

    /** A tools/call waiting for a reviewer. */
    private static final class Held {
        final JsonNode id;
        /** The client's {@code params.task} when it asked for a task (and the session offers them), else null. */
        final JsonNode taskAsked;
        volatile String traceId;
        volatile ScheduledFuture<?> progress;
        volatile boolean withdrawn;
        /** The Arbiter task that answered the call, once it was queued. */
        volatile ProxyTasks.Task task;

        Held(JsonNode id, JsonNode taskAsked) {
            this.id = id;
            this.taskAsked = taskAsked;
        }
    }

    /** The protocol version in which the proxy offers MCP tasks (the 2026 draft reshapes them). */
    static final String TASKS_VERSION = "2025-11-25";

    private final ToolCallGate gate;
    private final Wire toClient;
    private final Wire toServer;
    private final Limits limits;
    private final ToolCatalog catalog = new ToolCatalog();
    private final Map<String, Forwarded> forwarded = new ConcurrentHashMap<>();
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<JsonNode>> own = new ConcurrentHashMap<>();
    private final AtomicLong ownIds = new AtomicLong();
    private final AtomicLong callBytes = new AtomicLong();
    private final String ownPrefix = "arbiter-" + Long.toHexString(System.nanoTime()) + "-";
    private final ExecutorService executor = Executors.newFixedThreadPool(2, daemon("arbiter-mcp-gate"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("arbiter-mcp-timer"));
    private volatile CompletableFuture<Void> catalogLoad;
    private volatile String serverGone;
    private volatile String sessionId;
    private volatile String protocolVersion;
    /** The server runs task-augmented tools/call itself / answers tasks/list (its initialize said so). */
    private volatile boolean serverRunsToolTasks;
    private volatile boolean serverListsTasks;
    private final TaskCalls tasks;

    McpProxy(ToolCallGate gate, Wire toClient, Wire toServer, Limits limits) {
        this.gate = gate;
        this.toClient = toClient;
        this.toServer = toServer;
        this.limits = limits;
        this.tasks = new TaskCalls(new ProxyTasks(java.time.Clock.systemUTC()), new TaskCalls.Relay() {
            @Override
            public CompletableFuture<JsonNode> ownRequest(String method, JsonNode params,
                                                          java.util.function.Consumer<String> id) {
                return McpProxy.this.ownRequest(method, params, id);
            }

            @Override
            public void cancelOwn(String id, String why) {
                McpProxy.this.cancelOwn(id, why);
            }

            @Override
            public Wire toClient() {
                return McpProxy.this.toClient;
            }

            @Override
            public ToolCallGate gate() {
                return McpProxy.this.gate;
            }
        }, executor);
    }

    /** True when this session offers MCP tasks to the client. */
    private boolean tasksOffered() {
        return TASKS_VERSION.equals(protocolVersion);
    }

    /** True when the server runs {@code tool} as a task itself when asked. */
    private boolean serverRunsTask(String tool) {
        String support = catalog.taskSupport(tool);
        return serverRunsToolTasks && (support.equals("optional") || support.equals("required"));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** The session id recorded with each decision (the stdio proxy makes one up per run). */
    void sessionId(String id) {
        this.sessionId = id;
    }

    // ---- client to server ------------------------------------------------------------------------------

    /** Handles one frame from the client. Never throws: whatever arrives gets an answer or is dropped with a log line. */
    void fromClient(byte[] frame) {
        JsonRpc.Message message = JsonRpc.readFromClient(frame);
        try {
            if (message instanceof JsonRpc.Invalid invalid) {
                LOG.info("Client sent an invalid message: {}", invalid.problem());
                toClient.send(JsonRpc.error(invalid.id(), invalid.code(), invalid.problem()));
            } else if (message instanceof JsonRpc.Request request) {
                request(request, frame);
            } else if (message instanceof JsonRpc.Notification notification) {
                notification(notification, frame);
            } else if (message instanceof JsonRpc.Response response) {
                // a response to a request the server made (sampling, elicitation, roots): relayed as the members
                // of a response only, so nothing else it carried ("Method", "Params" for a reader that ignores
                // letter case) reaches the server undecided
                toServer.send(responseOnly(response));
            }
        } catch (RuntimeException e) {
            LOG.error("Message from the client could not be handled", e);
            if (message instanceof JsonRpc.Request request) {
                toClient.send(JsonRpc.error(request.id(), JsonRpc.INTERNAL_ERROR,
                        "Arbiter could not handle this request; see the Arbiter log. It was not forwarded."));
            }
        }
    }

    private static byte[] responseOnly(JsonRpc.Response response) {
        ObjectNode out = JsonRpc.JSON.createObjectNode();
        out.put("jsonrpc", "2.0");
        out.set("id", response.id());
        if (response.raw().has("result")) {
            out.set("result", response.raw().get("result"));
        } else {
            out.set("error", response.raw().get("error"));
        }
        return JsonRpc.bytes(out);
    }

    /** The client sent a frame too long to read. */
    void clientFrameTooLong(long bytes) {
        toClient.send(JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "message of " + bytes + " bytes is larger than "
                + "the " + FrameReader.MAX_FRAME_BYTES + " bytes Arbiter accepts; it was dropped, not forwarded"));
    }

    private void request(JsonRpc.Request request, byte[] frame) {
        String key = JsonRpc.key(request.id());
        if (!McpMethods.forwarded(request.method())) {
            toClient.send(JsonRpc.error(request.id(), JsonRpc.METHOD_NOT_FOUND, "Method not found: "
                    + abbreviate(request.method()) + " (Arbiter forwards the MCP methods of protocol versions "
                    + "2025-11-25 and 2026-07-28 only)"));
            return;
        }
        if (forwarded.containsKey(key) || held.containsKey(key) || tasks.waitingOn(key)) {
            toClient.send(JsonRpc.error(request.id(), JsonRpc.INVALID_REQUEST, "request id " + key
                    + " is still in use by an earlier request; use a new id"));
            return;
        }
        if (forwarded.size() + held.size() + tasks.waiting() >= MAX_IN_FLIGHT) {
            toClient.send(JsonRpc.error(request.id(), JsonRpc.BUSY, MAX_IN_FLIGHT + " requests are already in "
                    + "flight through Arbiter; wait for some to finish and retry"));
            return;
        }
        if (tasksOffered() && ownTaskRequest(request)) {
            return;
        }
        if (request.method().equals(McpMethods.TOOLS_CALL)) {
            call(request, frame);
        } else if (request.method().equals(McpMethods.INITIALIZE)) {
            forward(request.id(), request.method(), true, null, initializeFrame(request, frame));
        } else {
            boolean firstPage = request.params() == null || !request.params().hasNonNull("cursor");
            forward(request.id(), request.method(), firstPage, null, frame);
        }
    }

    /** Answers a tasks/… request about one of Arbiter's own tasks here; false for the server's to answer. */
    private boolean ownTaskRequest(JsonRpc.Request request) {
        String method = request.method();
        if (method.equals(McpMethods.TASKS_LIST) && !serverListsTasks) {
            toClient.send(JsonRpc.result(request.id(), tasks.list()));
            return true;
        }
        if (!(method.equals(McpMethods.TASKS_GET) || method.equals(McpMethods.TASKS_RESULT)
                || method.equals(McpMethods.TASKS_CANCEL))) {
            return false;
        }
        JsonNode taskId = request.params() == null ? null : request.params().get("taskId");
        if (taskId == null || !taskId.isTextual()) {
            toClient.send(JsonRpc.error(request.id(), JsonRpc.INVALID_PARAMS, method + " needs params.taskId, "
                    + "the task's id as a string"));
            return true;
        }
        if (!ProxyTasks.ours(taskId) && !serverRunsToolTasks) {
            toClient.send(JsonRpc.error(request.id(), JsonRpc.INVALID_PARAMS, "Failed to retrieve task: no task "
                    + abbreviate(taskId.asText()) + " in this session"));
            return true;
        }
        if (!ProxyTasks.ours(taskId)) {
            return false;
        }
        tasks.answer(request, taskId.asText());
        return true;
    }

    private void notification(JsonRpc.Notification notification, byte[] frame) {
        if (!notification.method().startsWith("notifications/")) {
            // a request method without an id (tools/call above all) is no MCP notification: a server that
            // dispatched on the method would run it ungated, so it is dropped (a notification gets no answer)
            LOG.warn("Client sent {} without an id; dropped, not forwarded", abbreviate(notification.method()));
            return;
        }
        if (notification.method().equals(McpMethods.CANCELLED) && notification.params() != null) {
            Held call = held.remove(JsonRpc.key(notification.params().path("requestId")));
            if (call != null) {
                withdraw(call, "the MCP client cancelled the call");
                return; // the server never saw it; nothing to tell it
            }
            if (tasks.abandon(JsonRpc.key(notification.params().path("requestId")))) {
                return; // a tasks/result it no longer waits for; the task itself goes on
            }
        }
        toServer.send(frame);
        if (notification.method().equals(McpMethods.INITIALIZED)) {
            loadCatalog();
        }
    }

    private void call(JsonRpc.Request request, byte[] frame) {
        JsonNode params = request.params();
        JsonNode name = params == null ? null : params.get("name");
        if (name == null || !name.isTextual()) {
            toClient.send(JsonRpc.error(request.id(), JsonRpc.INVALID_PARAMS,
                    "tools/call needs params.name, the tool's name as a string"));
            return;
        }
        String tool = name.asText();
        if (serverGone != null) {
            toClient.send(JsonRpc.error(request.id(), JsonRpc.UPSTREAM_GONE, serverGone));
            return;
        }
        long size = frame.length;
        if (callBytes.addAndGet(size) > limits.maxCallBytes()) {
            callBytes.addAndGet(-size);
            toClient.send(JsonRpc.error(request.id(), JsonRpc.BUSY, "Arbiter is holding " + limits.maxCallBytes()
                    + " bytes of calls that wait for a decision in this session; wait for some to finish and retry"));
            return;
        }
        JsonNode arguments = params.get("arguments");
        JsonNode progressToken = params.path("_meta").get("progressToken");
        JsonNode taskAsked = tasksOffered() && params.get("task") instanceof ObjectNode asked ? asked : null;
        Held call = new Held(request.id(), taskAsked);
        String key = JsonRpc.key(request.id());
        held.put(key, call);
        catalogReady()
                .thenCompose(ready -> gate.admit(tool, catalog.find(tool), arguments, sessionId,
                        pending -> hold(call, pending, progressToken)))
                .whenCompleteAsync((answer, failure) -> {
                    callBytes.addAndGet(-size); // forwarded below at once, or never
                    stopProgress(call);
                    if (call.task != null) {
                        tasks.settle(call.task, answer, failure, params, serverRunsTask(tool));
                        return;
                    }
                    if (!held.remove(key, call)) {
                        return; // withdrawn: the client no longer waits for an answer
                    }
                    if (taskAsked != null && !(answer instanceof GateAnswer.Reject)
                            && !(answer instanceof GateAnswer.Forward && serverRunsTask(tool))) {
                        // ruled at once, but the client waits for a task: one that is settled already
                        ProxyTasks.Task task = tasks.open(request.id(), taskAsked, "ruled on by Arbiter", null);
                        if (task != null) {
                            task.traceId = answer instanceof GateAnswer.Forward allow
                                    ? allow.decision().traceId() : null;
                            tasks.settle(task, answer, failure, params, false);
                        }
                        return;
                    }
                    if (failure != null) {
                        LOG.error("tools/call {} failed in Arbiter", tool, failure);
                        toClient.send(JsonRpc.result(request.id(), ToolResults.refusal("Arbiter failed while "
                                + "deciding on this call, so it was not run", "UNAVAILABLE", null)));
                        return;
                    }
                    if (answer instanceof GateAnswer.Forward allow) {
                        forward(request.id(), McpMethods.TOOLS_CALL, false, allow.decision(), frame);
                    } else if (answer instanceof GateAnswer.Refuse refuse) {
                        toClient.send(JsonRpc.result(request.id(), refuse.toolResult()));
                    } else if (answer instanceof GateAnswer.Reject reject) {
                        toClient.send(JsonRpc.error(request.id(), reject.code(), reject.message()));
                    }
                }, executor);
    }

    /** The client's initialize as the server should see it: asking only for a version Arbiter governs. */
    private static byte[] initializeFrame(JsonRpc.Request request, byte[] frame) {
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

    /** The protocol version the server chose in the initialize handshake; null before it. */
    String protocolVersion() {
        return protocolVersion;
    }

    /** A call went to the queue: remember its trace id, and keep the client from timing out while it waits. */
    private void hold(Held call, Decision pending, JsonNode progressToken) {
        call.traceId = pending.traceId();
        if (call.withdrawn) {
            // not on this thread: it may be the ledger's writer, which the withdrawal's own entry needs
            executor.execute(() -> gate.withdraw(pending.traceId(), "the MCP client cancelled the call"));
            return;
        }
        LOG.info("tools/call {} held for a reviewer ({})", pending.action(), pending.traceId());
        if (call.taskAsked != null && held.remove(JsonRpc.key(call.id), call)) {
            // the client polls a task instead of holding its request open (MCP 2025-11-25 "Tasks")
            // sent from the executor: this may be the ledger's thread, and a client not reading must not stall it
            ProxyTasks.Task task = tasks.create(call.taskAsked, "waiting for a reviewer in Arbiter to approve "
                    + pending.action() + " (trace " + pending.traceId() + ")", pending.traceId());
            call.task = task;
            executor.execute(() -> {
                tasks.announce(call.id, task);
                if (task == null) {
                    gate.withdraw(pending.traceId(), "the MCP session has too many tasks running");
                }
            });
            if (task == null) {
                return;
            }
        }
        if (progressToken != null && (progressToken.isTextual() || progressToken.isIntegralNumber())) {
            AtomicLong ticks = new AtomicLong();
            long every = Math.max(1, limits.progressEvery().toMillis());
            call.progress = timer.scheduleAtFixedRate(() -> {
                ObjectNode progress = JsonRpc.JSON.createObjectNode();
                progress.set("progressToken", progressToken);
                progress.put("progress", ticks.incrementAndGet());
                progress.put("message", "waiting for a reviewer in Arbiter to approve " + pending.action()
                        + " (trace " + pending.traceId() + ")");
                toClient.send(JsonRpc.notification(McpMethods.PROGRESS, progress));
            }, 0, every, TimeUnit.MILLISECONDS);
        }
    }

    private void stopProgress(Held call) {
        ScheduledFuture<?> progress = call.progress;
        if (progress != null) {
            progress.cancel(false);
        }
    }

    private void withdraw(Held call, String why) {
        call.withdrawn = true;
        stopProgress(call);
        if (call.traceId != null) {
            gate.withdraw(call.traceId, why);
        }
    }

    private void forward(JsonNode id, String method, boolean firstPage, Decision decision, byte[] frame) {
        String key = JsonRpc.key(id);
        if (serverGone != null) {
            toClient.send(JsonRpc.error(id, JsonRpc.UPSTREAM_GONE, serverGone));
            return;
        }
        long timeoutMs = limits.upstreamTimeout().toMillis();
        ScheduledFuture<?> timeout = timer.schedule(() -> timedOut(key), timeoutMs, TimeUnit.MILLISECONDS);
        forwarded.put(key, new Forwarded(id, method, firstPage, decision, System.nanoTime(), timeout));
        if (!toServer.send(frame)) {
            answerUnsent(key);
        }
    }

    private void timedOut(String key) {
        Forwarded request = forwarded.remove(key);
        if (request == null) {
            return;
        }
        LOG.warn("The MCP server did not answer {} {} within {}", request.method(), key, limits.upstreamTimeout());
        ObjectNode cancel = JsonRpc.JSON.createObjectNode();
        cancel.set("requestId", request.id());
        cancel.put("reason", "no answer within " + limits.upstreamTimeout().toSeconds() + " s");
        toServer.send(JsonRpc.notification(McpMethods.CANCELLED, cancel));
        String message = "the MCP server behind Arbiter did not answer " + request.method() + " within "
                + limits.upstreamTimeout().toSeconds() + " s; the request was cancelled";
        if (request.decision() != null) {
            gate.outcome(request.decision(), errorResponse(JsonRpc.UPSTREAM_TIMEOUT, message),
                    elapsedMs(request.startNanos()));
        }
        toClient.send(JsonRpc.error(request.id(), JsonRpc.UPSTREAM_TIMEOUT, message));
    }

    private void answerUnsent(String key) {
        Forwarded request = forwarded.remove(key);
        if (request != null) {
            request.timeout().cancel(false);
            toClient.send(JsonRpc.error(request.id(), JsonRpc.UPSTREAM_GONE, serverGone != null ? serverGone
                    : "the MCP server behind Arbiter is not reading its input; the request was not delivered"));
        }
    }

    // ---- server to client ------------------------------------------------------------------------------

    /** Handles one frame from the server. */
    void fromServer(byte[] frame) {
        JsonRpc.Message message = JsonRpc.read(frame);
        try {
            if (message instanceof JsonRpc.Response response) {
                response(response, frame);
            } else if (message instanceof JsonRpc.Notification notification) {
                toClient.send(frame);
                if (notification.method().equals(McpMethods.TOOLS_CHANGED)) {
                    loadCatalog();
                }
            } else if (message instanceof JsonRpc.Request) {
                toClient.send(frame); // sampling, elicitation, roots: the client's to answer
            } else if (message instanceof JsonRpc.Invalid invalid) {
                LOG.warn("The MCP server sent an invalid message, dropped: {}", invalid.problem());
            }
        } catch (RuntimeException e) {
            LOG.error("Message from the MCP server could not be handled", e);
        }
    }

    private void response(JsonRpc.Response response, byte[] frame) {
        String key = JsonRpc.key(response.id());
        CompletableFuture<JsonNode> mine = own.remove(key);
        if (mine != null) {
            mine.complete(response.raw());
            return;
        }
        Forwarded request = forwarded.remove(key);
        if (request == null) {
            LOG.info("Dropped the server's late or unasked answer to {}", key);
            return;
        }
        request.timeout().cancel(false);
        if (request.method().equals(McpMethods.INITIALIZE) && response.raw().has("result")) {
            String version = ProtocolVersions.answered(response.raw().get("result"));
            if (!ProtocolVersions.supported(version)) {
                LOG.warn("The MCP server chose protocol version {}; the session is refused", version);
                serverGone = ProtocolVersions.refusal(version);
                toClient.send(JsonRpc.error(request.id(), JsonRpc.UPSTREAM_GONE, serverGone));
                return;
            }
            protocolVersion = version;
            JsonNode serverTasks = response.raw().path("result").path("capabilities").path("tasks");
            serverRunsToolTasks = serverTasks.path("requests").path("tools").has("call");
            serverListsTasks = serverTasks.has("list");
            if (tasksOffered()) {
                toClient.send(JsonRpc.bytes(offeringTasks(response.raw())));
                return;
            }
        }
        if (request.method().equals(McpMethods.TOOLS_LIST) && response.raw().get("result") instanceof ObjectNode result) {
            toClient.send(JsonRpc.bytes(listed(response.raw(), result, request.firstPage())));
            return;
        }
        if (request.method().equals(McpMethods.TASKS_LIST) && request.firstPage()
                && response.raw().path("result").path("tasks") instanceof ArrayNode) {
            ObjectNode copy = response.raw().deepCopy();
            ((ArrayNode) copy.get("result").get("tasks")).addAll((ArrayNode) tasks.list().get("tasks"));
            toClient.send(JsonRpc.bytes(copy));
            return;
        }
        long latencyMs = elapsedMs(request.startNanos());
        // the client first: the outcome is an after-the-fact record (the decision was durable before
        // forwarding), so its audit entry need not delay the answer
        toClient.send(frame);
        if (request.decision() != null) {
            gate.outcome(request.decision(), response.raw(), latencyMs);
        }
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

    /**
     * Fingerprints the listed tools and hides those the policy denies outright
     * (when it says so). Where the session offers tasks, a tool the server
     * would not run as a task is listed {@code execution.taskSupport: optional}
     * (Arbiter runs the task); the fingerprint is of the server's own listing.
     */
    private ObjectNode listed(ObjectNode response, ObjectNode result, boolean firstPage) {
        List<ToolDescriptor> page = catalog.addPage(result, firstPage);
        fingerprint(page);
        boolean hide = gate.tools().hideDenied();
        if ((!hide && !tasksOffered()) || !(result.get("tools") instanceof ArrayNode tools)) {
            return response;
        }
        ArrayNode kept = JsonRpc.JSON.createArrayNode();
        for (JsonNode tool : tools) {
            String name = tool.path("name").asText();
            if (hide && gate.deniedOutright(name)) {
                continue;
            }
            if (tasksOffered() && tool instanceof ObjectNode object && !serverRunsTask(name)) {
                ObjectNode copy = object.deepCopy();
                (copy.get("execution") instanceof ObjectNode e ? e : copy.putObject("execution"))
                        .put("taskSupport", "optional");
                kept.add(copy);
            } else {
                kept.add(tool);
            }
        }
        ObjectNode copy = response.deepCopy();
        ((ObjectNode) copy.get("result")).set("tools", kept);
        return copy;
    }

    private void fingerprint(List<ToolDescriptor> page) {
        try {
            gate.fingerprint(page);
        } catch (RuntimeException e) {
            LOG.warn("Tools not fingerprinted: {}", e.getMessage());
        }
    }

    /** The server exited or closed its output: answer everything waiting on it, and every later request. */
    void serverGone(String why) {
        serverGone = why;
        for (String key : List.copyOf(forwarded.keySet())) {
            Forwarded request = forwarded.remove(key);
            if (request != null) {
                request.timeout().cancel(false);
                if (request.decision() != null) {
                    gate.outcome(request.decision(), errorResponse(JsonRpc.UPSTREAM_GONE, why),
                            elapsedMs(request.startNanos()));
                }
                toClient.send(JsonRpc.error(request.id(), JsonRpc.UPSTREAM_GONE, why));
            }
        }
        own.values().forEach(f -> f.completeExceptionally(new IllegalStateException(why)));
        own.clear();
    }

    /** The client went away: withdraw what it was waiting for. */
    void clientGone() {
        tasks.closeAll("the MCP session ended");
        for (String key : List.copyOf(held.keySet())) {
            Held call = held.remove(key);
            if (call != null) {
                withdraw(call, "the MCP client disconnected while the call waited for a reviewer");
            }
        }
    }

    // ---- the proxy's own tools/list ------------------------------------------------------------------------

    private CompletableFuture<Void> catalogReady() {
        if (catalog.loaded()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> load = catalogLoad;
        return load != null ? load.exceptionally(e -> null) : loadCatalog().exceptionally(e -> null);
    }

    /** Lists the server's tools (all pages) so calls can be checked against them, and fingerprints them. */
    private synchronized CompletableFuture<Void> loadCatalog() {
        CompletableFuture<Void> load = listPage(null, true);
        catalogLoad = load;
        return load;
    }

    private CompletableFuture<Void> listPage(String cursor, boolean first) {
        ObjectNode params = JsonRpc.JSON.createObjectNode();
        if (cursor != null) {
            params.put("cursor", cursor);
        }
        return ownRequest(McpMethods.TOOLS_LIST, params).thenCompose(response -> {
            JsonNode result = response.get("result");
            if (result == null) {
                LOG.warn("The MCP server refused tools/list: {}", response.path("error"));
                catalog.markLoaded();
                return CompletableFuture.completedFuture(null);
            }
            fingerprint(catalog.addPage(result, first));
            String next = result.path("nextCursor").isTextual() ? result.get("nextCursor").asText() : null;
            if (next == null || next.equals(cursor)) {
                catalog.markLoaded();
                return CompletableFuture.completedFuture(null);
            }
            return listPage(next, false);
        });
    }

    private CompletableFuture<JsonNode> ownRequest(String method, JsonNode params) {
        return ownRequest(method, params, id -> { });
    }

    /** Cancels the proxy's own request {@code id} at the server, and fails its future. */
    private void cancelOwn(String id, String why) {
        CompletableFuture<JsonNode> answer = own.remove(JsonRpc.key(com.fasterxml.jackson.databind.node.TextNode
                .valueOf(id)));
        ObjectNode cancel = JsonRpc.JSON.createObjectNode();
        cancel.put("requestId", id);
        cancel.put("reason", why);
        toServer.send(JsonRpc.notification(McpMethods.CANCELLED, cancel));
        if (answer != null) {
            answer.completeExceptionally(new java.util.concurrent.CancellationException(why));
        }
    }

    private CompletableFuture<JsonNode> ownRequest(String method, JsonNode params,
                                                   java.util.function.Consumer<String> idSink) {
        String id = ownPrefix + ownIds.incrementAndGet();
        idSink.accept(id);
        String key = JsonRpc.key(com.fasterxml.jackson.databind.node.TextNode.valueOf(id));
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        if (serverGone != null) {
            answer.completeExceptionally(new IllegalStateException(serverGone));
            return answer;
        }
        own.put(key, answer);
        if (!toServer.send(JsonRpc.request(id, method, params))) {
            own.remove(key);
            answer.completeExceptionally(new IllegalStateException("the MCP server is not reading its input"));
        }
        return answer.orTimeout(limits.upstreamTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((r, e) -> own.remove(key));
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    private static ObjectNode errorResponse(int code, String message) {
        ObjectNode response = JsonRpc.JSON.createObjectNode();
        response.putObject("error").put("code", code).put("message", message);
        return response;
    }

    private static long elapsedMs(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }

    @Override
    public void close() {
        clientGone();
        timer.shutdownNow();
        executor.shutdown();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
