package dev.arbiter.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.core.decision.Decision;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Allowed {@code tools/call}s that the server answered with a task of its own (MCP 2025-11-25 "Tasks"): the
 * call's decision is remembered by the server's task id until the task's result passes back through
 * {@code tasks/result}, and that result, not the task's creation, is recorded as the call's outcome.
 *
 * <p>Bounded: at most {@value #MAX_TASKS} tasks per session, each for the task's own {@code ttl} (clamped
 * to {@link #MIN_TTL}..{@link #MAX_TTL}; {@link #DEFAULT_TTL} when the server names none). A task that is
 * pushed out, outlives its time or is still open when the session ends is not forgotten silently: it is
 * handed back as {@link Unfinished}, and the proxy records an outcome saying its result never passed
 * through Arbiter, so every allowed call ends with an outcome in the ledger. Thread-safe.
 */
final class ServerTaskOutcomes {

    /** Server tasks remembered per session at most; the oldest is given up first. */
    static final int MAX_TASKS = 256;
    static final Duration MIN_TTL = Duration.ofMinutes(1);
    static final Duration MAX_TTL = Duration.ofHours(24);
    static final Duration DEFAULT_TTL = Duration.ofHours(1);

    /** An allowed call running as the server's task {@code taskId}, since {@code startNanos}. */
    record Waiting(String taskId, Decision decision, long startNanos, long expiresNanos) {
    }

    /** A remembered task given up before its result passed; {@code why} says how, for its outcome. */
    record Unfinished(Waiting waiting, String why) {
    }

    private final LongSupplier nanos;
    /** By the server's task id, oldest first; guarded by this. */
    private final Map<String, Waiting> byTask = new LinkedHashMap<>();
    /** The task each forwarded {@code tasks/result} request asks about, by request id key; guarded by this. */
    private final Map<String, String> asked = new LinkedHashMap<>();

    ServerTaskOutcomes(LongSupplier nanos) {
        this.nanos = nanos;
    }

    /**
     * The server's task id in a {@code tools/call} response ({@code result.task.taskId}), or null when the
     * response is the call's result itself.
     */
    static String taskIdIn(JsonNode response) {
        JsonNode id = response.path("result").path("task").get("taskId");
        return id != null && id.isTextual() ? id.asText() : null;
    }

    /**
     * Remembers that the call {@code decision} allowed runs as the server's task (from {@code response},
     * its {@code tools/call} answer, whose {@code result.task.ttl} in ms bounds how long); returns the tasks
     * given up to make room or because their time is over.
     */
    synchronized List<Unfinished> created(Decision decision, JsonNode response, long startNanos) {
        String taskId = taskIdIn(response);
        long now = nanos.getAsLong();
        List<Unfinished> given = expired(now);
        if (taskId == null) {
            return given;
        }
        Waiting before = byTask.remove(taskId);
        if (before != null) {
            given.add(new Unfinished(before, "the server reused its task id " + taskId + " for another call"));
        }
        while (byTask.size() >= MAX_TASKS) {
            Iterator<Waiting> oldest = byTask.values().iterator();
            Waiting out = oldest.next();
            oldest.remove();
            given.add(new Unfinished(out, "more than " + MAX_TASKS + " server tasks were open in the session"));
        }
        byTask.put(taskId, new Waiting(taskId, decision, startNanos, now + ttl(response).toNanos()));
        return given;
    }

    /** The task's time to live as the server set it ({@code result.task.ttl}, ms), clamped. */
    static Duration ttl(JsonNode response) {
        JsonNode ttl = response.path("result").path("task").get("ttl");
        if (ttl == null || !ttl.isNumber() || !(ttl.asDouble() > 0) || Double.isInfinite(ttl.asDouble())) {
            return DEFAULT_TTL;
        }
        double ms = ttl.asDouble();
        if (ms >= MAX_TTL.toMillis()) {
            return MAX_TTL;
        }
        Duration asked = Duration.ofMillis((long) ms);
        return asked.compareTo(MIN_TTL) < 0 ? MIN_TTL : asked;
    }

    /** The client's {@code tasks/result} request {@code requestKey} asks about {@code taskId}: noted if remembered. */
    synchronized void resultAsked(String requestKey, String taskId) {
        if (byTask.containsKey(taskId)) {
            asked.remove(requestKey);
            asked.put(requestKey, taskId);
            while (asked.size() > MAX_TASKS) {
                asked.remove(asked.keySet().iterator().next());
            }
        }
    }

    /**
     * The server answered {@code tasks/result} request {@code requestKey}: the call whose outcome this answer
     * is, now forgotten (recorded once), or null when the request asked about no remembered task.
     */
    synchronized Waiting resultAnswered(String requestKey) {
        String taskId = asked.remove(requestKey);
        return taskId == null ? null : byTask.remove(taskId);
    }

    /** Everything still remembered, now forgotten: the session ended before these results passed. */
    synchronized List<Unfinished> drain(String why) {
        List<Unfinished> given = new ArrayList<>();
        byTask.values().forEach(w -> given.add(new Unfinished(w, why)));
        byTask.clear();
        asked.clear();
        return given;
    }

    /** Tasks remembered now. */
    synchronized int size() {
        return byTask.size();
    }

    private List<Unfinished> expired(long now) {
        List<Unfinished> given = new ArrayList<>();
        for (Iterator<Waiting> it = byTask.values().iterator(); it.hasNext(); ) {
            Waiting w = it.next();
            if (now - w.expiresNanos() > 0) {
                it.remove();
                given.add(new Unfinished(w, "its result was not fetched through Arbiter within the task's time to "
                        + "live"));
            }
        }
        return given;
    }
}
