package dev.arbiter.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.queue.QueueItem;
import dev.arbiter.core.queue.ReviewStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gated calls held in the proxy while a person decides, in front of the real
 * {@code server-everything}: approved ones run, and a cancel, a hang-up or the
 * kill switch releases them with a refusal; the server never sees those.
 */
class HeldCallTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final McpProxy.Limits QUICK = new McpProxy.Limits(Duration.ofSeconds(30), Duration.ofMillis(200));

    @TempDir
    static java.nio.file.Path dir;
    static Workspace workspace;

    @BeforeAll
    static void open() {
        workspace = TestWorkspaces.open(dir);
        EverythingPolicy.install(workspace);
    }

    @AfterAll
    static void close() {
        workspace.close();
    }

    RawSession session() throws Exception {
        RawSession s = new RawSession(workspace, EverythingPolicy.AGENT, QUICK,
                NpmMcpServers.command(NpmMcpServers.EVERYTHING, "stdio"));
        s.initialize("2025-11-25");
        return s;
    }

    static void sum(RawSession s, String id, int a, int b) throws Exception {
        s.send("{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"method\":\"tools/call\",\"params\":{\"name\":\"get-sum\","
                + "\"arguments\":{\"a\":" + a + ",\"b\":" + b + "},\"_meta\":{\"progressToken\":\"" + id + "\"}}}");
    }

    /** The one pending queue item for get-sum with this first argument. */
    static QueueItem awaitQueued(int a) {
        return await().atMost(WAIT).until(() -> workspace.queue().pending().stream()
                .filter(i -> i.inputSummary() != null && i.inputSummary().contains("\"a\":" + a + ",")).findFirst()
                .orElse(null), java.util.Objects::nonNull);
    }

    @Test
    void anApprovedCallRunsAndTheClientHearsProgressMeanwhile() throws Exception {
        try (RawSession s = session()) {
            sum(s, "approve-me", 40, 2);
            QueueItem item = awaitQueued(40);
            assertThat(item.action()).isEqualTo("compute:sum");
            await().atMost(WAIT).until(() -> !s.notifications("notifications/progress").isEmpty());
            workspace.queue().approve(item.traceId(), "reviewer", "fine");
            JsonNode answer = s.response("\"approve-me\"", WAIT);
            assertThat(answer.path("result").path("isError").asBoolean(false)).isFalse();
            assertThat(answer.path("result").path("content").get(0).path("text").asText()).contains("42");
            List<JsonNode> progress = s.notifications("notifications/progress");
            assertThat(progress.get(0).path("params").path("progressToken").asText()).isEqualTo("approve-me");
            assertThat(progress.get(0).path("params").path("message").asText()).contains(item.traceId());
        }
    }

    /**
     * The bytes of calls waiting for a decision are bounded per session (over stdio nothing else bounds
     * them): past the cap a call is answered "busy" at once and never queued; a decided call frees its bytes.
     */
    @Test
    void callsWaitingForADecisionAreBoundedInBytes() throws Exception {
        String pad = "x".repeat(3_000);
        McpProxy.Limits small = new McpProxy.Limits(QUICK.upstreamTimeout(), QUICK.progressEvery(), 4_096);
        try (RawSession s = new RawSession(workspace, EverythingPolicy.AGENT, small,
                NpmMcpServers.command(NpmMcpServers.EVERYTHING, "stdio"))) {
            s.initialize("2025-11-25");
            padded(s, "big-1", 50, pad);
            QueueItem first = awaitQueued(50);
            padded(s, "big-2", 51, pad);
            JsonNode busy = s.response("\"big-2\"", WAIT);
            assertThat(busy.path("error").path("code").asInt()).isEqualTo(JsonRpc.BUSY);
            assertThat(busy.path("error").path("message").asText()).contains("4096 bytes", "retry");
            assertThat(workspace.queue().pending()).noneMatch(i -> i.inputSummary() != null
                    && i.inputSummary().contains("\"a\":51,"));

            workspace.queue().deny(first.traceId(), "reviewer", "too big");
            assertThat(s.response("\"big-1\"", WAIT).path("result").path("isError").asBoolean()).isTrue();
            padded(s, "big-3", 52, pad); // the first call's bytes are free again
            QueueItem third = awaitQueued(52);
            workspace.queue().deny(third.traceId(), "reviewer", "done");
            s.response("\"big-3\"", WAIT);
        }
    }

    static void padded(RawSession s, String id, int a, String pad) throws Exception {
        s.send("{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"get-sum\",\"arguments\":{\"a\":" + a + ",\"b\":1},\"_meta\":{\"pad\":\"" + pad + "\"}}}");
    }

    @Test
    void aDeniedCallIsRefusedWithTheReviewersWords() throws Exception {
        try (RawSession s = session()) {
            sum(s, "deny-me", 41, 2);
            QueueItem item = awaitQueued(41);
            workspace.queue().deny(item.traceId(), "reviewer", "not today");
            JsonNode answer = s.response("\"deny-me\"", WAIT);
            assertThat(answer.path("result").path("isError").asBoolean()).isTrue();
            assertThat(answer.path("result").path("content").get(0).path("text").asText())
                    .contains("denied by reviewer").contains("not today").contains("REVIEWER_DENIED");
        }
    }

    @Test
    void theKillSwitchReleasesAHeldCallWithARefusal() throws Exception {
        try (RawSession s = session()) {
            sum(s, "kill-me", 43, 2);
            QueueItem item = awaitQueued(43);
            workspace.killSwitch().engage(EverythingPolicy.AGENT, "test: stop everything", "test");
            try {
                JsonNode answer = s.response("\"kill-me\"", WAIT);
                assertThat(answer.path("result").path("isError").asBoolean()).isTrue();
                assertThat(answer.path("result").path("content").get(0).path("text").asText())
                        .contains("kill switch");
                assertThat(workspace.queue().find(item.traceId()).orElseThrow().status())
                        .isEqualTo(ReviewStatus.DENIED);
            } finally {
                workspace.killSwitch().release(EverythingPolicy.AGENT, "test over", "test");
            }
        }
    }

    @Test
    void aCancelledOrAbandonedCallIsWithdrawnFromTheQueue() throws Exception {
        QueueItem abandoned;
        try (RawSession s = session()) {
            sum(s, "cancel-me", 44, 2);
            QueueItem cancelled = awaitQueued(44);
            s.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":"
                    + "\"cancel-me\",\"reason\":\"user pressed stop\"}}");
            await().atMost(WAIT).until(() -> workspace.queue().find(cancelled.traceId()).orElseThrow().status()
                    == ReviewStatus.DENIED);
            assertThat(workspace.queue().find(cancelled.traceId()).orElseThrow().note()).contains("cancelled");
            sum(s, "hang-up", 45, 2);
            abandoned = awaitQueued(45);
        } // the client hangs up with the call still held
        QueueItem after = workspace.queue().find(abandoned.traceId()).orElseThrow();
        assertThat(after.status()).isEqualTo(ReviewStatus.DENIED);
        assertThat(after.note()).contains("disconnected");
    }
}
