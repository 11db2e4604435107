package dev.arbiter.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.arbiter.core.decision.Decision;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The requests of one MCP session that are with the server: the client's,
 * forwarded by the proxy, until the server answers, does not answer within
 * the upstream timeout (then the client gets {@link JsonRpc#UPSTREAM_TIMEOUT}
 * and the server {@code notifications/cancelled}) or goes away (then every
 * one is answered {@link JsonRpc#UPSTREAM_GONE}); and the proxy's own
 * requests ({@code tools/list} to pin the tools, tasks run at the server),
 * whose ids carry a prefix no client chooses. An allowed {@code tools/call}
 * carries its decision, so that its outcome is audited however it ends.
 */
final class UpstreamRequests {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamRequests.class);

    /** A client request sent on to the server, until it is answered. */
    record Forwarded(JsonNode id, String method, boolean firstPage, Decision decision, long startNanos,
                     ScheduledFuture<?> timeout) {

        /** Milliseconds since it was forwarded. */
        long elapsedMs() {
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        }
    }

    private final Wire toClient;
    private final Wire toServer;
    private final ToolCallGate gate;
    private final Duration timeout;
    private final ScheduledExecutorService timer;
    private final Map<String, Forwarded> forwarded = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<JsonNode>> own = new ConcurrentHashMap<>();
    private final AtomicLong ownIds = new AtomicLong();
    private final String ownPrefix = "arbiter-" + Long.toHexString(System.nanoTime()) + "-";
    private volatile String serverGone;

    UpstreamRequests(Wire toClient, Wire toServer, ToolCallGate gate, Duration timeout,
                     ScheduledExecutorService timer) {
        this.toClient = toClient;
        this.toServer = toServer;
        this.gate = gate;
        this.timeout = timeout;
        this.timer = timer;
    }

    /** Why the server is gone (it exited, or refused the session), null while it is there. */
    String serverGone() {
        return serverGone;
    }

    /** True while a client request with this id key waits for the server's answer. */
    boolean waiting(String key) {
        return forwarded.containsKey(key);
    }

    /** Client requests waiting for the server's answer. */
    int size() {
        return forwarded.size();
    }

    /**
     * Sends a client request on to the server ({@code frame}, as it arrived or
     * as rewritten) and waits for its answer; answers the client at once when
     * the server is gone or not reading. {@code decision} is the allowed call's
     * decision, null for other methods.
     */
    void forward(JsonNode id, String method, boolean firstPage, Decision decision, byte[] frame) {
        String key = JsonRpc.key(id);
        if (serverGone != null) {
            toClient.send(JsonRpc.error(id, JsonRpc.UPSTREAM_GONE, serverGone));
            return;
        }
        ScheduledFuture<?> expiry = timer.schedule(() -> timedOut(key), timeout.toMillis(), TimeUnit.MILLISECONDS);
        forwarded.put(key, new Forwarded(id, method, firstPage, decision, System.nanoTime(), expiry));
        if (!toServer.send(frame)) {
            answerUnsent(key);
        }
    }

    /**
     * The forwarded client request {@code response} answers, removed from the
     * waiting ones, or null: the proxy's own request (its future is completed
     * here), or an answer nobody waits for (late, or never asked).
     */
    Forwarded answered(JsonRpc.Response response) {
        String key = JsonRpc.key(response.id());
        CompletableFuture<JsonNode> mine = own.remove(key);
        if (mine != null) {
            mine.complete(response.raw());
            return null;
        }
        Forwarded request = forwarded.remove(key);
        if (request == null) {
            LOG.info("Dropped the server's late or unasked answer to {}", key);
            return null;
        }
        request.timeout().cancel(false);
        return request;
    }

    /** The server refused the session (its protocol version): every later request is answered {@code why}. */
    void refuse(String why) {
        serverGone = why;
    }

    private void timedOut(String key) {
        Forwarded request = forwarded.remove(key);
        if (request == null) {
            return;
        }
        LOG.warn("The MCP server did not answer {} {} within {}", request.method(), key, timeout);
        ObjectNode cancel = JsonRpc.JSON.createObjectNode();
        cancel.set("requestId", request.id());
        cancel.put("reason", "no answer within " + timeout.toSeconds() + " s");
        toServer.send(JsonRpc.notification(McpMethods.CANCELLED, cancel));
        String message = "the MCP server behind Arbiter did not answer " + request.method() + " within "
                + timeout.toSeconds() + " s; the request was cancelled";
        if (request.decision() != null) {
            gate.outcome(request.decision(), errorResponse(JsonRpc.UPSTREAM_TIMEOUT, message), request.elapsedMs());
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

    /**
     * The server exited or closed its output ({@code why}): answer everything waiting on it, and every
     * later request, each with {@code advice} after the facts. A request that had reached the server is
     * not said to be unrun: the server may have carried it out in part before it went.
     */
    void gone(String why, String advice) {
        serverGone = why + "; nothing was run. " + advice;
        String midway = why + " while this request was with it, so it may have been carried out in part. " + advice;
        for (String key : List.copyOf(forwarded.keySet())) {
            Forwarded request = forwarded.remove(key);
            if (request != null) {
                request.timeout().cancel(false);
                if (request.decision() != null) {
                    gate.outcome(request.decision(), errorResponse(JsonRpc.UPSTREAM_GONE, midway), request.elapsedMs());
                }
                toClient.send(JsonRpc.error(request.id(), JsonRpc.UPSTREAM_GONE, midway));
            }
        }
        own.values().forEach(f -> f.completeExceptionally(new IllegalStateException(why)));
        own.clear();
    }

    /** Sends the proxy's own request; the future completes with the server's whole answer, or fails. */
    CompletableFuture<JsonNode> ownRequest(String method, JsonNode params) {
        return ownRequest(method, params, id -> { });
    }

    /** As {@link #ownRequest(String, JsonNode)}; {@code idSink} hears the request's id before it is sent. */
    CompletableFuture<JsonNode> ownRequest(String method, JsonNode params, Consumer<String> idSink) {
        String id = ownPrefix + ownIds.incrementAndGet();
        idSink.accept(id);
        String key = JsonRpc.key(TextNode.valueOf(id));
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
        return answer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((r, e) -> own.remove(key));
    }

    /** Cancels the proxy's own request {@code id} at the server, and fails its future. */
    void cancelOwn(String id, String why) {
        CompletableFuture<JsonNode> answer = own.remove(JsonRpc.key(TextNode.valueOf(id)));
        ObjectNode cancel = JsonRpc.JSON.createObjectNode();
        cancel.put("requestId", id);
        cancel.put("reason", why);
        toServer.send(JsonRpc.notification(McpMethods.CANCELLED, cancel));
        if (answer != null) {
            answer.completeExceptionally(new CancellationException(why));
        }
    }

    /** A JSON-RPC error response without id, as the outcome of a call the server never answered. */
    static ObjectNode errorResponse(int code, String message) {
        ObjectNode response = JsonRpc.JSON.createObjectNode();
        response.putObject("error").put("code", code).put("message", message);
        return response;
    }
}
