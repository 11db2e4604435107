package dev.arbiter.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.queue.QueueItem;
import dev.arbiter.core.queue.ReviewStatus;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Task-augmented {@code tools/call} (MCP 2025-11-25 "Tasks") through the
 * stdio proxy in front of the real {@code server-everything}, driven by a
 * client that asks for tasks: a gated call is answered at once with an
 * Arbiter task instead of an open request, polled, approved and run; a
 * cancelled task withdraws its queue item (audited) and never runs; calls
 * ruled on at once come as finished tasks too.
 */
class TaskCallTest {

    static final Duration WAIT = HeldCallTest.WAIT;
    static final AtomicInteger IDS = new AtomicInteger();

    @TempDir
    static java.nio.file.Path dir;
    static Workspace workspace;
    static RawSession session;
    static JsonNode initialized;

    @BeforeAll
    static void open() throws Exception {
        workspace = TestWorkspaces.open(dir);
        EverythingPolicy.install(workspace);
        session = new RawSession(workspace, EverythingPolicy.AGENT, HeldCallTest.QUICK,
                NpmMcpServers.command(NpmMcpServers.EVERYTHING, "stdio"));
        session.send("{\"jsonrpc\":\"2.0\",\"id\":\"init\",\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-11-25\",\"capabilities\":{\"tasks\":{\"list\":{},\"cancel\":{}}},\"clientInfo\":"
                + "{\"name\":\"task-client\",\"version\":\"1\"}}}");
        initialized = session.response("\"init\"", WAIT);
        session.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    }

    @AfterAll
    static void close() throws Exception {
        session.close();
        workspace.close();
    }

    static JsonNode ask(String method, String params) throws Exception {
        String id = "q" + IDS.incrementAndGet();
        session.send("{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"method\":\"" + method + "\",\"params\":" + params
                + "}");
        return session.response("\"" + id + "\"", WAIT);
    }

    static JsonNode callAsTask(String tool, String arguments) throws Exception {
        return ask("tools/call", "{\"name\":\"" + tool + "\",\"arguments\":" + arguments + ",\"task\":{\"ttl\":"
                + "120000}}");
    }

    static String taskOf(JsonNode created) {
        JsonNode task = created.path("result").path("task");
        assertThat(task.path("taskId").asText()).as("a CreateTaskResult: %s", created).startsWith("arbiter-task-");
        return task.path("taskId").asText();
    }

    static JsonNode get(String taskId) throws Exception {
        return ask("tasks/get", "{\"taskId\":\"" + taskId + "\"}").path("result");
    }

    static QueueItem queued(int a) {
        return await().atMost(WAIT).until(() -> workspace.queue().pending().stream()
                .filter(i -> i.inputSummary() != null && i.inputSummary().contains("\"a\":" + a + ",")).findFirst()
                .orElse(null), java.util.Objects::nonNull);
    }

    @Test
    void theProxyOffersTasksForToolCallsAndListsEveryToolAsTaskCapable() throws Exception {
        JsonNode tasks = initialized.path("result").path("capabilities").path("tasks");
        assertThat(tasks.path("requests").path("tools").has("call")).isTrue();
        assertThat(tasks.has("cancel")).isTrue();
        JsonNode listed = ask("tools/list", "{}");
        for (JsonNode tool : listed.path("result").path("tools")) {
            assertThat(tool.path("execution").path("taskSupport").asText()).as(tool.path("name").asText())
                    .isIn("optional", "required");
        }
    }

    @Test
    void aGatedCallIsAnsweredWithATaskThatRunsOnceApproved() throws Exception {
        JsonNode created = callAsTask("get-sum", "{\"a\":60,\"b\":2}");
        String taskId = taskOf(created);
        assertThat(created.path("result").path("task").path("status").asText()).isEqualTo("working");
        QueueItem item = queued(60);
        assertThat(created.path("result").path("task").path("statusMessage").asText()).contains(item.traceId());
        assertThat(get(taskId).path("status").asText()).isEqualTo("working");

        String resultId = "result-" + IDS.incrementAndGet();
        session.send("{\"jsonrpc\":\"2.0\",\"id\":\"" + resultId + "\",\"method\":\"tasks/result\",\"params\":"
                + "{\"taskId\":\"" + taskId + "\"}}"); // blocks until the task ends
        workspace.queue().approve(item.traceId(), "reviewer", "fine");
        JsonNode result = session.response("\"" + resultId + "\"", WAIT).path("result");
        assertThat(result.path("isError").asBoolean(false)).isFalse();
        assertThat(result.path("content").get(0).path("text").asText()).contains("62");
        assertThat(result.path("_meta").path(ProxyTasks.RELATED).path("taskId").asText()).isEqualTo(taskId);
        assertThat(get(taskId).path("status").asText()).isEqualTo("completed");
        await().atMost(WAIT).until(() -> session.notifications("notifications/tasks/status").stream()
                .anyMatch(n -> n.path("params").path("taskId").asText().equals(taskId)
                        && n.path("params").path("status").asText().equals("completed")));
        JsonNode listed = ask("tasks/list", "{}").path("result").path("tasks");
        assertThat(listed.findValuesAsText("taskId")).contains(taskId);
    }

    @Test
    void aCancelledTaskWithdrawsItsQueueItemAuditedAndNeverRuns() throws Exception {
        String taskId = taskOf(callAsTask("get-sum", "{\"a\":61,\"b\":2}"));
        QueueItem item = queued(61);
        JsonNode cancelled = ask("tasks/cancel", "{\"taskId\":\"" + taskId + "\"}");
        assertThat(cancelled.path("result").path("status").asText()).isEqualTo("cancelled");
        await().atMost(WAIT).until(() -> workspace.queue().find(item.traceId()).orElseThrow().status()
                == ReviewStatus.DENIED);
        QueueItem after = workspace.queue().find(item.traceId()).orElseThrow();
        assertThat(after.note()).contains("cancelled").contains(taskId);
        assertThat(workspace.auditReader().newest(new AuditQuery(null, null, EverythingPolicy.AGENT, null, null), 50)
                .stream().anyMatch(e -> item.traceId().equals(e.entry().traceId())
                        && "review.denied".equals(e.entry().event()) && e.entry().detail() != null
                        && e.entry().detail().contains(taskId))).as("the withdrawal is audited").isTrue();
        assertThatThrownBy(() -> workspace.queue().approve(item.traceId(), "reviewer", "too late"))
                .isInstanceOf(RuntimeException.class);

        JsonNode again = ask("tasks/cancel", "{\"taskId\":\"" + taskId + "\"}");
        assertThat(again.path("error").path("code").asInt()).isEqualTo(JsonRpc.INVALID_PARAMS);
        JsonNode result = ask("tasks/result", "{\"taskId\":\"" + taskId + "\"}").path("result");
        assertThat(result.path("isError").asBoolean()).isTrue();
        assertThat(result.path("content").get(0).path("text").asText()).contains("cancelled");
    }

    @Test
    void callsRuledOnAtOnceComeAsFinishedTasks() throws Exception {
        String allowed = taskOf(callAsTask("echo", "{\"message\":\"hello task\"}"));
        JsonNode echoed = ask("tasks/result", "{\"taskId\":\"" + allowed + "\"}").path("result");
        assertThat(echoed.path("content").get(0).path("text").asText()).contains("hello task");
        assertThat(get(allowed).path("status").asText()).isEqualTo("completed");

        String denied = taskOf(callAsTask("get-env", "{}"));
        JsonNode refused = ask("tasks/result", "{\"taskId\":\"" + denied + "\"}").path("result");
        assertThat(refused.path("isError").asBoolean()).isTrue();
        assertThat(refused.path("content").get(0).path("text").asText()).contains("refused");
        assertThat(get(denied).path("status").asText()).isEqualTo("failed");
    }

    @Test
    void unknownTasksAndMissingIdsAreInvalidParams() throws Exception {
        assertThat(ask("tasks/get", "{\"taskId\":\"arbiter-task-nope\"}").path("error").path("code").asInt())
                .isEqualTo(JsonRpc.INVALID_PARAMS);
        assertThat(ask("tasks/result", "{}").path("error").path("code").asInt()).isEqualTo(JsonRpc.INVALID_PARAMS);
        assertThat(ask("tasks/cancel", "{\"taskId\":7}").path("error").path("code").asInt())
                .isEqualTo(JsonRpc.INVALID_PARAMS);
    }
}
