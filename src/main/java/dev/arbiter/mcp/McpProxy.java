package dev.arbiter.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MCP session relayed between a client and a server, with Arbiter in
 * between: every message passes through as the bytes that arrived, except
 * <ul>
 * <li>{@code tools/call}, which is decided first ({@link ToolCalls},
 *     {@link ToolCallGate}) and forwarded only when allowed; refused calls
 *     are answered here;</li>
 * <li>{@code tools/list} results, from which tools the policy denies
 *     outright are removed (when the policy says so) and whose tools are
 *     fingerprinted ({@link ToolListing});</li>
 * <li>the {@code initialize} handshake, which only a governed protocol
 *     version passes ({@link Handshake});</li>
 * <li>anything that is not JSON-RPC or not a known MCP method, answered
 *     here with a JSON-RPC error.</li>
 * </ul>
 * This class routes each message to the part that handles it; requests with
 * the server are {@link UpstreamRequests}, MCP tasks {@link TaskCalls}.
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

    /** The protocol version in which the proxy offers MCP tasks (the 2026 draft reshapes them). */
    static final String TASKS_VERSION = "2025-11-25";

    private final ToolCallGate gate;
    private final Wire toClient;
    private final Wire toServer;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, daemon("arbiter-mcp-gate"));
    private final ScheduledExecutorService timer = timer();
    private final ServerTaskOutcomes serverTasks = new ServerTaskOutcomes(System::nanoTime);
    private final UpstreamRequests upstream;
    private final Handshake handshake = new Handshake();
    private final ToolListing listing;
    private final TaskCalls tasks;
    private final ToolCalls calls;

    McpProxy(ToolCallGate gate, Wire toClient, Wire toServer, Limits limits) {
        this.gate = gate;
        this.toClient = toClient;
        this.toServer = toServer;
        this.upstream = new UpstreamRequests(toClient, toServer, gate, limits.upstreamTimeout(), timer);
        this.listing = new ToolListing(gate, upstream);
        this.tasks = new TaskCalls(new ProxyTasks(Clock.systemUTC()), new TaskCalls.Relay() {
            @Override
            public CompletableFuture<JsonNode> ownRequest(String method, JsonNode params, Consumer<String> id) {
                return upstream.ownRequest(method, params, id);
            }

            @Override
            public void cancelOwn(String id, String why) {
                upstream.cancelOwn(id, why);
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
        this.calls = new ToolCalls(gate, toClient, upstream, listing, handshake, tasks, limits, executor, timer);
    }

    /**
     * The session's timer. A cancelled timeout (every forwarded request has one, 5 minutes by default) leaves
     * its queue at once rather than when it would have fired, so answered requests hold no memory.
     */
    private static ScheduledExecutorService timer() {
        java.util.concurrent.ScheduledThreadPoolExecutor timer =
                new java.util.concurrent.ScheduledThreadPoolExecutor(1, daemon("arbiter-mcp-timer"));
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /** Timer tasks waiting to run (the upstream timeouts of requests in flight, progress ticks). */
    int timersWaiting() {
        return ((java.util.concurrent.ScheduledThreadPoolExecutor) timer).getQueue().size();
    }

    /** Server tasks of allowed calls whose result has not passed yet. */
    int serverTasksOpen() {
        return serverTasks.size();
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** The session id recorded with each decision (the stdio proxy makes one up per run). */
    void sessionId(String id) {
        calls.sessionId(id);
    }

    /** The protocol version the server chose in the initialize handshake; null before it. */
    String protocolVersion() {
        return handshake.protocolVersion();
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
        if (upstream.waiting(key) || calls.waiting(key) || tasks.waitingOn(key)) {
            toClient.send(JsonRpc.error(request.id(), JsonRpc.INVALID_REQUEST, "request id " + key
                    + " is still in use by an earlier request; use a new id"));
            return;
        }
        if (upstream.size() + calls.size() + tasks.waiting() >= MAX_IN_FLIGHT) {
            toClient.send(JsonRpc.error(request.id(), JsonRpc.BUSY, MAX_IN_FLIGHT + " requests are already in "
                    + "flight through Arbiter; wait for some to finish and retry"));
            return;
        }
        if (handshake.tasksOffered() && ownTaskRequest(request)) {
            return;
        }
        if (request.method().equals(McpMethods.TOOLS_CALL)) {
            calls.call(request, frame);
        } else if (request.method().equals(McpMethods.INITIALIZE)) {
            upstream.forward(request.id(), request.method(), true, null, Handshake.request(request, frame));
        } else {
            if (request.method().equals(McpMethods.TASKS_RESULT) && request.params() != null
                    && request.params().get("taskId") instanceof com.fasterxml.jackson.databind.node.TextNode task) {
                serverTasks.resultAsked(key, task.asText());
            }
            boolean firstPage = request.params() == null || !request.params().hasNonNull("cursor");
            upstream.forward(request.id(), request.method(), firstPage, null, frame);
        }
    }

    /** Answers a tasks/… request about one of Arbiter's own tasks here; false for the server's to answer. */
    private boolean ownTaskRequest(JsonRpc.Request request) {
        String method = request.method();
        if (method.equals(McpMethods.TASKS_LIST) && !handshake.serverListsTasks()) {
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
        if (!ProxyTasks.ours(taskId) && !handshake.serverRunsToolTasks()) {
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
            String cancelled = JsonRpc.key(notification.params().path("requestId"));
            if (calls.cancelled(cancelled)) {
                return; // the server never saw it; nothing to tell it
            }
            if (tasks.abandon(cancelled)) {
                return; // a tasks/result it no longer waits for; the task itself goes on
            }
        }
        toServer.send(frame);
        if (notification.method().equals(McpMethods.INITIALIZED)) {
            listing.relist();
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
                    listing.relist();
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
        UpstreamRequests.Forwarded request = upstream.answered(response);
        if (request == null) {
            return;
        }
        if (request.method().equals(McpMethods.INITIALIZE) && response.raw().has("result")) {
            Handshake.Answer answer = handshake.answered(response, frame);
            if (answer instanceof Handshake.Refuse refuse) {
                upstream.refuse(refuse.why());
                toClient.send(JsonRpc.error(request.id(), JsonRpc.UPSTREAM_GONE, refuse.why()));
            } else if (answer instanceof Handshake.Relay relay) {
                toClient.send(relay.frame());
            }
            return;
        }
        if (request.method().equals(McpMethods.TOOLS_LIST) && response.raw().get("result") instanceof ObjectNode result) {
            toClient.send(JsonRpc.bytes(listing.listed(response.raw(), result,
                    handshake.tasksOffered(), calls::serverRunsTask)));
            return;
        }
        if (request.method().equals(McpMethods.TASKS_LIST) && request.firstPage()
                && response.raw().path("result").path("tasks") instanceof ArrayNode) {
            ObjectNode copy = response.raw().deepCopy();
            ((ArrayNode) copy.get("result").get("tasks")).addAll((ArrayNode) tasks.list().get("tasks"));
            toClient.send(JsonRpc.bytes(copy));
            return;
        }
        long latencyMs = request.elapsedMs();
        // the client first: the outcome is an after-the-fact record (the decision was durable before
        // forwarding), so its audit entry need not delay the answer
        toClient.send(frame);
        if (request.decision() != null && ServerTaskOutcomes.taskIdIn(response.raw()) != null) {
            // the server runs the call as its own task: its outcome is the task's result, when tasks/result passes
            giveUp(serverTasks.created(request.decision(), response.raw(), request.startNanos()));
        } else if (request.decision() != null) {
            outcome(request.decision(), response.raw(), latencyMs);
        } else if (request.method().equals(McpMethods.TASKS_RESULT)) {
            ServerTaskOutcomes.Waiting ran = serverTasks.resultAnswered(JsonRpc.key(request.id()));
            if (ran != null) {
                outcome(ran.decision(), response.raw(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - ran.startNanos()));
            }
        }
    }

    /**
     * Records an allowed call's outcome on the gate's thread: this reader relays the server's next answers
     * meanwhile, and the outcome's append may be written by whoever makes it (AuditLedger's leader), an fsync.
     */
    private void outcome(dev.arbiter.core.decision.Decision decision, JsonNode response, long latencyMs) {
        try {
            executor.execute(() -> gate.outcome(decision, response, latencyMs));
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            gate.outcome(decision, response, latencyMs);
        }
    }

    /** Records, for server tasks given up before their result passed, an outcome saying so. */
    private void giveUp(java.util.List<ServerTaskOutcomes.Unfinished> unfinished) {
        for (ServerTaskOutcomes.Unfinished u : unfinished) {
            ServerTaskOutcomes.Waiting w = u.waiting();
            outcome(w.decision(), UpstreamRequests.errorResponse(JsonRpc.UPSTREAM_GONE, "the MCP server ran the "
                    + "call as its task " + w.taskId() + "; no result was recorded: " + u.why()),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - w.startNanos()));
        }
    }

    /**
     * The server exited or closed its output ({@code why}, e.g. "… exited with code 3"): answer everything
     * waiting on it, and every later request; {@code advice} says what the person can do.
     */
    void serverGone(String why, String advice) {
        upstream.gone(why, advice);
    }

    /** The client went away: withdraw what it was waiting for. */
    void clientGone() {
        tasks.closeAll("the MCP session ended");
        calls.clientGone();
        giveUp(serverTasks.drain("the MCP session ended before the task's result was fetched through Arbiter"));
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
