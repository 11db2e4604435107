package dev.arbiter.core.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.testing.StoreKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Attack: an agent posts the outcome of one allowed action again and again (from two processes at once). Each
 * post used to append another {@code action.outcome} entry to the trace and charge the budget again: an
 * unthrottled way to fill the ledger past the agent's rate limit, and a trace that grows without bound, so every
 * later status read and receipt of it read and held all of it. An action has one outcome: the first is
 * recorded, every repeat is refused as already recorded, and the budget is charged once.
 */
class RepeatedOutcomeTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void anActionsOutcomeIsRecordedOnceHoweverOftenAndWhereverItIsPosted(StoreKind kind) throws Exception {
        StoreKind.Place place = kind.fresh(dir);
        try (Workspace one = place.open(1); Workspace two = place.open(2)) {
            one.ledger().start();
            two.ledger().start();
            DemoAgents.ensure(one);
            long budget = one.decisions().status(DemoAgents.SUPPORT).budgetLeftTokens();
            Decision allowed = one.decisions().decide(DecisionRequest.of(DemoAgents.SUPPORT, "create:support_ticket")
                    .withTarget(DemoAgents.TARGETS.get(DemoAgents.SUPPORT))).join();
            assertThat(allowed.wasAllowed()).isTrue();
            List<CompletableFuture<?>> posts = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Workspace ws = i % 2 == 0 ? one : two;
                posts.add(ws.decisions().recordOutcome(allowed, new Outcome("{\"n\":" + i + "}", 5L, 100L, null)));
            }
            int recorded = 0;
            for (CompletableFuture<?> post : posts) {
                try {
                    post.get(60, TimeUnit.SECONDS);
                    recorded++;
                } catch (java.util.concurrent.ExecutionException refused) {
                    assertThat(refused.getCause()).isInstanceOf(OutcomeAlreadyRecorded.class)
                            .hasMessageContaining(allowed.traceId());
                }
            }
            assertThat(recorded).isEqualTo(1);
            assertThat(one.auditReader().forTrace(allowed.traceId())).filteredOn(e ->
                    e.entry().event().equals("action.outcome")).hasSize(1);
            assertThat(one.decisions().status(DemoAgents.SUPPORT).budgetLeftTokens()).isEqualTo(budget - 100);
        }
    }
}
