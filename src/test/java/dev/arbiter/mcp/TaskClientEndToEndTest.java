package dev.arbiter.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.AgentProfile;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.queue.QueueItem;
import dev.arbiter.core.queue.ReviewStatus;
import dev.arbiter.gateway.GatewayConfig;
import dev.arbiter.gateway.McpHttpFront;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MCP tasks end to end, with nothing of ours at either end: the official
 * TypeScript SDK's client ({@link TaskClient}, which asks for tasks) talks
 * Streamable HTTP to {@code arbiter mcp proxy --upstream}, in front of the
 * real {@code server-everything} (which runs its {@code simulate-research-query}
 * tool as a task of its own). A gated call becomes an Arbiter task that the
 * SDK polls with {@code tasks/get} until a reviewer decides in the queue, and
 * {@code tasks/result} then brings the server's real result; a denial, a
 * {@code tasks/cancel} and the kill switch end it without the call running;
 * an allowed call of a task tool is the server's own task, passed through.
 */
class TaskClientEndToEndTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    /** Allowed: echo and the research task; gated: get-sum; denied: get-env. */
    static final String AGENT = "task-agent";
    /** As {@link #AGENT}, but the research task too waits for a reviewer. */
    static final String GATED_AGENT = "task-gated-agent";

    @TempDir
    static Path dir;
    static Workspace workspace;
    static EverythingOverHttp everything;
    static McpHttpSessions sessions;
    static McpHttpSessions gatedSessions;
    static McpHttpFront front;
    static McpHttpFront gatedFront;
    static TaskClient client;
    static TaskClient gatedClient;

    @BeforeAll
    static void start() throws Exception {
        workspace = TestWorkspaces.open(dir.resolve("ws"));
        install(AGENT, "", "");
        install(GATED_AGENT, "\n    \"research:query\": gated", "\n  mcp_hide_denied_tools: false");
        everything = EverythingOverHttp.start(dir.resolve("everything.log"), WAIT);
        URI upstream = everything.upstream();
        sessions = new McpHttpSessions(workspace, AGENT, upstream, WAIT, Duration.ofMillis(500));
        front = new McpHttpFront(sessions, new GatewayConfig("127.0.0.1", 0));
        front.start();
        gatedSessions = new McpHttpSessions(workspace, GATED_AGENT, upstream, WAIT, Duration.ofMillis(500));
        gatedFront = new McpHttpFront(gatedSessions, new GatewayConfig("127.0.0.1", 0));
        gatedFront.start();
        client = new TaskClient(front.url(), dir.resolve("client.log"), WAIT);
        client.call("listTools", TaskClient.args()); // the SDK learns which tools run as tasks from the listing
        gatedClient = new TaskClient(gatedFront.url(), dir.resolve("gated-client.log"), WAIT);
        gatedClient.call("listTools", TaskClient.args());
    }

    static void install(String agent, String moreGated, String more) {
        workspace.policies().save("""
                agent_policy:
                  name: "%s"
                  allowed_actions: [call:echo, compute:sum, research:query]
                  denied_actions: [call:get-env]
                  tier_overrides:
                    "compute:sum": gated%s
                  approval_timeout_minutes: 30
                  mcp_tools:
                    get-sum: {action: "compute:sum", context: {amount_usd: "$.a"}}
                    simulate-research-query: {action: "research:query"}%s
                """.formatted(agent, moreGated, more), "test", null, true);
        workspace.agents().add(new AgentProfile(agent, agent, "test", "", "", "", "", Set.of(), null, agent, null),
                "test");
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {client, gatedClient, front, gatedFront, sessions, gatedSessions}) {
            if (c != null) {
                c.close();
            }
        }
        if (everything != null) {
            everything.close();
        }
        workspace.close();
    }

    static int sum(int a) throws Exception {
        return client.send("callToolStream", TaskClient.tool("get-sum", "{\"a\":" + a + ",\"b\":2}"));
    }

    static QueueItem queued(String action, String inputFragment) {
        return await().atMost(WAIT).until(() -> workspace.queue().pending().stream()
                .filter(i -> i.action().equals(action) && i.inputSummary() != null
                        && i.inputSummary().contains(inputFragment)).findFirst().orElse(null),
                java.util.Objects::nonNull);
    }

    static String text(JsonNode toolResult) {
        return toolResult.path("content").get(0).path("text").asText();
    }

    static JsonNode taskResult(TaskClient c, String taskId) throws Exception {
        return c.call("getTaskResult", TaskClient.args().put("taskId", taskId));
    }

    @Test
    void aGatedCallIsATaskTheClientPollsUntilAReviewerApprovesThenItRunsOnTheServer() throws Exception {
        int call = sum(40);
        JsonNode created = client.event(call, "taskCreated").path("task");
        String taskId = created.path("taskId").asText();
        assertThat(taskId).startsWith(ProxyTasks.PREFIX);
        assertThat(created.path("status").asText()).isEqualTo("working");
        QueueItem item = queued("compute:sum", "\"a\":40,");
        assertThat(created.path("statusMessage").asText()).contains(item.traceId());
        // the SDK polls tasks/get while the reviewer reads
        JsonNode polled = client.event(call, "taskStatus").path("task");
        assertThat(polled.path("status").asText()).isEqualTo("working");
        assertThat(polled.path("pollInterval").asLong()).isEqualTo(ProxyTasks.POLL_INTERVAL_MS);

        workspace.queue().approve(item.traceId(), "reviewer@example.com", "fine");
        JsonNode result = client.event(call, "result").path("result");
        assertThat(result.path("isError").asBoolean(false)).isFalse();
        assertThat(text(result)).contains("42"); // the server's own answer: 40 + 2
        assertThat(result.path("_meta").path(ProxyTasks.RELATED).path("taskId").asText()).isEqualTo(taskId);
        assertThat(client.events(call)).anyMatch(e -> e.path("task").path("status").asText().equals("completed"));
        await().atMost(WAIT).until(() -> client.notifications("notifications/tasks/status").stream()
                .anyMatch(n -> n.path("params").path("taskId").asText().equals(taskId)
                        && n.path("params").path("status").asText().equals("completed")));
        // the run on the server is on the record, under the decision's trace
        await().atMost(WAIT).until(() -> workspace.auditReader().newest(new AuditQuery(null, null, AGENT, null,
                null), 50).stream().anyMatch(e -> item.traceId().equals(e.entry().traceId())
                && e.entry().output() != null && e.entry().output().contains("content_items")));
    }

    @Test
    void aReviewersDenialEndsTheTaskFailedWithTheRefusalAsItsResult() throws Exception {
        int call = sum(41);
        String taskId = client.event(call, "taskCreated").path("task").path("taskId").asText();
        QueueItem item = queued("compute:sum", "\"a\":41,");
        workspace.queue().deny(item.traceId(), "reviewer@example.com", "not this one");
        JsonNode error = client.event(call, "error").path("error");
        assertThat(error.path("message").asText()).contains(taskId).contains("failed");
        JsonNode refusal = taskResult(client, taskId);
        assertThat(refusal.path("isError").asBoolean()).isTrue();
        assertThat(text(refusal)).contains("not this one").contains("REVIEWER_DENIED").contains("do not retry");
        assertThat(client.call("getTask", TaskClient.args().put("taskId", taskId)).path("status").asText())
                .isEqualTo("failed");
    }

    @Test
    void tasksCancelWithdrawsTheQueueItemAuditedAndTheCallNeverRuns() throws Exception {
        JsonNode created = client.call("createTask", TaskClient.tool("get-sum", "{\"a\":43,\"b\":2}"));
        String taskId = created.path("task").path("taskId").asText();
        QueueItem item = queued("compute:sum", "\"a\":43,");
        JsonNode cancelled = client.call("cancelTask", TaskClient.args().put("taskId", taskId));
        assertThat(cancelled.path("status").asText()).isEqualTo("cancelled");
        await().atMost(WAIT).until(() -> workspace.queue().find(item.traceId()).orElseThrow().status()
                == ReviewStatus.DENIED);
        assertThat(workspace.queue().find(item.traceId()).orElseThrow().note()).contains("cancelled").contains(taskId);
        assertThatThrownBy(() -> workspace.queue().approve(item.traceId(), "reviewer@example.com", "too late"))
                .isInstanceOf(RuntimeException.class);
        JsonNode result = taskResult(client, taskId);
        assertThat(result.path("isError").asBoolean()).isTrue();
        assertThat(text(result)).contains("CANCELLED");
        JsonNode again = client.answer(client.send("cancelTask", TaskClient.args().put("taskId", taskId)));
        assertThat(again.path("ok").asBoolean()).as("a finished task cannot be cancelled: %s", again).isFalse();
        assertThat(again.path("error").path("code").asInt()).isEqualTo(JsonRpc.INVALID_PARAMS);
    }

    @Test
    void anotherSessionCanNeitherReadNorCancelThisSessionsTask() throws Exception {
        String taskId = client.call("createTask", TaskClient.tool("get-sum", "{\"a\":45,\"b\":2}"))
                .path("task").path("taskId").asText();
        QueueItem item = queued("compute:sum", "\"a\":45,");
        try (TaskClient other = new TaskClient(front.url(), dir.resolve("other-client.log"), WAIT)) {
            for (String op : java.util.List.of("getTask", "getTaskResult", "cancelTask")) {
                JsonNode answer = other.answer(other.send(op, TaskClient.args().put("taskId", taskId)));
                assertThat(answer.path("ok").asBoolean()).as("%s from another session: %s", op, answer).isFalse();
                assertThat(answer.path("error").path("code").asInt()).isEqualTo(JsonRpc.INVALID_PARAMS);
            }
        }
        assertThat(client.call("getTask", TaskClient.args().put("taskId", taskId)).path("status").asText())
                .isEqualTo("working");
        assertThat(workspace.queue().find(item.traceId()).orElseThrow().status()).isEqualTo(ReviewStatus.PENDING);
        workspace.queue().deny(item.traceId(), "reviewer@example.com", "test over");
    }

    @Test
    void theKillSwitchEndsAWaitingTaskWithARefusal() throws Exception {
        int call = sum(44);
        String taskId = client.event(call, "taskCreated").path("task").path("taskId").asText();
        QueueItem item = queued("compute:sum", "\"a\":44,");
        workspace.killSwitch().engage(AGENT, "test: stop the agent", "test");
        try {
            client.event(call, "error");
            JsonNode refusal = taskResult(client, taskId);
            assertThat(refusal.path("isError").asBoolean()).isTrue();
            assertThat(text(refusal)).contains("kill switch");
            assertThat(workspace.queue().find(item.traceId()).orElseThrow().status()).isEqualTo(ReviewStatus.DENIED);
            // and the next call is refused at once, as a finished task
            int next = client.send("callToolStream", TaskClient.tool("echo", "{\"message\":\"still there?\"}"));
            String nextTask = client.event(next, "taskCreated").path("task").path("taskId").asText();
            client.event(next, "error");
            assertThat(text(taskResult(client, nextTask))).contains("KILL_SWITCH");
        } finally {
            workspace.killSwitch().release(AGENT, "test over", "test");
        }
    }

    @Test
    void anAllowedCallOfAToolTheServerRunsAsATaskIsTheServersOwnTaskPassedThrough() throws Exception {
        JsonNode listed = client.call("listTools", TaskClient.args());
        JsonNode research = null;
        for (JsonNode tool : listed) {
            if (tool.path("name").asText().equals("simulate-research-query")) {
                research = tool;
            }
        }
        assertThat(research).as("server-everything lists its task tool").isNotNull();
        assertThat(research.path("execution").path("taskSupport").asText()).isEqualTo("required");

        int call = client.send("callToolStream", TaskClient.tool("simulate-research-query",
                "{\"topic\":\"tool governance\"}"));
        String taskId = client.event(call, "taskCreated").path("task").path("taskId").asText();
        assertThat(taskId).as("the server's own task, not one of Arbiter's").doesNotStartWith(ProxyTasks.PREFIX);
        JsonNode result = client.event(call, "result").path("result");
        assertThat(text(result)).contains("Research Report: tool governance");
        // tasks/get went through to the server, whose statuses name its stages
        assertThat(client.events(call)).anyMatch(e -> e.path("task").path("statusMessage").asText()
                .contains("Generating report"));
        JsonNode tasks = client.call("listTasks", TaskClient.args()).path("tasks");
        assertThat(tasks.findValuesAsText("taskId")).contains(taskId);
        String trace = workspace.auditReader().newest(new AuditQuery(null, null, AGENT, null, null), 50).stream()
                .filter(e -> "research:query".equals(e.entry().action()) && "allow".equals(e.entry().decision())
                        && "decision".equals(e.entry().event()))
                .map(e -> e.entry().traceId()).findFirst().orElse(null);
        assertThat(trace).as("decided before it was forwarded").isNotNull();
        // the outcome is the task's result as tasks/result brought it, not the creation of the task
        JsonNode outcome = await().atMost(WAIT).until(() -> workspace.auditReader().forTrace(trace).stream()
                .filter(e -> "action.outcome".equals(e.entry().event())).findFirst()
                .map(e -> readJson(e.entry().output())).orElse(null), java.util.Objects::nonNull);
        assertThat(outcome.path("is_error").asBoolean(true)).isFalse();
        assertThat(outcome.path("content_items").asInt()).as("the report's content, not a task handle")
                .isPositive();
        assertThat(workspace.auditReader().forTrace(trace).stream()
                .filter(e -> "action.outcome".equals(e.entry().event()))).as("one outcome").hasSize(1);
    }

    static JsonNode readJson(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void toolsThePolicyDeniesOutrightAreHiddenUnlessThePolicySaysNot() throws Exception {
        assertThat(client.call("listTools", TaskClient.args()).findValuesAsText("name"))
                .contains("echo", "get-sum").doesNotContain("get-env");
        JsonNode shown = gatedClient.call("listTools", TaskClient.args());
        assertThat(shown.findValuesAsText("name")).contains("echo", "get-env");
        // listed, yet still refused when called: hiding is a convenience, the decision is the guard
        int call = gatedClient.send("callToolStream", TaskClient.tool("get-env", "{}"));
        String taskId = gatedClient.event(call, "taskCreated").path("task").path("taskId").asText();
        gatedClient.event(call, "error");
        JsonNode refusal = taskResult(gatedClient, taskId);
        assertThat(refusal.path("isError").asBoolean()).isTrue();
        assertThat(text(refusal)).contains("call:get-env").doesNotContain("PATH=");
    }

    @Test
    void aGatedCallOfAServerTaskToolRunsAsATaskOnTheServerOnceApproved() throws Exception {
        int call = gatedClient.send("callToolStream", TaskClient.tool("simulate-research-query",
                "{\"topic\":\"held research\"}"));
        String taskId = gatedClient.event(call, "taskCreated").path("task").path("taskId").asText();
        assertThat(taskId).startsWith(ProxyTasks.PREFIX);
        QueueItem item = queued("research:query", "held research");
        workspace.queue().approve(item.traceId(), "reviewer@example.com", "go ahead");
        JsonNode result = gatedClient.event(call, "result").path("result");
        assertThat(text(result)).contains("Research Report: held research");
        assertThat(result.path("_meta").path(ProxyTasks.RELATED).path("taskId").asText()).isEqualTo(taskId);
    }
}
