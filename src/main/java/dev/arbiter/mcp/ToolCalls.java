package dev.arbiter.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.core.decision.Decision;
import dev.arbiter.core.mcp.ToolDescriptor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code tools/call} requests of one MCP session, from arrival until
 * Arbiter has ruled: each is decided by {@link ToolCallGate} against the tool
 * as the server listed it and forwarded, as the bytes that arrived, only once
 * allowed and durably audited; a refusal is answered here and the server never
 * sees the call. A gated call is held with progress notifications (or answered
 * with a task where the client asked for one) until a reviewer or the approval
 * timeout settles it; a client that cancels it or goes away withdraws it from
 * the queue.
 *
 * <p>Bounded: the bytes of calls waiting here are capped by
 * {@link McpProxy.Limits#maxCallBytes()}; a call past the cap is answered
 * "busy" at once and never queued.
 */
final class ToolCalls {

    private static final Logger LOG = LoggerFactory.getLogger(ToolCalls.class);

    /** A tools/call waiting for Arbiter's ruling (held for a reviewer when gated). */
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

    private final ToolCallGate gate;
    private final Wire toClient;
    private final UpstreamRequests upstream;
    private final ToolListing listing;
    private final Handshake handshake;
    private final TaskCalls tasks;
    private final McpProxy.Limits limits;
    /** Runs the step after a ruling: never the ledger's own threads, which a client not reading must not stall. */
    private final ExecutorService executor;
    private final ScheduledExecutorService timer;
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final AtomicLong callBytes = new AtomicLong();
    private volatile String sessionId;

    ToolCalls(ToolCallGate gate, Wire toClient, UpstreamRequests upstream, ToolListing listing, Handshake handshake,
              TaskCalls tasks, McpProxy.Limits limits, ExecutorService executor, ScheduledExecutorService timer) {
        this.gate = gate;
        this.toClient = toClient;
        this.upstream = upstream;
        this.listing = listing;
        this.handshake = handshake;
        this.tasks = tasks;
        this.limits = limits;
        this.executor = executor;
        this.timer = timer;
    }

    /** The session id recorded with each decision. */
    void sessionId(String id) {
        this.sessionId = id;
    }

    /** True while a call with this id key waits for Arbiter's ruling. */
    boolean waiting(String key) {
        return held.containsKey(key);
    }

    /** Calls waiting for Arbiter's ruling. */
    int size() {
        return held.size();
    }

    /** True when the server runs {@code tool} as a task itself when asked. */
    boolean serverRunsTask(String tool) {
        String support = listing.taskSupport(tool);
        return handshake.serverRunsToolTasks() && (support.equals("optional") || support.equals("required"));
    }

    /** Rules on one {@code tools/call} ({@code frame} is the message as it arrived) and answers or forwards it. */
    void call(JsonRpc.Request request, byte[] frame) {
        JsonNode params = request.params();
        JsonNode name = params == null ? null : params.get("name");
        if (name == null || !name.isTextual()) {
            toClient.send(JsonRpc.error(request.id(), JsonRpc.INVALID_PARAMS,
                    "tools/call needs params.name, the tool's name as a string"));
            return;
        }
        String tool = name.asText();
        String gone = upstream.serverGone();
        if (gone != null) {
            toClient.send(JsonRpc.error(request.id(), JsonRpc.UPSTREAM_GONE, gone));
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
        JsonNode taskAsked = handshake.tasksOffered() && params.get("task") instanceof ObjectNode asked ? asked : null;
        Held call = new Held(request.id(), taskAsked);
        String key = JsonRpc.key(request.id());
        held.put(key, call);
        CompletableFuture<ToolDescriptor> listed = listing.lookup(tool);
        java.util.function.Function<ToolDescriptor, CompletableFuture<GateAnswer>> admit = found -> found == null
                ? gate.unknown(tool, listing.failure())
                : gate.admit(tool, found, arguments, sessionId, pending -> hold(call, pending, progressToken));
        // a call that waited for a listing is ruled on the gate's executor, never on the server's reading thread
        CompletableFuture<GateAnswer> ruled = listed.isDone() ? listed.thenCompose(admit)
                : listed.thenComposeAsync(admit, executor);
        java.util.function.BiConsumer<GateAnswer, Throwable> act = (answer, failure) -> {
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
                upstream.forward(request.id(), McpMethods.TOOLS_CALL, false, allow.decision(), frame);
            } else if (answer instanceof GateAnswer.Refuse refuse) {
                toClient.send(JsonRpc.result(request.id(), refuse.toolResult()));
            } else if (answer instanceof GateAnswer.Reject reject) {
                toClient.send(JsonRpc.error(request.id(), reject.code(), reject.message()));
            }
        };
        if (ruled.isDone()) {
            // ruled while this thread waited (the ledger wrote the decision on it): forward from here, no hand-off
            ruled.whenComplete(act);
        } else {
            // ruled later on another thread (a queued ledger write, a reviewer): never act on that thread
            ruled.whenCompleteAsync(act, executor);
        }
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

    /**
     * The client cancelled request {@code key}: true when it was a call held
     * here, now withdrawn (the server never saw it, so there is nothing to tell it).
     */
    boolean cancelled(String key) {
        Held call = held.remove(key);
        if (call == null) {
            return false;
        }
        withdraw(call, "the MCP client cancelled the call");
        return true;
    }

    /** The client went away: withdraw every call it was waiting for. */
    void clientGone() {
        for (String key : List.copyOf(held.keySet())) {
            Held call = held.remove(key);
            if (call != null) {
                withdraw(call, "the MCP client disconnected while the call waited for a reviewer");
            }
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
}
