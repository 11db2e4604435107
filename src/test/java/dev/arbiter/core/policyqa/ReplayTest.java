package dev.arbiter.core.policyqa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.LedgerEntry;
import dev.arbiter.core.decision.Decision;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.decision.ReasonCode;
import dev.arbiter.core.decision.TestClock;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.store.DataDirectory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayTest {

    static final String SUPPORT = DemoAgents.SUPPORT;
    static final String REFUNDS = DemoAgents.REFUNDS;

    @TempDir
    Path dir;
    TestClock clock = new TestClock(Instant.parse("2026-03-16T14:00:00Z"));
    Workspace ws;
    List<Decision> decided = new ArrayList<>();

    @BeforeEach
    void open() {
        ws = Workspace.open(new DataDirectory(dir), clock);
        DemoAgents.ensure(ws);
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private Decision ask(DecisionRequest r) {
        Decision d = ws.decisions().decide(r.withTarget(DemoAgents.TARGETS.get(r.agentId()))).join();
        decided.add(d);
        clock.advance(Duration.ofSeconds(1));
        return d;
    }

    private Replay replay() {
        return new Replay(ws.auditReader(), ws.policies(), ws.agents());
    }

    /** A history with each kind of counter refusal and the kill switch. */
    private void history() {
        for (int i = 0; i < 31; i++) {
            ask(DecisionRequest.of(SUPPORT, "read:order_history"));
        }
        assertThat(decided.get(30).reasonCode()).isEqualTo(ReasonCode.RATE_LIMITED);
        ask(DecisionRequest.of(SUPPORT, "issue:refund"));
        ws.killSwitch().engage(SUPPORT, "incident", "alice");
        assertThat(ask(DecisionRequest.of(SUPPORT, "read:order_history")).reasonCode()).isEqualTo(ReasonCode.KILL_SWITCH);
        ws.killSwitch().release(SUPPORT, "resolved", "alice");
        clock.advance(Duration.ofMinutes(2));
        ask(DecisionRequest.of(REFUNDS, "read:order_history").withTokens(1_400_000L, null));
        assertThat(ask(DecisionRequest.of(REFUNDS, "read:order_history").withTokens(200_000L, null)).reasonCode())
                .isEqualTo(ReasonCode.BUDGET_EXCEEDED);
        assertThat(ask(DecisionRequest.of(REFUNDS, "issue:refund").withAmount(2500.0)).reasonCode())
                .isEqualTo(ReasonCode.BUDGET_EXCEEDED);
    }

    @Test
    void replayingTheRecordedVersionsReproducesRateLimitsBudgetsAndTheKillSwitch() {
        history();
        ReplayReport support = replay().run("customer-support-agent", null, null, null);
        ReplayReport refunds = replay().run("refunds-agent", null, null, null);
        assertThat(support.changes()).isEmpty();
        assertThat(refunds.changes()).isEmpty();
        assertThat(support.decisions() + refunds.decisions()).isEqualTo(decided.size());
    }

    @Test
    void aLaxerCandidateShowsEveryWouldBeAllowOfADeniedRequest() {
        history();
        String yaml = ws.policies().active("customer-support-agent").orElseThrow().yaml()
                .replace("actions_per_minute: 30", "actions_per_minute: 100")
                .replace("    - create:support_ticket", "    - create:support_ticket\n    - issue:refund");
        int v2 = ws.policies().save(yaml, "tester", "laxer", false).version().version();

        ReplayReport report = replay().run("customer-support-agent", v2, null, null);

        assertThat(report.allowsSomethingDenied()).isTrue();
        assertThat(report.changes()).extracting(c -> c.recorded().traceId() + " " + c.kind())
                .containsExactly(decided.get(30).traceId() + " DENY_TO_ALLOW",
                        decided.get(31).traceId() + " DENY_TO_ALLOW");
        // the kill switch decided before the policy: no version changes that
        assertThat(report.changes()).noneMatch(c -> c.recorded().reasonCode().equals("KILL_SWITCH"));
        assertThat(report.countsByKind().get(ChangeKind.DENY_TO_ALLOW)).isEqualTo(2);
    }

    @Test
    void aStricterCandidateShowsAllowToDenyAndRangesSeeTheStateAsItWas() {
        history();
        String yaml = ws.policies().active("customer-support-agent").orElseThrow().yaml()
                .replace("    - read:order_history\n", "");
        int v2 = ws.policies().save(yaml, "tester", "stricter", false).version().version();

        ReplayReport all = replay().run("customer-support-agent", v2, null, null);
        assertThat(all.allowsSomethingDenied()).isFalse();
        assertThat(all.countsByKind().get(ChangeKind.ALLOW_TO_DENY)).isEqualTo(30);
        // the 31st read was RATE_LIMITED and is now NOT_ALLOWED: denied both times, for another reason
        assertThat(all.countsByKind().get(ChangeKind.REASON_CHANGED)).isEqualTo(1);

        // a range that starts at the 31st read still sees the 30 before it in the window
        Instant from = decided.get(30).decidedAt();
        ReplayReport tail = replay().run("customer-support-agent", null, from, null);
        assertThat(tail.changes()).isEmpty();
        assertThat(tail.decisions()).isEqualTo(3);
    }

    /**
     * A data subject's entry keeps its context (the amount that scored the refund) beside the ledger: the scan
     * joins it in, so the replay re-decides with it; once erased, the amount is unknown and the tier may move.
     */
    @Test
    void aDataSubjectsEntryIsReplayedWithItsContextAndAfterErasureWithout() {
        for (int i = 0; i < 3; i++) {
            // as the gateway reads it: the context's amount_usd is the request's amount
            ask(DecisionRequest.of(REFUNDS, "issue:refund").withAmount(4000.0).withContextJson("{\"subject_id\":\"c-" + i
                    + "\",\"amount_usd\":4000}"));
        }
        assertThat(ws.auditReader().forTrace(decided.get(0).traceId()).get(0).entry().detail()).contains("4000");
        assertThat(replay().run("refunds-agent", null, null, null).changes()).isEmpty();

        ws.erasure().erase("c-1", "GDPR Art. 17 request", "dpo");
        ReplayReport after = replay().run("refunds-agent", null, null, null);
        assertThat(after.decisions()).isEqualTo(3);
        assertThat(after.changes()).extracting(c -> c.recorded().traceId()).containsExactly(decided.get(1).traceId());
    }

    @Test
    void onlyTheChosenAgentsAreReplayedWithProgressToTheEndAndAStopStops() {
        history();
        java.util.List<Double> seen = new ArrayList<>();
        Replay.Progress watch = new Replay.Progress() {
            @Override
            public void at(double done) {
                seen.add(done);
            }

            @Override
            public boolean cancelled() {
                return false;
            }
        };
        ReplayReport support = replay().run("customer-support-agent", null, null, null,
                java.util.Set.of("Support-Agent-V2"), watch);
        assertThat(support.decisions()).isEqualTo(decided.stream().filter(d -> d.agentId().equals(SUPPORT)).count());
        assertThat(seen).last().isEqualTo(1.0);
        assertThat(replay().run("refunds-agent", null, null, null, java.util.Set.of(SUPPORT), watch).decisions())
                .isZero();

        Replay.Progress stop = new Replay.Progress() {
            @Override
            public void at(double done) {
            }

            @Override
            public boolean cancelled() {
                return true;
            }
        };
        assertThatThrownBy(() -> replay().run("customer-support-agent", null, null, null, null, stop))
                .isInstanceOf(java.util.concurrent.CancellationException.class);
    }

    /** A decision entry written by hand, as the demo wrote its history before: {@code detail} may name no policy. */
    private void handWritten(String agent, String reasonCode, String detail) {
        ws.ledger().append(dev.arbiter.core.audit.AuditEntry.of("decision").timestamp(clock.instant())
                .traceId("ag-hand-" + decided.size()).agentId(agent).action("read:order_history").tokensConsumed(10L)
                .decision("NO_POLICY".equals(reasonCode) ? "deny" : "allow").tier("autonomous").reasonCode(reasonCode)
                .actor("test").detail(detail).build());
        clock.advance(Duration.ofSeconds(1));
    }

    @Test
    void whatAReplayCannotReDecideIsCountedByReasonAndNeverPassedOverSilently() {
        ask(DecisionRequest.of(SUPPORT, "read:order_history"));
        Instant from = clock.instant();
        handWritten(SUPPORT, "ALLOWED", dev.arbiter.core.audit.AuditDetail.of("reason", "by hand"));
        ask(DecisionRequest.of(SUPPORT, "read:order_history"));
        handWritten(SUPPORT, "ALLOWED", null);
        // refused because no policy was in force, and an agent that never decided under the policy: not its own
        handWritten(SUPPORT, "NO_POLICY", null);
        handWritten("someone-else", "ALLOWED", null);
        handWritten(SUPPORT, "ALLOWED", dev.arbiter.core.audit.AuditDetail.of("policy", "customer-support-agent",
                "policy_version", 99));
        // the refunds agent is assigned its own policy: its policy-less decision is not this policy's to count
        handWritten(REFUNDS, "ALLOWED", null);

        ReplayReport all = replay().run("customer-support-agent", null, null, null);
        assertThat(all.decisions()).isEqualTo(2);
        assertThat(all.skipped()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                SkipReason.NO_POLICY_RECORDED, 2L, SkipReason.VERSION_UNKNOWN, 1L));
        assertThat(all.skippedLines()).containsExactly(
                "Skipped 2 decisions of the range that " + SkipReason.NO_POLICY_RECORDED.why() + ".",
                "Skipped 1 decision of the range that " + SkipReason.VERSION_UNKNOWN.why() + ".");
        // an agent assigned the policy counts even when none of its decisions in the range named it
        assertThat(replay().run("refunds-agent", null, null, null).skipped())
                .containsExactlyEntriesOf(java.util.Map.of(SkipReason.NO_POLICY_RECORDED, 1L));

        // under a candidate every decision of the policy is re-decided, whatever version it names
        int v1 = ws.policies().active("customer-support-agent").orElseThrow().version();
        ReplayReport candidate = replay().run("customer-support-agent", v1, null, null);
        assertThat(candidate.decisions()).isEqualTo(3);
        assertThat(candidate.skipped()).containsExactlyEntriesOf(java.util.Map.of(SkipReason.NO_POLICY_RECORDED, 2L));

        // before the range only rebuilds the counters: nothing there is counted; the chosen agents bound the count
        ReplayReport tail = replay().run("customer-support-agent", null, clock.instant().minusSeconds(3), null);
        assertThat(tail.skipped()).containsExactlyEntriesOf(java.util.Map.of(SkipReason.VERSION_UNKNOWN, 1L));
        assertThat(replay().run("customer-support-agent", null, from, null, java.util.Set.of("someone-else"),
                Replay.Progress.NONE).skippedTotal()).isZero();
        assertThat(replay().run("customer-support-agent", null, null, null).skippedTotal()).isEqualTo(3);
    }

    @Test
    void unknownPoliciesAndVersionsAreNamed() {
        assertThatThrownBy(() -> replay().run("nope", null, null, null)).hasMessageContaining("no policy named nope");
        assertThatThrownBy(() -> replay().run("refunds-agent", 9, null, null))
                .hasMessageContaining("refunds-agent has no version 9");
    }

    @Test
    void aDecisionEntryRecordsTheScoredContextEvenWithoutTheAgentsJson() {
        Decision d = ask(DecisionRequest.of(REFUNDS, "issue:refund").withAmount(1500.0).withReversible(false));
        LedgerEntry e = ws.auditReader().forTrace(d.traceId()).get(0);
        RecordedRequest r = RecordedRequest.of(e.seq(), e.entry());
        assertThat(r.request().action().amountUsd()).isEqualTo(1500.0);
        assertThat(r.request().action().reversible()).isFalse();
        assertThat(r.request().action().target()).isEqualTo(DemoAgents.TARGETS.get(REFUNDS));
        assertThat(ws.verifier().verify()).isInstanceOf(dev.arbiter.core.audit.VerificationResult.Intact.class);
    }
}
