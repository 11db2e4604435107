package dev.arbiter.core.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.queue.QueueItem;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayDemoSeedTest {

    @TempDir
    Path dir;

    @Test
    void theDemoQueueHoldsGatedAndSupervisedActionsAndOneApproval() {
        try (Workspace ws = TestWorkspaces.open(dir)) {
            DemoWorkspace.seed(ws);
            assertThat(ws.queue().pending()).extracting(QueueItem::agentId, QueueItem::action, QueueItem::isGated)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("refunds-agent", "issue:refund", true),
                            org.assertj.core.groups.Tuple.tuple("data-cleanup-agent", "delete:stale_sessions", true),
                            org.assertj.core.groups.Tuple.tuple("refunds-agent", "issue:refund", false),
                            org.assertj.core.groups.Tuple.tuple("data-cleanup-agent", "archive:exports", false));
            assertThat(ws.auditReader().count(new AuditQuery(null, null, null, "review.approved", null))).isEqualTo(1);
            assertThat(ws.verifier().verify()).matches(dev.arbiter.core.audit.VerificationResult::intact, "intact");
        }
    }
}
