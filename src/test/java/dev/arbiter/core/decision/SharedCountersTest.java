package dev.arbiter.core.decision;

import static dev.arbiter.core.demo.DemoAgents.SUPPORT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.AgentProfile;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.policy.DailyBudget;
import dev.arbiter.core.policy.SamplePolicies;
import dev.arbiter.core.store.DataDirectory;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 §2 and issue 13 §4: counters that cannot be overflowed or reset,
 * by a huge value, a changed limit, a restart or a second process on the file.
 */
class SharedCountersTest {

    @TempDir
    Path dir;
    final TestClock clock = new TestClock(Instant.parse("2026-03-16T14:23:01Z"));
    Workspace ws;

    @BeforeEach
    void open() {
        ws = Workspace.open(new DataDirectory(dir), clock);
        DemoAgents.ensure(ws);
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private Workspace another() {
        return Workspace.open(new DataDirectory(dir), clock);
    }

    private static Decision read(Workspace w) {
        return w.decisions().decide(DecisionRequest.of(SUPPORT, "read:order_history").withTarget(DemoAgents.TARGETS.get(SUPPORT))).join();
    }

    private static Decision read(Workspace w, long tokens) {
        return w.decisions().decide(DecisionRequest.of(SUPPORT, "read:order_history").withTarget(DemoAgents.TARGETS.get(SUPPORT)).withTokens(tokens, null)).join();
    }

    private void budgetOf100kTokens() {
        budget(new DailyBudget(100_000L, null, 80));
    }

    private void budget(DailyBudget budget) {
        AgentProfile p = ws.agents().find(SUPPORT).orElseThrow().profile();
        ws.agents().update(new AgentProfile(p.id(), p.name(), p.owner(), p.purpose(), p.vendor(), p.model(),
                p.fallbackModel(), p.dataClasses(), budget, p.policyName(), p.policyVersion()), "alice");
    }

    private void actionsPerMinute(int limit) {
        String yaml = SamplePolicies.text("customer-support-agent.yaml")
                .replace("actions_per_minute: 30", "actions_per_minute: " + limit);
        ws.policies().save(yaml, "alice", "limit " + limit, true);
    }

    @Test
    void aHugeTokenCountSaturatesTheBudgetInsteadOfRefillingItAndARestartIsNo503() {
        budgetOf100kTokens();
        assertThat(read(ws, 150_000).reasonCode()).isEqualTo(ReasonCode.BUDGET_EXCEEDED);
        for (long huge : List.of(Long.MAX_VALUE, Long.MAX_VALUE - 1, Long.MAX_VALUE / 2 + 1)) {
            assertThat(read(ws, huge).reasonCode()).as("%d tokens", huge).isEqualTo(ReasonCode.BUDGET_EXCEEDED);
        }
        assertThat(ws.decisions().status(SUPPORT).budgetLeftTokens()).isZero();

        ws.close();
        ws = another(); // the ledger now holds entries whose SQL SUM overflows
        assertThat(ws.decisions().status(SUPPORT).budgetLeftTokens()).isZero();
        Decision after = read(ws, 1);
        assertThat(after.reasonCode()).isEqualTo(ReasonCode.BUDGET_EXCEEDED);
        assertThat(after.reason()).contains(String.format("%,d", Long.MAX_VALUE));
    }

    @Test
    void aDayWhoseLedgerSumOverflowsIsReadBackSaturatedAfterAnUpgrade() throws Exception {
        budgetOf100kTokens();
        read(ws, Long.MAX_VALUE);
        read(ws, Long.MAX_VALUE);
        ws.close();
        // as if upgraded from a version without the spend table: only the ledger knows the day
        try (var db = dev.arbiter.core.store.Database.open(new DataDirectory(dir).database())) {
            db.write(tx -> {
                try (var st = tx.connection().createStatement()) {
                    st.execute("DELETE FROM agent_spend");
                }
                return null;
            });
        }
        ws = another();
        assertThat(ws.decisions().status(SUPPORT).budgetLeftTokens()).isZero();
        assertThat(read(ws, 0).reasonCode()).isEqualTo(ReasonCode.BUDGET_EXCEEDED);
    }

    @Test
    void anInfiniteOrHugeCostSaturatesTheDollarBudget() {
        budget(new DailyBudget(null, new BigDecimal("25"), 80));
        ws.decisions().decide(DecisionRequest.of(SUPPORT, "read:order_history").withTarget(DemoAgents.TARGETS.get(SUPPORT)).withTokens(null, Double.MAX_VALUE))
                .join();
        Decision d = ws.decisions().decide(DecisionRequest.of(SUPPORT, "read:order_history").withTarget(DemoAgents.TARGETS.get(SUPPORT))
                .withTokens(null, Double.MAX_VALUE)).join();
        assertThat(d.reasonCode()).isEqualTo(ReasonCode.BUDGET_EXCEEDED);
        assertThat(ws.decisions().status(SUPPORT).budgetLeftUsd()).isZero();
    }

    @Test
    void aRaisedLimitAppliesToTheSameWindow() {
        actionsPerMinute(3);
        for (int i = 0; i < 3; i++) {
            assertThat(read(ws).verdict()).isEqualTo(Verdict.ALLOW);
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(read(ws).reasonCode()).isEqualTo(ReasonCode.RATE_LIMITED);
        actionsPerMinute(4); // re-imported: not a fresh window
        assertThat(read(ws).verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(read(ws).reasonCode()).isEqualTo(ReasonCode.RATE_LIMITED);
        actionsPerMinute(3);
        actionsPerMinute(4);
        assertThat(read(ws).reasonCode()).isEqualTo(ReasonCode.RATE_LIMITED);
    }

    @Test
    void aLoweredLimitLetsNothingMoreThroughThisMinute() {
        actionsPerMinute(3);
        for (int i = 0; i < 3; i++) {
            assertThat(read(ws).verdict()).isEqualTo(Verdict.ALLOW);
        }
        actionsPerMinute(2);
        assertThat(read(ws).reasonCode()).isEqualTo(ReasonCode.RATE_LIMITED);
        clock.advance(Duration.ofSeconds(59));
        assertThat(read(ws).reasonCode()).isEqualTo(ReasonCode.RATE_LIMITED);
        clock.advance(Duration.ofSeconds(1)); // all three left the window: two fit again
        assertThat(read(ws).verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(read(ws).verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(read(ws).reasonCode()).isEqualTo(ReasonCode.RATE_LIMITED);
    }

    @Test
    void twoProcessesOnOneFileShareOneRateWindow() {
        actionsPerMinute(3);
        try (Workspace second = another()) {
            int allowed = 0;
            for (int i = 0; i < 10; i++) {
                Workspace w = i % 2 == 0 ? ws : second;
                if (read(w).verdict() == Verdict.ALLOW) {
                    allowed++;
                }
            }
            assertThat(allowed).isEqualTo(3);
        }
    }

    @Test
    void twoProcessesRacingOnOneFileNeverLetMoreThanTheLimitThrough() throws Exception {
        actionsPerMinute(5);
        try (Workspace second = another()) {
            var futures = new java.util.ArrayList<java.util.concurrent.CompletableFuture<Decision>>();
            for (int i = 0; i < 40; i++) {
                Workspace w = i % 2 == 0 ? ws : second;
                futures.add(w.decisions().decide(DecisionRequest.of(SUPPORT, "read:order_history").withTarget(DemoAgents.TARGETS.get(SUPPORT))));
            }
            long allowed = futures.stream().map(java.util.concurrent.CompletableFuture::join)
                    .filter(d -> d.verdict() == Verdict.ALLOW).count();
            assertThat(allowed).isEqualTo(5);
        }
    }

    @Test
    void aRestartWithinTheMinuteDoesNotResetTheWindow() {
        actionsPerMinute(3);
        for (int i = 0; i < 3; i++) {
            read(ws);
        }
        ws.close();
        ws = another();
        assertThat(read(ws).reasonCode()).isEqualTo(ReasonCode.RATE_LIMITED);
    }

    @Test
    void escalationsPerHourHoldAcrossProcesses() {
        try (Workspace second = another()) {
            int queued = 0;
            for (int i = 0; i < 14; i++) {
                Workspace w = i % 2 == 0 ? ws : second;
                Decision d = w.decisions().decide(DecisionRequest.of(DemoAgents.CLEANUP, "delete:temp_files").withTarget(DemoAgents.TARGETS.get(DemoAgents.CLEANUP))).join();
                if (d.reasonCode() == ReasonCode.PENDING_APPROVAL) {
                    queued++;
                } else {
                    assertThat(d.reasonCode()).isEqualTo(ReasonCode.ESCALATION_LIMIT);
                }
                clock.advance(Duration.ofSeconds(7));
            }
            assertThat(queued).isEqualTo(6);
        }
    }

    @Test
    void twoProcessesShareOneDailyBudgetAndOneAlert() {
        budgetOf100kTokens();
        try (Workspace second = another()) {
            assertThat(read(ws, 60_000).verdict()).isEqualTo(Verdict.ALLOW);
            assertThat(read(second, 30_000).verdict()).isEqualTo(Verdict.ALLOW); // crosses 80 % here
            assertThat(read(ws, 10_000).verdict()).isEqualTo(Verdict.ALLOW);     // exactly 100,000
            assertThat(read(second, 1).reasonCode()).isEqualTo(ReasonCode.BUDGET_EXCEEDED);
            assertThat(ws.decisions().status(SUPPORT).budgetLeftTokens()).isZero();
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                ws.auditReader().count(new AuditQuery(null, null, SUPPORT, "budget.alert", null)) == 1);
    }
}
