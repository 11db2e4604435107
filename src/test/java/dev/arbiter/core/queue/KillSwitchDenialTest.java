package dev.arbiter.core.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.audit.LedgerEntry;
import dev.arbiter.core.decision.Decision;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.decision.ReasonCode;
import dev.arbiter.core.decision.Verdict;
import dev.arbiter.core.agent.AgentProfile;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.store.DataDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12 §4: engaging the switch denies every pending approval in one transaction and wakes every waiter. */
class KillSwitchDenialTest {

    @TempDir
    Path dir;

    @Test
    void everyPendingItemIsDeniedInOneBatchAndEveryWaiterIsAnswered() throws Exception {
        try (Workspace ws = Workspace.open(new DataDirectory(dir))) {
            // this test counts the entries of one batch; the alert detector's reaction to the gated run
            // (high-risk run) would land between the switch and its denials
            ws.alerts().detector().setEnabled(false);
            DemoAgents.ensure(ws);
            ws.agents().add(new AgentProfile("purger", "Purger", "ops", "", "", "", "", Set.of(), null,
                    "data-cleanup-agent", null), "alice");
            List<String> traces = new ArrayList<>();
            for (String agent : List.of(DemoAgents.CLEANUP, "purger")) {
                for (int i = 0; i < 5; i++) {
                    traces.add(ws.decisions().decide(DecisionRequest.of(agent, "delete:temp_files").withTarget(DemoAgents.TARGETS.get(DemoAgents.CLEANUP))).join().traceId());
                }
            }
            List<CompletableFuture<Optional<Decision>>> waiting = traces.stream()
                    .map(t -> ws.decisions().whenSettled(t)).toList();
            long head = ws.ledger().headSeq();

            ws.killSwitch().engage(null, "incident 7", "alice");

            for (CompletableFuture<Optional<Decision>> w : waiting) {
                Decision d = w.get(60, TimeUnit.SECONDS).orElseThrow();
                assertThat(d.verdict()).isEqualTo(Verdict.DENY);
                assertThat(d.reasonCode()).isEqualTo(ReasonCode.KILL_SWITCH);
            }
            List<LedgerEntry> denials = ws.auditReader().newest(new AuditQuery(null, null, null, "review.denied", null),
                    100);
            assertThat(denials).hasSize(traces.size());
            // one batch: the denials are consecutive entries right after the switch's own (other writers, such
            // as the alert detector reacting to the gated run, may have appended before the switch)
            long engaged = ws.auditReader().newest(new AuditQuery(null, null, null, "kill_switch.engaged", null), 1)
                    .get(0).seq();
            assertThat(engaged).isGreaterThan(head);
            assertThat(denials.stream().mapToLong(LedgerEntry::seq).min().orElseThrow()).isEqualTo(engaged + 1);
            assertThat(denials.stream().mapToLong(LedgerEntry::seq).max().orElseThrow())
                    .isEqualTo(engaged + traces.size());
            assertThat(ws.queue().pending()).isEmpty();
            assertThat(ws.verifier().verify().intact()).isTrue();
        }
    }

    @Test
    void anAgentSwitchDeniesOnlyThatAgentsItems() {
        try (Workspace ws = Workspace.open(new DataDirectory(dir))) {
            DemoAgents.ensure(ws);
            ws.agents().add(new AgentProfile("purger", "Purger", "ops", "", "", "", "", Set.of(), null,
                    "data-cleanup-agent", null), "alice");
            String mine = ws.decisions().decide(DecisionRequest.of("purger", "delete:temp_files").withTarget(DemoAgents.TARGETS.get(DemoAgents.CLEANUP))).join().traceId();
            String other = ws.decisions().decide(DecisionRequest.of(DemoAgents.CLEANUP, "delete:temp_files").withTarget(DemoAgents.TARGETS.get(DemoAgents.CLEANUP))).join()
                    .traceId();
            ws.killSwitch().engage("purger", "looping", "alice");
            assertThat(ws.queue().find(mine).orElseThrow().reasonCode()).isEqualTo(ReasonCode.KILL_SWITCH);
            assertThat(ws.queue().find(other).orElseThrow().isPending()).isTrue();
        }
    }

    /**
     * Another process engaged the switch a moment ago: this process has not reloaded it yet, and that
     * process's denial of the pending items may not have run. An approval given here in that window must
     * not release the action: the approval's own transaction reads the switch.
     */
    @Test
    void anApprovalJustAfterAKillInAnotherProcessDoesNotReleaseTheAction() throws Exception {
        try (Workspace ws = Workspace.open(new DataDirectory(dir))) {
            DemoAgents.ensure(ws);
            String trace = ws.decisions().decide(DecisionRequest.of(DemoAgents.CLEANUP, "delete:temp_files")
                    .withTarget(DemoAgents.TARGETS.get(DemoAgents.CLEANUP))).join().traceId();
            assertThat(ws.queue().find(trace).orElseThrow().isPending()).isTrue();
            try (java.sql.Connection other = java.sql.DriverManager.getConnection("jdbc:sqlite:"
                    + ws.directory().database()); java.sql.Statement st = other.createStatement()) {
                st.executeUpdate("INSERT INTO kill_switch (scope, engaged, reason, actor, changed_at) VALUES "
                        + "('*', 1, 'incident 9', 'sam', '2026-11-30T10:00:00Z') "
                        + "ON CONFLICT (scope) DO UPDATE SET engaged = 1");
            }

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ws.queue().approve(trace, "dana", "looks fine"))
                    .isInstanceOf(RuntimeException.class);
            var item = ws.queue().find(trace).orElseThrow();
            assertThat(item.reasonCode()).isEqualTo(ReasonCode.KILL_SWITCH);
            assertThat(ws.decisions().whenSettled(trace).get(60, TimeUnit.SECONDS).orElseThrow().verdict())
                    .isEqualTo(Verdict.DENY);
        }
    }
}
