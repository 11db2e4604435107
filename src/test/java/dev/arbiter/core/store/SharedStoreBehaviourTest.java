package dev.arbiter.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.audit.LedgerEntry;
import dev.arbiter.core.decision.AgentGateStatus;
import dev.arbiter.core.decision.Decision;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.decision.ReasonCode;
import dev.arbiter.core.decision.TestClock;
import dev.arbiter.core.decision.Verdict;
import dev.arbiter.core.agent.AgentProfile;
import dev.arbiter.core.policy.DailyBudget;
import dev.arbiter.core.policy.SamplePolicies;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.demo.DemoWorkspace;
import dev.arbiter.core.queue.QueueItem;
import dev.arbiter.core.queue.ReviewStatus;
import dev.arbiter.core.token.IssuedToken;
import dev.arbiter.core.token.TokenCheck;
import dev.arbiter.testing.StoreKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The behaviour every store must give, run on SQLite and on a real PostgreSQL
 * server alike, with two workspaces on the same data standing for two
 * processes (a gateway and a reviewer's desktop, or two gateways).
 */
class SharedStoreBehaviourTest {

    @TempDir
    Path dir;

    private static AuditQuery text(String text) {
        return new AuditQuery(null, null, null, null, text);
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void twoProcessesAppendingAtOnceBuildOneUnbrokenChain(StoreKind kind) throws Exception {
        StoreKind.Place place = kind.fresh(dir);
        try (Workspace a = place.open(1); Workspace b = place.open(2)) {
            long before = a.ledger().headSeq();
            List<CompletableFuture<LedgerEntry>> acks = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                acks.add(a.ledger().appendAsync(AuditEntry.of("test.a").actor("a").build()));
                acks.add(b.ledger().appendAsync(AuditEntry.of("test.b").actor("b").build()));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

            assertThat(acks).extracting(f -> f.join().seq()).doesNotHaveDuplicates();
            assertThat(a.ledger().headSeq()).isEqualTo(before + 300);
            assertThat(a.verifier().verify().intact()).as(a.verifier().verify().describe()).isTrue();
            assertThat(b.verifier().verify().intact()).as(b.verifier().verify().describe()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void theWholeDemoWorkspaceSeedsAndVerifies(StoreKind kind) {
        // readiness, risk assessments, compliance, policies, agents, queue, ledger: every store class writes
        StoreKind.Place place = kind.fresh(dir);
        try (Workspace ws = place.open(1)) {
            DemoWorkspace.seed(ws);
            assertThat(ws.readiness().history()).isNotEmpty();
            assertThat(ws.verifier().verify().intact()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void theLedgerRefusesChangesAndDeletesWhateverSqlTries(StoreKind kind) {
        StoreKind.Place place = kind.fresh(dir);
        try (Workspace ws = place.open(1)) {
            ws.ledger().append(AuditEntry.of("test.entry").actor("t").build());
            assertThatThrownBy(() -> ws.database().write(tx -> tx.connection().createStatement()
                    .executeUpdate("UPDATE audit_entry SET hash = 'x'"))).hasMessageContaining("append-only");
            assertThatThrownBy(() -> ws.database().write(tx -> tx.connection().createStatement()
                    .executeUpdate("DELETE FROM audit_entry"))).hasMessageContaining("append-only");
            assertThat(ws.verifier().verify().intact()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void twoReviewersDecidingOneItemAtOnceGiveOneWinnerAndOneLedgerDecision(StoreKind kind) throws Exception {
        StoreKind.Place place = kind.fresh(dir);
        try (Workspace gateway = place.open(1); Workspace dana = place.open(2); Workspace sam = place.open(3)) {
            DemoAgents.ensure(gateway);
            for (int round = 0; round < 5; round++) {
                Decision d = gateway.decisions().decide(DecisionRequest.of(DemoAgents.REFUNDS, "issue:refund").withTarget(DemoAgents.TARGETS.get(DemoAgents.REFUNDS))
                        .withAmount(2500.0).withConfidence(0.9)).join();
                await().atMost(Duration.ofSeconds(60)).until(() -> sam.queue().find(d.traceId()).isPresent()
                        && dana.queue().find(d.traceId()).isPresent());
                CountDownLatch go = new CountDownLatch(1);
                ExecutorService two = Executors.newFixedThreadPool(2);
                Future<QueueItem> byDana = two.submit(() -> {
                    go.await();
                    return dana.queue().approve(d.traceId(), "Dana Reyes", "fine");
                });
                Future<QueueItem> bySam = two.submit(() -> {
                    go.await();
                    return sam.queue().deny(d.traceId(), "Sam Lee", "no");
                });
                go.countDown();
                List<Object> outcomes = new ArrayList<>();
                for (Future<QueueItem> f : List.of(byDana, bySam)) {
                    try {
                        outcomes.add(f.get(30, TimeUnit.SECONDS));
                    } catch (java.util.concurrent.ExecutionException e) {
                        outcomes.add(e.getCause());
                    }
                }
                two.shutdown();

                assertThat(outcomes).filteredOn(QueueItem.class::isInstance).hasSize(1);
                QueueItem winner = (QueueItem) outcomes.stream().filter(QueueItem.class::isInstance).findFirst()
                        .orElseThrow();
                String verb = winner.status() == ReviewStatus.APPROVED ? "approved" : "denied";
                assertThat(outcomes).filteredOn(IllegalArgumentException.class::isInstance).singleElement()
                        .satisfies(e -> assertThat(((Exception) e).getMessage())
                                .contains("already " + verb + " by " + winner.reviewer() + " at ")
                                .matches(".* at \\d\\d:\\d\\d\\.$"));
                long reviews = gateway.auditReader().count(text(d.traceId()))
                        - 1; // the decision itself
                assertThat(reviews).as("review entries for " + d.traceId()).isEqualTo(1);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aKillSwitchEngagedInOneProcessStopsTheOthersGateway(StoreKind kind) {
        StoreKind.Place place = kind.fresh(dir);
        try (Workspace gateway = place.open(1); Workspace desktop = place.open(2)) {
            DemoAgents.ensure(gateway);
            assertThat(gateway.killSwitch().isEngagedFor(DemoAgents.SUPPORT)).isFalse();
            desktop.killSwitch().engage(null, "incident 42", "alice");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                    .until(() -> gateway.killSwitch().isEngagedFor(DemoAgents.SUPPORT));
            Decision d = gateway.decisions().decide(DecisionRequest.of(DemoAgents.SUPPORT, "read:ticket").withTarget(DemoAgents.TARGETS.get(DemoAgents.SUPPORT))).join();
            assertThat(d.verdict().name()).isEqualToIgnoringCase("deny");
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void agentsPoliciesAndTokensMadeInOneProcessHoldInTheOther(StoreKind kind) {
        StoreKind.Place place = kind.fresh(dir);
        try (Workspace cli = place.open(1); Workspace gateway = place.open(2)) {
            DemoAgents.ensure(cli);
            await().atMost(Duration.ofSeconds(60)).until(() -> gateway.agents().list("", true).size()
                    == cli.agents().list("", true).size() && !gateway.policies().list().isEmpty());
            IssuedToken token = cli.tokens().issue(DemoAgents.SUPPORT, Duration.ofHours(1), "cli:test");
            assertThat(gateway.tokens().check(token.token())).isInstanceOf(TokenCheck.Valid.class);
            cli.tokens().revoke(token.info().id(), "cli:test");
            await().atMost(Duration.ofSeconds(60)).until(() -> gateway.tokens().check(token.token())
                    instanceof TokenCheck.Refused);
            cli.agents().pause(DemoAgents.SUPPORT, "maintenance", "cli:test");
            await().atMost(Duration.ofSeconds(60)).until(() -> gateway.agents().find(DemoAgents.SUPPORT)
                    .map(a -> a.status().wireName().equals("paused")).orElse(false));
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aLongPollOnAGatewayThatHasNotSeenTheItemYetWaitsForTheDecision(StoreKind kind) throws Exception {
        StoreKind.Place place = kind.fresh(dir);
        try (Workspace asked = place.open(1); Workspace polled = place.open(2)) {
            DemoAgents.ensure(asked);
            for (int round = 0; round < 3; round++) {
                Decision d = asked.decisions().decide(DecisionRequest.of(DemoAgents.REFUNDS, "issue:refund")
                        .withTarget(DemoAgents.TARGETS.get(DemoAgents.REFUNDS)).withAmount(2500.0)
                        .withConfidence(0.9)).join();
                // at once, behind a load balancer: the second gateway's change notice may not be in yet
                CompletableFuture<Optional<Decision>> poll = polled.decisions().whenSettled(d.traceId());
                Thread.sleep(300);
                assertThat(poll).as("answered while still pending").isNotDone();
                asked.queue().approve(d.traceId(), "Dana Reyes", "ok");
                Decision answer = poll.get(60, TimeUnit.SECONDS).orElseThrow();
                assertThat(answer.reasonCode()).isEqualTo(ReasonCode.REVIEWER_APPROVED);
                assertThat(answer.reviewer()).isEqualTo("Dana Reyes");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void anApprovalInOneProcessAnswersTheAgentWaitingOnAnother(StoreKind kind) throws Exception {
        StoreKind.Place place = kind.fresh(dir);
        try (Workspace gateway = place.open(1); Workspace desktop = place.open(2)) {
            DemoAgents.ensure(gateway);
            Decision d = gateway.decisions().decide(DecisionRequest.of(DemoAgents.REFUNDS, "issue:refund").withTarget(DemoAgents.TARGETS.get(DemoAgents.REFUNDS))
                    .withAmount(2500.0).withConfidence(0.9)).join();
            CompletableFuture<QueueItem> poll = gateway.queue().whenDecided(d.traceId());
            await().atMost(Duration.ofSeconds(60)).until(() -> desktop.queue().find(d.traceId()).isPresent());
            desktop.queue().approve(d.traceId(), "Dana Reyes", "ok");
            QueueItem answer = poll.get(60, TimeUnit.SECONDS);
            assertThat(answer.status()).isEqualTo(ReviewStatus.APPROVED);
            assertThat(answer.reviewer()).isEqualTo("Dana Reyes");
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void budgetsAndSearchReadTheLedgerTheSameWay(StoreKind kind) {
        StoreKind.Place place = kind.fresh(dir);
        AgentGateStatus before;
        try (Workspace ws = place.open(1)) {
            DemoAgents.ensure(ws);
            before = ws.decisions().status(DemoAgents.SUPPORT);
            ws.decisions().decide(DecisionRequest.of(DemoAgents.SUPPORT, "read:ticket").withTarget(DemoAgents.TARGETS.get(DemoAgents.SUPPORT)).withTokens(1200L, 0.5))
                    .join();
            ws.ledger().append(AuditEntry.of("test.Mixed_Case").actor("t").detail("{\"note\":\"Hello World\"}")
                    .build());
            assertThat(ws.auditReader().count(text("hello world"))).isEqualTo(1);
            assertThat(ws.auditReader().count(text("100%_"))).isZero();
        }
        try (Workspace again = place.open(1)) {
            AgentGateStatus after = again.decisions().status(DemoAgents.SUPPORT);
            assertThat(after.budgetLeftTokens()).isEqualTo(before.budgetLeftTokens() - 1200L);
            if (before.budgetLeftUsd() != null) {
                assertThat(after.budgetLeftUsd()).isCloseTo(before.budgetLeftUsd() - 0.5, within(0.001));
            }
        }
    }

    private static Decision readOrders(Workspace w, Long tokens) {
        return w.decisions().decide(DecisionRequest.of(DemoAgents.SUPPORT, "read:order_history").withTarget(DemoAgents.TARGETS.get(DemoAgents.SUPPORT))
                .withTokens(tokens, null)).join();
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void anAgentLimitedToNActionsAMinuteGetsNInAllThroughTwoWorkspacesRacing(StoreKind kind) {
        StoreKind.Place place = kind.fresh(dir);
        TestClock clock = new TestClock(java.time.Instant.parse("2026-03-16T14:23:01Z"));
        try (Workspace setup = place.open(1, clock)) {
            DemoAgents.ensure(setup);
            setup.policies().save(SamplePolicies.text("customer-support-agent.yaml")
                    .replace("actions_per_minute: 30", "actions_per_minute: 5"), "alice", "limit 5", true);
        }
        try (Workspace a = place.open(1, clock); Workspace b = place.open(2, clock)) {
            List<CompletableFuture<Decision>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Workspace w = i % 2 == 0 ? a : b;
                answers.add(w.decisions().decide(DecisionRequest.of(DemoAgents.SUPPORT, "read:order_history").withTarget(DemoAgents.TARGETS.get(DemoAgents.SUPPORT))));
            }
            List<Decision> decided = answers.stream().map(CompletableFuture::join).toList();

            assertThat(decided).filteredOn(d -> d.verdict() == Verdict.ALLOW).hasSize(5);
            assertThat(decided).filteredOn(d -> d.verdict() != Verdict.ALLOW)
                    .extracting(Decision::reasonCode).containsOnly(ReasonCode.RATE_LIMITED);
            clock.advance(Duration.ofSeconds(61)); // the window moved on for both
            assertThat(readOrders(b, null).verdict()).isEqualTo(Verdict.ALLOW);
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void twoWorkspacesShareOneSaturatingDailyBudgetAndItIsReseededFromTheLedger(StoreKind kind) {
        StoreKind.Place place = kind.fresh(dir);
        TestClock clock = new TestClock(java.time.Instant.parse("2026-03-16T14:23:01Z"));
        try (Workspace setup = place.open(1, clock)) {
            DemoAgents.ensure(setup);
            AgentProfile p = setup.agents().find(DemoAgents.SUPPORT).orElseThrow().profile();
            setup.agents().update(new AgentProfile(p.id(), p.name(), p.owner(), p.purpose(), p.vendor(), p.model(),
                    p.fallbackModel(), p.dataClasses(), new DailyBudget(100_000L, null, 80), p.policyName(),
                    p.policyVersion()), "alice");
        }
        try (Workspace a = place.open(1, clock); Workspace b = place.open(2, clock)) {

            assertThat(readOrders(a, 60_000L).verdict()).isEqualTo(Verdict.ALLOW);
            assertThat(readOrders(b, 60_000L).reasonCode()).as("the second workspace sees the first's spend")
                    .isEqualTo(ReasonCode.BUDGET_EXCEEDED);
            assertThat(readOrders(b, Long.MAX_VALUE).reasonCode()).isEqualTo(ReasonCode.BUDGET_EXCEEDED);
            assertThat(readOrders(a, Long.MAX_VALUE).reasonCode()).isEqualTo(ReasonCode.BUDGET_EXCEEDED);
            assertThat(a.decisions().status(DemoAgents.SUPPORT).budgetLeftTokens()).isZero();
            assertThat(b.decisions().status(DemoAgents.SUPPORT).budgetLeftTokens()).isZero();

            // as if upgraded from a version without the spend table: the day is summed from the ledger, saturated
            a.database().write(tx -> {
                try (var st = tx.connection().createStatement()) {
                    st.execute("DELETE FROM agent_spend");
                }
                return null;
            });
        }
        try (Workspace upgraded = place.open(3, clock)) {
            assertThat(upgraded.decisions().status(DemoAgents.SUPPORT).budgetLeftTokens()).isZero();
            assertThat(readOrders(upgraded, 0L).reasonCode()).isEqualTo(ReasonCode.BUDGET_EXCEEDED);
        }
    }

    /** The cleanup agent with at most {@code actions} autonomous actions, and rate limits that never interfere. */
    private static void autonomyOf(Workspace w, int actions) {
        DemoAgents.ensure(w);
        w.policies().save(SamplePolicies.text("data-cleanup-agent.yaml")
                .replace("actions_per_minute: 10", "actions_per_minute: 10000")
                .replace("max_autonomous_actions: 50", "max_autonomous_actions: " + actions), "alice",
                "autonomy " + actions, true);
    }

    private static CompletableFuture<Decision> listTemp(Workspace w) {
        return w.decisions().decide(DecisionRequest.of(DemoAgents.CLEANUP, "list:temp_files")
                .withTarget(DemoAgents.TARGETS.get(DemoAgents.CLEANUP)));
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void autonomyLimitsHoldInTotalAcrossTwoGatewaysRacingAndAReviewInEitherRestartsThem(StoreKind kind) {
        StoreKind.Place place = kind.fresh(dir);
        TestClock clock = new TestClock(java.time.Instant.parse("2026-03-16T14:23:01Z"));
        try (Workspace setup = place.open(1, clock)) {
            autonomyOf(setup, 12);
        }
        try (Workspace a = place.open(1, clock); Workspace b = place.open(2, clock)) {
            List<CompletableFuture<Decision>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                answers.add(listTemp(i % 2 == 0 ? a : b));
            }
            List<Decision> decided = answers.stream().map(CompletableFuture::join).toList();

            assertThat(decided).filteredOn(d -> d.verdict() == Verdict.ALLOW).as("12 in all, not 12 each").hasSize(12);
            assertThat(decided).filteredOn(d -> d.verdict() != Verdict.ALLOW).extracting(Decision::reasonCode)
                    .contains(ReasonCode.AUTONOMY_LIMIT)
                    .isSubsetOf(ReasonCode.AUTONOMY_LIMIT, ReasonCode.AGENT_PAUSED);
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    a.agents().find(DemoAgents.CLEANUP).orElseThrow().isPausedForOversight());

            // a reviewer on the other process resumes it: both gateways count afresh, 12 in all again
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    b.agents().find(DemoAgents.CLEANUP).orElseThrow().isPausedForOversight());
            b.agents().resume(DemoAgents.CLEANUP, "looked at the last 12", "Dana Reyes");
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    a.agents().find(DemoAgents.CLEANUP).orElseThrow().status() == dev.arbiter.core.agent.AgentStatus.ACTIVE);
            int allowed = 0;
            for (int i = 0; i < 13; i++) {
                if (listTemp(i % 2 == 0 ? a : b).join().verdict() == Verdict.ALLOW) {
                    allowed++;
                }
            }
            assertThat(allowed).isEqualTo(12);
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void autonomyCountsSurviveARestartAndTheTimeBoxRunsFromTheFirstActionOnAnyGateway(StoreKind kind) {
        StoreKind.Place place = kind.fresh(dir);
        TestClock clock = new TestClock(java.time.Instant.parse("2026-03-16T14:23:01Z"));
        try (Workspace setup = place.open(1, clock)) {
            autonomyOf(setup, 5);
        }
        try (Workspace a = place.open(1, clock)) {
            for (int i = 0; i < 3; i++) {
                assertThat(listTemp(a).join().verdict()).isEqualTo(Verdict.ALLOW);
            }
        }
        try (Workspace restarted = place.open(1, clock); Workspace b = place.open(2, clock)) {
            assertThat(listTemp(b).join().verdict()).isEqualTo(Verdict.ALLOW);
            assertThat(listTemp(restarted).join().verdict()).isEqualTo(Verdict.ALLOW);
            Decision sixth = listTemp(b).join();
            assertThat(sixth.reasonCode()).isEqualTo(ReasonCode.AUTONOMY_LIMIT);
            assertThat(sixth.reason()).contains("5 actions without a human review");

            await().atMost(Duration.ofSeconds(60)).until(() ->
                    restarted.agents().find(DemoAgents.CLEANUP).orElseThrow().isPausedForOversight());
            restarted.agents().resume(DemoAgents.CLEANUP, "reviewed", "Sam Lee");
            await().atMost(Duration.ofSeconds(60)).until(() -> b.agents().find(DemoAgents.CLEANUP).orElseThrow()
                    .status() == dev.arbiter.core.agent.AgentStatus.ACTIVE);
            assertThat(listTemp(b).join().verdict()).as("first action after the review").isEqualTo(Verdict.ALLOW);
            clock.advance(Duration.ofMinutes(60));
            Decision late = listTemp(restarted).join();
            assertThat(late.reasonCode()).isEqualTo(ReasonCode.AUTONOMY_LIMIT);
            assertThat(late.reason()).contains("max_autonomous_minutes 60");
        }
    }
}
