package dev.arbiter.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.core.decision.Decision;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Task-augmented {@code tools/call} through the proxy (MCP 2025-11-25
 * "Tasks"): where the client asks for a task, a call Arbiter holds for a
 * reviewer is answered at once with a task instead of an open request, and
 * the client polls it. The rules:
 * <ul>
 * <li>a call held for a reviewer becomes an Arbiter task as soon as it is
 *     queued; once approved it runs on the server as an ordinary call (or as a
 *     task there, followed to its end, where the server runs tasks for that
 *     tool), and its answer becomes the task's result;</li>
 * <li>a call allowed or refused at once also gets an Arbiter task when the
 *     server would not make one (the client waits for a {@code CreateTaskResult});
 *     an allowed call of a tool the server runs as a task is relayed
 *     unchanged, and its task is the server's;</li>
 * <li>{@code tasks/cancel} of a task still waiting withdraws its queue item
 *     (denied, audited, with the reason); of one running on the server, cancels
 *     it there; a finished task cannot be cancelled (-32602, as the
 *     specification says); a cancelled task never runs afterwards, even when a
 *     reviewer approves at the same moment;</li>
 * <li>each change of a task is also sent as {@code notifications/tasks/status}.</li>
 * </ul>
 * A refused call's task ends {@code failed} with the refusal as its result,
 * like any tool result with {@code isError}.
 */
final class TaskCalls {

    private static final Logger LOG = LoggerFactory.getLogger(TaskCalls.class);

    /** What the proxy lends this class: its way to the server, the client, and the gate. */
    interface Relay {
        /** Sends a request of the proxy's own to the server; {@code id} hears its id first. */
        CompletableFuture<JsonNode> ownRequest(String method, JsonNode params, Consumer<String> id);

        /** Gives up the proxy's own request {@code id}: tells the server, and fails its future. */
        void cancelOwn(String id, String why);

        Wire toClient();

        ToolCallGate gate();
    }

    private final ProxyTasks tasks;
    private final Relay relay;
    private final Executor executor;
    /** {@code tasks/result} requests waiting for their task, by request id. */
    private final Map<String, ProxyTasks.Task> waiting = new ConcurrentHashMap<>();

    TaskCalls(ProxyTasks tasks, Relay relay, Executor executor) {
        this.tasks = tasks;
        this.relay = relay;
        this.executor = executor;
    }

    /** Requests waiting here, counted with the proxy's requests in flight. */
    int waiting() {
        return waiting.size();
    }

    boolean waitingOn(String requestKey) {
        return waiting.containsKey(requestKey);
    }

    /** The client gave up on a {@code tasks/result} request: it waits no more (the task goes on). */
    boolean abandon(String requestKey) {
        return waiting.remove(requestKey) != null;
    }

    /**
     * Opens a task for the call {@code id} and answers it with the
     * {@code CreateTaskResult}; null (answered "busy") when the session has
     * {@value ProxyTasks#MAX_TASKS} tasks running.
     */
    ProxyTasks.Task open(JsonNode id, JsonNode requested, String statusMessage, String traceId) {
        ProxyTasks.Task task = create(requested, statusMessage, traceId);
        announce(id, task);
        return task;
    }

    /** A new running task (nothing sent yet); null when the session has {@value ProxyTasks#MAX_TASKS} running. */
    ProxyTasks.Task create(JsonNode requested, String statusMessage, String traceId) {
        ProxyTasks.Task task = tasks.create(requested, statusMessage);
        if (task != null) {
            task.traceId = traceId;
        }
        return task;
    }

    /** Answers the call {@code id} with its task, or "busy" when {@code task} is null. */
    void announce(JsonNode id, ProxyTasks.Task task) {
        if (task == null) {
            relay.toClient().send(JsonRpc.error(id, JsonRpc.BUSY, ProxyTasks.MAX_TASKS + " tasks are already "
                    + "running in this session through Arbiter; wait for some to finish and retry"));
            return;
        }
        relay.toClient().send(JsonRpc.result(id, ProxyTasks.created(task, "Arbiter answers this call with task "
                + task.id + " (" + task.json().path("statusMessage").asText() + "); its result comes with "
                + "tasks/result once the task ends.")));
    }

    /**
     * Settles {@code task} with what Arbiter ruled ({@code failure} when it
     * could not rule): runs an allowed call on the server, ends a refused one.
     * {@code callParams} are the client's {@code tools/call} params;
     * {@code serverTask} whether the server runs this tool as a task itself.
     */
    void settle(ProxyTasks.Task task, GateAnswer answer, Throwable failure, JsonNode callParams, boolean serverTask) {
        if (failure != null) {
            LOG.error("Task {} failed in Arbiter", task.id, failure);
            finish(task, ProxyTasks.Status.FAILED, "Arbiter failed while deciding on this call, so it was not run",
                    result(ToolResults.refusal("Arbiter failed while deciding on this call, so it was not run",
                            "UNAVAILABLE", null)));
        } else if (answer instanceof GateAnswer.Refuse refuse) {
            finish(task, ProxyTasks.Status.FAILED, "refused by Arbiter", result(refuse.toolResult()));
        } else if (answer instanceof GateAnswer.Reject reject) {
            ObjectNode error = JsonRpc.JSON.createObjectNode();
            error.putObject("error").put("code", reject.code()).put("message", reject.message());
            finish(task, ProxyTasks.Status.FAILED, reject.message(), error);
        } else if (answer instanceof GateAnswer.Forward allow) {
            run(task, allow.decision(), callParams, serverTask);
        }
    }

    private void run(ProxyTasks.Task task, Decision decision, JsonNode callParams, boolean serverTask) {
        if (!task.working("allowed by Arbiter; running on the MCP server", tasks.now())) {
            // cancelled while a reviewer approved it: it must not run for a client that no longer waits
            relay.gate().outcome(decision, error(JsonRpc.INVALID_REQUEST, "not run: the MCP client cancelled "
                    + "the task before it ran"), 0);
            return;
        }
        status(task);
        ObjectNode params = callParams.deepCopy();
        if (!serverTask) {
            params.remove("task");
        }
        long start = System.nanoTime();
        relay.ownRequest(McpMethods.TOOLS_CALL, params, id -> task.upstreamRequest = id)
                .thenCompose(response -> serverTask && response.path("result").path("task").has("taskId")
                        ? followServerTask(task, response.path("result").path("task").get("taskId"))
                        : CompletableFuture.completedFuture(response))
                .whenCompleteAsync((response, failure) -> {
                    task.upstreamRequest = null;
                    ObjectNode answer = failure != null ? error(JsonRpc.UPSTREAM_GONE, "the MCP server behind "
                            + "Arbiter did not complete the call: " + rootMessage(failure)) : answerOnly(response);
                    relay.gate().outcome(decision, answer,
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                    boolean failed = answer.has("error") || answer.path("result").path("isError").asBoolean(false);
                    finish(task, failed ? ProxyTasks.Status.FAILED : ProxyTasks.Status.COMPLETED,
                            failed ? "the call ran and failed" : "the call ran", answer);
                }, executor);
    }

    /** The server answered with a task of its own: wait for its result there. */
    private CompletableFuture<JsonNode> followServerTask(ProxyTasks.Task task, JsonNode serverTaskId) {
        ObjectNode params = JsonRpc.JSON.createObjectNode();
        params.set("taskId", serverTaskId);
        return relay.ownRequest(McpMethods.TASKS_RESULT, params, id -> task.upstreamRequest = id);
    }

    /** Answers {@code tasks/get}, {@code tasks/result} or {@code tasks/cancel} about one of Arbiter's tasks. */
    void answer(JsonRpc.Request request, String taskId) {
        JsonNode id = request.id();
        ProxyTasks.Task task = tasks.find(taskId);
        if (task == null) {
            relay.toClient().send(JsonRpc.error(id, JsonRpc.INVALID_PARAMS, "Failed to retrieve task: Arbiter has "
                    + "no task " + abbreviate(taskId) + " in this session (unknown, or past its time to live)"));
            return;
        }
        switch (request.method()) {
            case McpMethods.TASKS_GET -> relay.toClient().send(JsonRpc.result(id, task.json()));
            case McpMethods.TASKS_RESULT -> result(id, task);
            case McpMethods.TASKS_CANCEL -> {
                if (cancel(task, "the MCP client cancelled the task")) {
                    relay.toClient().send(JsonRpc.result(id, task.json()));
                } else {
                    relay.toClient().send(JsonRpc.error(id, JsonRpc.INVALID_PARAMS, "task " + task.id
                            + " already ended (" + task.status().wire() + "); only a running task can be cancelled"));
                }
            }
            default -> throw new IllegalArgumentException(request.method());
        }
    }

    /** {@code tasks/list}: this session's tasks. */
    ObjectNode list() {
        return tasks.list();
    }

    private void result(JsonNode id, ProxyTasks.Task task) {
        String key = JsonRpc.key(id);
        waiting.put(key, task);
        task.outcome.thenAcceptAsync(answer -> {
            if (waiting.remove(key, task)) {
                relay.toClient().send(answer.has("result")
                        ? JsonRpc.result(id, ProxyTasks.withRelatedTask(answer.get("result"), task.id))
                        : JsonRpc.error(id, answer.path("error").path("code").asInt(JsonRpc.INTERNAL_ERROR),
                        answer.path("error").path("message").asText("")));
            }
        }, executor);
    }

    /**
     * Cancels a running task: withdraws its queue item or cancels it on the
     * server. False when it had ended already.
     */
    boolean cancel(ProxyTasks.Task task, String why) {
        String running = task.upstreamRequest;
        String trace = task.traceId;
        boolean held = running == null && trace != null;
        String message = "cancelled: " + why + (held ? "; its request for approval was withdrawn from the Arbiter "
                + "queue" : running != null ? "; the call was cancelled on the MCP server" : "");
        if (!task.finish(ProxyTasks.Status.CANCELLED, message, result(ToolResults.refusal("the call was cancelled "
                + "by the MCP client (" + why + ")", "CANCELLED", trace)), tasks.now())) {
            return false;
        }
        if (running != null) {
            relay.cancelOwn(running, why);
        } else if (trace != null) {
            // not on the caller's thread: the withdrawal writes to the ledger, which may be what called us
            executor.execute(() -> relay.gate().withdraw(trace, why + " (task " + task.id + ")"));
        }
        status(task);
        return true;
    }

    /** The session ends: every task still running is cancelled. */
    void closeAll(String why) {
        for (ProxyTasks.Task task : tasks.running()) {
            cancel(task, why);
        }
        waiting.clear();
    }

    private void finish(ProxyTasks.Task task, ProxyTasks.Status end, String message, ObjectNode answer) {
        if (task.finish(end, message, answer, tasks.now())) {
            status(task);
        }
    }

    private void status(ProxyTasks.Task task) {
        relay.toClient().send(JsonRpc.notification(McpMethods.TASK_STATUS, task.json()));
    }

    private static ObjectNode result(ObjectNode toolResult) {
        ObjectNode answer = JsonRpc.JSON.createObjectNode();
        answer.set("result", toolResult);
        return answer;
    }

    private static ObjectNode error(int code, String message) {
        ObjectNode answer = JsonRpc.JSON.createObjectNode();
        answer.putObject("error").put("code", code).put("message", message);
        return answer;
    }

    private static ObjectNode answerOnly(JsonNode response) {
        ObjectNode answer = JsonRpc.JSON.createObjectNode();
        if (response.has("result")) {
            answer.set("result", response.get("result"));
        } else {
            answer.set("error", response.path("error"));
        }
        return answer;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
