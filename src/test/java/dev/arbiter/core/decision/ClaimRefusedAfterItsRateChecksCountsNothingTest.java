package dev.arbiter.core.decision;

import static dev.arbiter.core.demo.DemoAgents.CLEANUP;
import static dev.arbiter.core.demo.DemoAgents.SUPPORT;
import static dev.arbiter.core.demo.DemoAgents.TARGETS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.AgentProfile;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.policy.DailyBudget;
import dev.arbiter.testing.StoreKind;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Attack 2 on the batched rate windows: claims that pass {@code tryAction} (and, gated, {@code tryEscalation})
 * and are then refused by the budget, sent as one burst so that they share group commits with each other. None
 * of their events may count: once the budget is raised, in the same minute and hour, the full
 * {@code actions_per_minute} and {@code escalations_per_hour} still pass. Both stores.
 */
class ClaimRefusedAfterItsRateChecksCountsNothingTest {

    private static final int LIMIT = 3;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void actionsAndEscalationsRefusedByTheBudgetLeaveTheWindowsUntouched(StoreKind store) {
        TestClock clock = new TestClock(Instant.parse("2026-03-16T14:23:01Z"));
        try (Workspace ws = store.fresh(dir).open(1, clock)) {
            DemoAgents.ensure(ws);
            SupportActionLimit.set(ws, LIMIT);
            budget(ws, SUPPORT, 1_000L);
            budget(ws, CLEANUP, 1_000L);

            List<CompletableFuture<Decision>> burst = new ArrayList<>();
            for (int i = 0; i < 4 * LIMIT; i++) {
                burst.add(ws.decisions().decide(support().withTokens(5_000L, null)));
                burst.add(ws.decisions().decide(cleanup().withTokens(5_000L, null)));
            }
            assertThat(burst).allSatisfy(d -> assertThat(d.join().reasonCode())
                    .isEqualTo(ReasonCode.BUDGET_EXCEEDED));

            budget(ws, SUPPORT, 100_000_000L);
            budget(ws, CLEANUP, 100_000_000L);
            List<ReasonCode> actions = new ArrayList<>();
            List<ReasonCode> escalations = new ArrayList<>();
            for (int i = 0; i < LIMIT + 1; i++) {
                actions.add(ws.decisions().decide(support()).join().reasonCode());
            }
            for (int i = 0; i < 7; i++) { // data-cleanup-agent: escalations_per_hour 6
                escalations.add(ws.decisions().decide(cleanup()).join().reasonCode());
            }
            assertThat(actions).containsExactly(ReasonCode.ALLOWED, ReasonCode.ALLOWED, ReasonCode.ALLOWED,
                    ReasonCode.RATE_LIMITED);
            assertThat(escalations).containsExactly(ReasonCode.PENDING_APPROVAL, ReasonCode.PENDING_APPROVAL,
                    ReasonCode.PENDING_APPROVAL, ReasonCode.PENDING_APPROVAL, ReasonCode.PENDING_APPROVAL,
                    ReasonCode.PENDING_APPROVAL, ReasonCode.ESCALATION_LIMIT);
        }
    }

    private static DecisionRequest support() {
        return DecisionRequest.of(SUPPORT, "read:order_history").withTarget(TARGETS.get(SUPPORT));
    }

    private static DecisionRequest cleanup() {
        return DecisionRequest.of(CLEANUP, "delete:temp_files").withTarget(TARGETS.get(CLEANUP));
    }

    private static void budget(Workspace ws, String agent, long tokens) {
        AgentProfile p = ws.agents().find(agent).orElseThrow().profile();
        ws.agents().update(new AgentProfile(p.id(), p.name(), p.owner(), p.purpose(), p.vendor(), p.model(),
                p.fallbackModel(), p.dataClasses(), new DailyBudget(tokens, null, 80), p.policyName(),
                p.policyVersion()), "alice");
    }
}
