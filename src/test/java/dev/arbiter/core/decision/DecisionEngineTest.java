package dev.arbiter.core.decision;

import dev.arbiter.core.policy.RiskTier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.AgentStatus;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.audit.LedgerEntry;
import dev.arbiter.core.audit.LedgerUnavailableException;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.queue.QueueItem;
import dev.arbiter.core.store.DataDirectory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionEngineTest {

    static final String SUPPORT = DemoAgents.SUPPORT;
    static final String REFUNDS = DemoAgents.REFUNDS;
    static final String CLEANUP = DemoAgents.CLEANUP;

    @TempDir
    Path dir;
    TestClock clock = new TestClock(Instant.parse("2026-03-16T14:23:01Z"));
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

    private Decision decide(DecisionRequest r) {
        return ws.decisions().decide(r).join();
    }

    private Decision decide(String agent, String action) {
        return decide(ask(agent, action));
    }

    /** The demo policies are sandboxed with network_access lists: each action names a listed target. */
    private static DecisionRequest ask(String agent, String action) {
        return DecisionRequest.of(agent, action).withTarget(DemoAgents.TARGETS.get(agent));
    }

    private static DecisionRequest refund(double usd) {
        return ask(REFUNDS, "issue:refund").withAmount(usd).withConfidence(0.95);
    }

    @Test
    void aLowRiskAllowedActionIsAllowedAutonomouslyAndAuditedUnderItsTraceId() {
        Decision d = decide(DecisionRequest.of(SUPPORT, "create:support_ticket").withReversible(true)
                .withConfidence(0.94).withTokens(1247L, null).withTarget("crm-api.internal:443"));

        assertThat(d.verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(d.reasonCode()).isEqualTo(ReasonCode.ALLOWED);
        assertThat(d.tier()).isEqualTo(RiskTier.AUTONOMOUS);
        assertThat(d.traceId()).matches("ag-2026-03-16-\\d{6}");
        assertThat(d.reason()).contains("create:support_ticket").contains("customer-support-agent v1");
        assertThat(d.policy()).isEqualTo("customer-support-agent");
        assertThat(d.policyVersion()).isEqualTo(1);

        List<LedgerEntry> trace = ws.auditReader().forTrace(d.traceId());
        assertThat(trace).hasSize(1);
        assertThat(trace.get(0).entry().event()).isEqualTo("decision");
        assertThat(trace.get(0).entry().decision()).isEqualTo("allow");
        assertThat(trace.get(0).entry().reasonCode()).isEqualTo("ALLOWED");
        assertThat(trace.get(0).entry().tokensConsumed()).isEqualTo(1247L);
        assertThat(ws.decisions().find(d.traceId())).contains(d);
    }

    @Test
    void thePolicyDeniesListedUnlistedAndOffNetworkActions() {
        assertThat(decide(SUPPORT, "write:payment_info").reasonCode()).isEqualTo(ReasonCode.DENIED_BY_POLICY);
        assertThat(decide(SUPPORT, "launch:rocket").reasonCode()).isEqualTo(ReasonCode.NOT_ALLOWED);
        Decision offNetwork = decide(DecisionRequest.of(SUPPORT, "read:order_history").withTarget("evil.example:443"));
        assertThat(offNetwork.reasonCode()).isEqualTo(ReasonCode.NETWORK_NOT_ALLOWED);
        assertThat(offNetwork.verdict()).isEqualTo(Verdict.DENY);
        assertThat(offNetwork.reason()).contains("evil.example:443");
    }

    @Test
    void theKillSwitchComesFirstAndNamesWhoEngagedItAndWhy() {
        ws.killSwitch().engage(null, "Incident 42", "alice");
        Decision d = decide(SUPPORT, "read:order_history");
        assertThat(d.reasonCode()).isEqualTo(ReasonCode.KILL_SWITCH);
        assertThat(d.reason()).contains("all agents").contains("alice").contains("Incident 42");

        ws.killSwitch().release(null, "resolved", "alice");
        ws.killSwitch().engage(REFUNDS, "refund loop", "bob");
        assertThat(decide(SUPPORT, "read:order_history").verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(decide(refund(10)).reasonCode()).isEqualTo(ReasonCode.KILL_SWITCH);
    }

    @Test
    void pausedRetiredAndUnknownAgentsAreRefused() {
        ws.agents().pause(SUPPORT, "investigating complaints", "alice");
        Decision paused = decide(SUPPORT, "read:order_history");
        assertThat(paused.reasonCode()).isEqualTo(ReasonCode.AGENT_PAUSED);
        assertThat(paused.reason()).contains("paused").contains("investigating complaints");

        ws.agents().retire(CLEANUP, "replaced", "alice");
        assertThat(decide(CLEANUP, "list:temp_files").reasonCode()).isEqualTo(ReasonCode.AGENT_PAUSED);

        Decision unknown = decide("nobody", "read:order_history");
        assertThat(unknown.reasonCode()).isEqualTo(ReasonCode.NO_POLICY);
        assertThat(unknown.reason()).contains("not registered");
        assertThat(unknown.tier()).isNull();
    }

    @Test
    void actionsPerMinuteIsASlidingWindow() {
        for (int i = 0; i < 30; i++) {
            assertThat(decide(SUPPORT, "read:order_history").verdict()).as("action %d", i + 1)
                    .isEqualTo(Verdict.ALLOW);
            clock.advance(Duration.ofMillis(500));
        }
        Decision limited = decide(SUPPORT, "read:order_history");
        assertThat(limited.reasonCode()).isEqualTo(ReasonCode.RATE_LIMITED);
        assertThat(limited.reason()).contains("actions_per_minute").contains("30");

        clock.advance(Duration.ofSeconds(45)); // the first action is now more than a minute old
        assertThat(decide(SUPPORT, "read:order_history").verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(decide(SUPPORT, "read:order_history").reasonCode()).isEqualTo(ReasonCode.RATE_LIMITED);
    }

    @Test
    void gatedActionsCountAgainstEscalationsPerHour() {
        for (int i = 0; i < 6; i++) {
            assertThat(decide(CLEANUP, "delete:temp_files").reasonCode()).isEqualTo(ReasonCode.PENDING_APPROVAL);
            clock.advance(Duration.ofSeconds(7));
        }
        Decision limited = decide(CLEANUP, "delete:temp_files");
        assertThat(limited.reasonCode()).isEqualTo(ReasonCode.ESCALATION_LIMIT);
        assertThat(limited.reason()).contains("escalations_per_hour");
        assertThat(decide(CLEANUP, "list:temp_files").verdict()).isEqualTo(Verdict.ALLOW);
    }

    @Test
    void theDailyTokenBudgetHoldsAcrossARestartAndRefillsNextDay() {
        assertThat(decide(ask(SUPPORT, "read:order_history").withTokens(799_000L, null)).verdict())
                .isEqualTo(Verdict.ALLOW);
        Decision over = decide(ask(SUPPORT, "read:order_history").withTokens(2_000L, null));
        assertThat(over.reasonCode()).isEqualTo(ReasonCode.BUDGET_EXCEEDED);
        assertThat(over.reason()).contains("800,000").contains("801,000");
        assertThat(ws.decisions().status(SUPPORT).budgetLeftTokens()).isZero();

        ws.close();
        ws = Workspace.open(new DataDirectory(dir), clock);
        assertThat(ws.decisions().status(SUPPORT).budgetLeftTokens()).isZero();
        assertThat(decide(SUPPORT, "read:order_history").reasonCode()).isEqualTo(ReasonCode.BUDGET_EXCEEDED);
        assertThat(ws.auditReader().count(new AuditQuery(null, null, SUPPORT, "budget.alert", null))).isEqualTo(1);

        clock.advance(Duration.ofDays(1));
        assertThat(decide(SUPPORT, "read:order_history").verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(ws.decisions().status(SUPPORT).budgetLeftTokens()).isEqualTo(800_000L);
    }

    @Test
    void usedUpAutonomyPausesTheAgentUntilAPersonResumesIt() {
        for (int i = 0; i < 50; i++) {
            assertThat(decide(CLEANUP, "list:temp_files").verdict()).as("action %d", i + 1).isEqualTo(Verdict.ALLOW);
            clock.advance(Duration.ofSeconds(7)); // stay under 10 actions a minute
        }
        Decision limit = decide(CLEANUP, "list:temp_files");
        assertThat(limit.reasonCode()).isEqualTo(ReasonCode.AUTONOMY_LIMIT);
        assertThat(limit.reason()).contains("max_autonomous_actions 50").contains("paused");
        assertThat(ws.agents().find(CLEANUP).orElseThrow().status()).isEqualTo(AgentStatus.PAUSED);
        assertThat(decide(CLEANUP, "list:temp_files").reasonCode()).isEqualTo(ReasonCode.AGENT_PAUSED);

        ws.agents().resume(CLEANUP, "reviewed the last 50 deletions", "alice");
        assertThat(decide(CLEANUP, "list:temp_files").verdict()).isEqualTo(Verdict.ALLOW);
    }

    @Test
    void autonomyIsAlsoTimeBoxedAndAReviewerDecisionRestartsTheClock() {
        assertThat(decide(CLEANUP, "list:temp_files").verdict()).isEqualTo(Verdict.ALLOW);
        clock.advance(Duration.ofMinutes(59));
        Decision gated = decide(CLEANUP, "delete:temp_files");
        assertThat(gated.verdict()).isEqualTo(Verdict.PENDING);
        ws.queue().approve(gated.traceId(), "alice", "fine");
        clock.advance(Duration.ofMinutes(30));
        assertThat(decide(CLEANUP, "list:temp_files").verdict()).isEqualTo(Verdict.ALLOW);

        clock.advance(Duration.ofMinutes(61));
        Decision limit = decide(CLEANUP, "list:temp_files");
        assertThat(limit.reasonCode()).isEqualTo(ReasonCode.AUTONOMY_LIMIT);
        assertThat(limit.reason()).contains("max_autonomous_minutes 60");
    }

    @Test
    void aSupervisedActionIsAllowedAtOnceAndQueuedForReviewWithinTheSla() {
        Decision d = decide(refund(80));
        assertThat(d.verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(d.reasonCode()).isEqualTo(ReasonCode.SUPERVISED_ALLOWED);
        assertThat(d.tier()).isEqualTo(RiskTier.SUPERVISED);
        assertThat(d.reviewDue()).isEqualTo(clock.instant().plus(Duration.ofHours(24)));

        QueueItem item = ws.queue().find(d.traceId()).orElseThrow();
        assertThat(item.isPending()).isTrue();
        assertThat(item.isGated()).isFalse();
        assertThat(ws.queue().pending()).extracting(QueueItem::traceId).containsExactly(d.traceId());

        ws.queue().deny(d.traceId(), "carol", "customer already refunded once");
        Decision reviewed = ws.decisions().find(d.traceId()).orElseThrow();
        assertThat(reviewed.verdict()).as("it already ran").isEqualTo(Verdict.ALLOW);
        assertThat(reviewed.reasonCode()).isEqualTo(ReasonCode.REVIEWER_DENIED);
        assertThat(reviewed.reviewer()).isEqualTo("carol");
    }

    @Test
    void aGatedActionWaitsForAReviewerAndTheApprovalIsAuditedWithTimeToDecide() throws Exception {
        Decision d = decide(refund(1450));
        assertThat(d.verdict()).isEqualTo(Verdict.PENDING);
        assertThat(d.reasonCode()).isEqualTo(ReasonCode.PENDING_APPROVAL);
        assertThat(d.tier()).isEqualTo(RiskTier.GATED);
        var settled = ws.decisions().whenSettled(d.traceId());
        assertThat(settled).isNotDone();

        clock.advance(Duration.ofSeconds(95));
        ws.queue().approve(d.traceId(), "alice", "matches the cancellation");

        Decision after = settled.get(60, TimeUnit.SECONDS).orElseThrow();
        assertThat(after.verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(after.reasonCode()).isEqualTo(ReasonCode.REVIEWER_APPROVED);
        assertThat(after.reviewer()).isEqualTo("alice");
        assertThat(after.reviewNote()).isEqualTo("matches the cancellation");
        LedgerEntry review = ws.auditReader().forTrace(d.traceId()).get(1);
        assertThat(review.entry().event()).isEqualTo("review.approved");
        assertThat(review.entry().reasonCode()).isEqualTo("REVIEWER_APPROVED");
        assertThat(review.entry().actor()).isEqualTo("alice");
        assertThat(review.entry().humanOverride()).isTrue();
        assertThat(review.entry().detail()).contains("\"time_to_decide_ms\":95000").contains("matches the cancellation");
        assertThatThrownBy(() -> ws.queue().deny(d.traceId(), "bob", null))
                .hasMessageContaining("already approved by alice");
    }

    @Test
    void aGatedActionNobodyDecidesOnTimesOutDenied() {
        Decision d = decide(refund(5000));
        clock.advance(Duration.ofMinutes(14));
        assertThat(ws.queue().expireOverdue()).isZero();
        clock.advance(Duration.ofMinutes(1));
        assertThat(ws.queue().expireOverdue()).isEqualTo(1);
        Decision after = ws.decisions().find(d.traceId()).orElseThrow();
        assertThat(after.verdict()).isEqualTo(Verdict.DENY);
        assertThat(after.reasonCode()).isEqualTo(ReasonCode.REVIEW_TIMEOUT);
        assertThat(after.reason()).contains("15 min");
    }

    @Test
    void engagingTheKillSwitchDeniesPendingItemsOfAffectedAgentsAtOnce() throws Exception {
        Decision refundWait = decide(refund(5000));
        Decision cleanupWait = decide(CLEANUP, "delete:temp_files");
        var waiting = ws.decisions().whenSettled(refundWait.traceId());

        ws.killSwitch().engage(REFUNDS, "refund loop", "bob");

        Decision after = waiting.get(60, TimeUnit.SECONDS).orElseThrow();
        assertThat(after.verdict()).isEqualTo(Verdict.DENY);
        assertThat(after.reasonCode()).isEqualTo(ReasonCode.KILL_SWITCH);
        assertThat(after.reviewer()).isEqualTo("bob");
        assertThat(ws.decisions().find(cleanupWait.traceId()).orElseThrow().isPending()).isTrue();
    }

    @Test
    void pendingItemsSurviveARestart() {
        Decision d = decide(refund(5000));
        ws.close();
        ws = Workspace.open(new DataDirectory(dir), clock);
        assertThat(ws.queue().pending()).extracting(QueueItem::traceId).containsExactly(d.traceId());
        ws.queue().approve(d.traceId(), "alice", null);
        assertThat(ws.decisions().find(d.traceId()).orElseThrow().reasonCode())
                .isEqualTo(ReasonCode.REVIEWER_APPROVED);
    }

    @Test
    void traceIdsAreUniqueAcrossProcessesAndRestarts() {
        Set<String> ids = new HashSet<>();
        try (Workspace other = Workspace.open(new DataDirectory(dir), clock)) {
            for (int i = 0; i < 20; i++) {
                assertThat(ids.add(decide(SUPPORT, "read:order_history").traceId())).isTrue();
                assertThat(ids.add(other.decisions().decide(ask(SUPPORT, "read:order_history"))
                        .join().traceId())).isTrue();
                clock.advance(Duration.ofSeconds(5));
            }
        }
        ws.close();
        ws = Workspace.open(new DataDirectory(dir), clock);
        assertThat(ids.add(decide(SUPPORT, "read:order_history").traceId())).isTrue();
    }

    @Test
    void whenTheLedgerCannotWriteTheDecisionFailsInsteadOfAllowing() {
        decide(SUPPORT, "read:order_history"); // numbers reserved
        ws.ledger().close();
        assertThatThrownBy(() -> decide(SUPPORT, "read:order_history"))
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(LedgerUnavailableException.class);
    }

    @Test
    void anOutcomeIsRecordedOnlyForAnAllowedActionAndCountsAgainstTheBudget() {
        Decision denied = decide(SUPPORT, "write:payment_info");
        assertThatThrownBy(() -> ws.decisions().recordOutcome(denied, new Outcome(null, 10L, 5L, null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("never allowed");

        Decision allowed = decide(SUPPORT, "create:support_ticket");
        LedgerEntry outcome = ws.decisions().recordOutcome(allowed,
                new Outcome("{\"ticket_id\":\"TKT-45678\"}", 3400L, 210L, null)).join();
        assertThat(outcome.entry().event()).isEqualTo("action.outcome");
        assertThat(outcome.entry().traceId()).isEqualTo(allowed.traceId());
        assertThat(outcome.entry().output()).isEqualTo("{\"ticket_id\":\"TKT-45678\"}");
        assertThat(outcome.entry().latencyMs()).isEqualTo(3400L);
        assertThat(ws.decisions().status(SUPPORT).budgetLeftTokens()).isEqualTo(800_000L - 210L);
    }

    @Test
    void unknownOrMalformedTraceIdsAreNotFound() {
        assertThat(ws.decisions().find("ag-2026-03-16-999999")).isEqualTo(Optional.empty());
        assertThat(ws.decisions().find("../../etc/passwd")).isEmpty();
    }
}
