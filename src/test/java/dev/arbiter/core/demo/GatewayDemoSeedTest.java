package dev.arbiter.core.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.Agent;
import dev.arbiter.core.agent.AgentStatus;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.audit.LedgerEntry;
import dev.arbiter.core.policyqa.Replay;
import dev.arbiter.core.policyqa.ReplayReport;
import dev.arbiter.core.queue.QueueItem;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's decisions (the gateway seed's and the morning's history), on one seeded workspace. */
class GatewayDemoSeedTest {

    @TempDir
    static Path dir;
    static Workspace ws;

    @BeforeAll
    static void seed() {
        ws = TestWorkspaces.open(dir);
        DemoWorkspace.seed(ws);
    }

    @AfterAll
    static void close() {
        ws.close();
    }

    @Test
    void theDemoQueueHoldsGatedAndSupervisedActionsAndOneApproval() {
        assertThat(ws.queue().pending()).extracting(QueueItem::agentId, QueueItem::action, QueueItem::isGated)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("refunds-agent", "issue:refund", true),
                        org.assertj.core.groups.Tuple.tuple("data-cleanup-agent", "delete:stale_sessions", true),
                        org.assertj.core.groups.Tuple.tuple("refunds-agent", "issue:refund", false),
                        org.assertj.core.groups.Tuple.tuple("data-cleanup-agent", "archive:exports", false));
        assertThat(ws.auditReader().count(new AuditQuery(null, null, null, "review.approved", "Dana Reyes")))
                .isEqualTo(1);
        assertThat(ws.verifier().verify()).matches(dev.arbiter.core.audit.VerificationResult::intact, "intact");
    }

    /** Issue 19: the morning is recorded as the gateway records decisions, so a replay re-decides all of it. */
    @Test
    void everyDecisionOfTheDemoNamesItsPolicyAndReplayReproducesEachWithNoneSkipped() {
        List<LedgerEntry> decisions = ws.auditReader().newest(new AuditQuery(null, null, null, "decision", null),
                1000);
        assertThat(decisions).hasSize(36).allSatisfy(e -> assertThat(e.entry().detail())
                .contains("\"policy\":\"").contains("\"policy_version\":"));
        // the morning's escalations were reviewed then (one large refund turned down) and nobody was paused
        assertThat(ws.auditReader().count(new AuditQuery(null, null, null, "review.approved", null)))
                .isGreaterThan(1);
        assertThat(ws.auditReader().count(new AuditQuery(null, null, null, "review.denied", null))).isEqualTo(1);
        assertThat(ws.agents().list(null, false)).extracting(Agent::status).containsOnly(AgentStatus.ACTIVE);

        Replay replay = new Replay(ws.auditReader(), ws.policies(), ws.agents());
        long replayed = 0;
        for (String policy : List.of("customer-support-agent", "refunds-agent", "data-cleanup-agent")) {
            ReplayReport report = replay.run(policy, null, null, null);
            assertThat(report.changed()).as(policy).isZero();
            assertThat(report.skipped()).as(policy).isEmpty();
            replayed += report.decisions();
        }
        assertThat(replayed).isEqualTo(decisions.size());
    }
}
