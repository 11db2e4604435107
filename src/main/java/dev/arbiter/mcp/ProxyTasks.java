package dev.arbiter.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The MCP tasks Arbiter itself runs in one session (MCP 2025-11-25 "Tasks"):
 * a task-augmented {@code tools/call} that Arbiter holds for a reviewer, or
 * answers for a server that runs no tasks, is answered at once with one of
 * these, and the client polls {@code tasks/get}, waits on {@code tasks/result}
 * or withdraws it with {@code tasks/cancel}. Ids carry {@link #PREFIX}, so the
 * proxy tells its own tasks from the server's, whose requests it relays.
 *
 * <p>Bounded: at most {@value #MAX_TASKS} tasks per session; a new one first
 * evicts finished tasks past their time to live, then the oldest finished one;
 * when all are still running, the call is answered "busy". A task not yet
 * finished is never evicted (it may stand for a queue item a person is
 * reading). TTL: what the client asks, within {@value #MIN_TTL_MS} ms and
 * {@value #MAX_TTL_MS} ms, {@value #DEFAULT_TTL_MS} ms when it asks none
 * (the specification lets the receiver override it); a finished task is kept
 * at least {@value #GRACE_MS} ms after it finished, so a client that polls
 * slowly still reads its result.
 */
final class ProxyTasks {

    static final String PREFIX = "arbiter-task-";
    static final int MAX_TASKS = 256;
    static final long MIN_TTL_MS = 60_000;
    static final long MAX_TTL_MS = 24 * 3_600_000L;
    static final long DEFAULT_TTL_MS = 3_600_000;
    static final long GRACE_MS = 60_000;
    /** The poll interval suggested to clients, in ms. */
    static final long POLL_INTERVAL_MS = 2_000;
    /** The {@code _meta} key tying a message to its task. */
    static final String RELATED = "io.modelcontextprotocol/related-task";

    /** MCP task statuses. {@code input_required} never occurs: Arbiter asks the client nothing. */
    enum Status {
        WORKING, COMPLETED, FAILED, CANCELLED;

        String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        boolean terminal() {
            return this != WORKING;
        }
    }

    /** One task. Its state changes only under its own lock. */
    static final class Task {
        final String id;
        final Instant createdAt;
        final long ttlMs;
        private Status status = Status.WORKING;
        private String message;
        private Instant updatedAt;
        private Instant finishedAt;
        /** Trace id of the decision, once there is one. */
        volatile String traceId;
        /** Id of the proxy's own request running the call upstream, while it runs. */
        volatile String upstreamRequest;
        /** The whole answer the call would have had ({@code result} or {@code error}), once finished. */
        final CompletableFuture<ObjectNode> outcome = new CompletableFuture<>();

        private Task(String id, Instant createdAt, long ttlMs, String message) {
            this.id = id;
            this.createdAt = createdAt;
            this.updatedAt = createdAt;
            this.ttlMs = ttlMs;
            this.message = message;
        }

        synchronized Status status() {
            return status;
        }

        /** Updates the message of a running task; false when it already finished. */
        synchronized boolean working(String statusMessage, Instant now) {
            if (status.terminal()) {
                return false;
            }
            message = statusMessage;
            updatedAt = now;
            return true;
        }

        /**
         * Finishes the task with the call's answer (an object with {@code result}
         * or {@code error}); false when it had finished already (a cancelled task
         * stays cancelled whatever the call did, as the specification says).
         */
        boolean finish(Status end, String statusMessage, ObjectNode answer, Instant now) {
            synchronized (this) {
                if (status.terminal()) {
                    return false;
                }
                status = end;
                message = statusMessage;
                updatedAt = now;
                finishedAt = now;
            }
            outcome.complete(answer);
            return true;
        }

        synchronized boolean expired(Instant now) {
            return finishedAt != null && now.isAfter(createdAt.plusMillis(ttlMs))
                    && now.isAfter(finishedAt.plusMillis(GRACE_MS));
        }

        synchronized boolean finished() {
            return status.terminal();
        }

        /** The MCP {@code Task} object. */
        synchronized ObjectNode json() {
            ObjectNode task = JsonRpc.JSON.createObjectNode();
            task.put("taskId", id);
            task.put("status", status.wire());
            if (message != null) {
                task.put("statusMessage", message);
            }
            task.put("createdAt", createdAt.truncatedTo(ChronoUnit.MILLIS).toString());
            task.put("lastUpdatedAt", updatedAt.truncatedTo(ChronoUnit.MILLIS).toString());
            task.put("ttl", ttlMs);
            task.put("pollInterval", POLL_INTERVAL_MS);
            return task;
        }
    }

    private final Map<String, Task> tasks = new ConcurrentHashMap<>();
    private final Clock clock;

    ProxyTasks(Clock clock) {
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    /**
     * A new working task for a call whose {@code params.task} was {@code requested}
     * (may be null); null when {@value #MAX_TASKS} tasks are still running.
     */
    synchronized Task create(JsonNode requested, String statusMessage) {
        Instant now = clock.instant();
        tasks.values().removeIf(t -> t.expired(now));
        if (tasks.size() >= MAX_TASKS) {
            Task oldest = null;
            for (Task t : tasks.values()) {
                if (t.finished() && (oldest == null || t.createdAt.isBefore(oldest.createdAt))) {
                    oldest = t;
                }
            }
            if (oldest == null) {
                return null;
            }
            tasks.remove(oldest.id);
        }
        Task task = new Task(PREFIX + UUID.randomUUID(), now, ttl(requested), statusMessage);
        tasks.put(task.id, task);
        return task;
    }

    /** The ttl granted for a requested one (ms): the request's {@code ttl} clamped, or the default. */
    static long ttl(JsonNode requested) {
        JsonNode ttl = requested == null ? null : requested.get("ttl");
        if (ttl == null || !ttl.isNumber()) {
            return DEFAULT_TTL_MS;
        }
        return Math.max(MIN_TTL_MS, Math.min(MAX_TTL_MS, ttl.asLong()));
    }

    /** True for a task id of Arbiter's own (known or not). */
    static boolean ours(JsonNode taskId) {
        return taskId != null && taskId.isTextual() && taskId.asText().startsWith(PREFIX);
    }

    /** The task, unless unknown or expired. */
    Task find(String id) {
        Task task = tasks.get(id);
        if (task != null && task.expired(clock.instant())) {
            tasks.remove(id, task);
            return null;
        }
        return task;
    }

    /** Every task not yet finished (to withdraw when the session ends). */
    List<Task> running() {
        return tasks.values().stream().filter(t -> !t.finished()).toList();
    }

    /** A {@code tasks/list} result: all of this session's tasks, oldest first (at most {@value #MAX_TASKS}, one page). */
    ObjectNode list() {
        Instant now = clock.instant();
        List<Task> all = new ArrayList<>(tasks.values());
        all.removeIf(t -> t.expired(now));
        all.sort(java.util.Comparator.comparing(t -> t.createdAt));
        ObjectNode result = JsonRpc.JSON.createObjectNode();
        ArrayNode list = result.putArray("tasks");
        all.forEach(t -> list.add(t.json()));
        return result;
    }

    /** {@code CreateTaskResult} for a new task. */
    static ObjectNode created(Task task, String forTheModel) {
        ObjectNode result = JsonRpc.JSON.createObjectNode();
        result.set("task", task.json());
        result.putObject("_meta").put("io.modelcontextprotocol/model-immediate-response", forTheModel);
        return result;
    }

    /** A {@code tasks/result} result: the call's own result, tied to its task. */
    static ObjectNode withRelatedTask(JsonNode result, String taskId) {
        ObjectNode copy = result instanceof ObjectNode o ? o.deepCopy() : JsonRpc.JSON.createObjectNode();
        (copy.get("_meta") instanceof ObjectNode meta ? meta : copy.putObject("_meta"))
                .putObject(RELATED).put("taskId", taskId);
        return copy;
    }
}
