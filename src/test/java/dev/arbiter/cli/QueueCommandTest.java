package dev.arbiter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.queue.QueueItem;
import dev.arbiter.core.queue.ReviewStatus;
import dev.arbiter.core.store.DataDirectory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueueCommandTest {

    @TempDir
    Path data;

    /** A refund over the gated threshold, left waiting for a person. */
    private String gatedRefund() {
        try (Workspace ws = Workspace.open(new DataDirectory(data))) {
            DemoAgents.ensure(ws);
            return ws.decisions().decide(DecisionRequest.of(DemoAgents.REFUNDS, "issue:refund")
                    .withTarget(DemoAgents.TARGETS.get(DemoAgents.REFUNDS)).withAmount(2500.0)
                    .withConfidence(0.9)).join().traceId();
        }
    }

    private QueueItem item(String traceId) {
        try (Workspace ws = Workspace.open(new DataDirectory(data))) {
            return ws.queue().find(traceId).orElseThrow();
        }
    }

    @Test
    void approveRecordsTheReviewerAndNote() {
        String trace = gatedRefund();
        CliRun run = CliRun.in(data, "queue", "approve", trace, "--note", "customer verified");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("issue:refund of refunds-agent approved.\n");
        QueueItem item = item(trace);
        assertThat(item.status()).isEqualTo(ReviewStatus.APPROVED);
        assertThat(item.reviewer()).startsWith("cli:");
        assertThat(item.note()).isEqualTo("customer verified");
    }

    @Test
    void denyRecordsTheReviewerAndNote() {
        String trace = gatedRefund();
        CliRun run = CliRun.in(data, "queue", "deny", trace, "--note", "duplicate request");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("issue:refund of refunds-agent denied.\n");
        QueueItem item = item(trace);
        assertThat(item.status()).isEqualTo(ReviewStatus.DENIED);
        assertThat(item.reviewer()).startsWith("cli:");
        assertThat(item.note()).isEqualTo("duplicate request");
    }

    @Test
    void denyNeedsATraceId() {
        assertThat(CliRun.in(data, "queue", "deny").exitCode()).isEqualTo(2);
    }
}
