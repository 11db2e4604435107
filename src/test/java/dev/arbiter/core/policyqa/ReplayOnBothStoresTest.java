package dev.arbiter.core.policyqa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.decision.Decision;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.decision.TestClock;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.testing.StoreKind;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The replay's scan on SQLite and on a real PostgreSQL server (where it streams through a cursor): the data
 * subjects' contexts kept beside the ledger are merged into the scan at the right entries among others, an erased
 * one is not, and the recorded versions reproduce the rest.
 */
class ReplayOnBothStoresTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void theScanMergesEachDataSubjectsContextIntoItsOwnEntry(StoreKind kind) {
        TestClock clock = new TestClock(Instant.parse("2026-03-16T14:00:00Z"));
        try (Workspace ws = kind.fresh(dir).open(1, clock)) {
            DemoAgents.ensure(ws);
            List<Decision> refunds = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                // entries of another agent and plain refunds between the data subjects' ones
                ws.decisions().decide(DecisionRequest.of(DemoAgents.SUPPORT, "read:order_history")
                        .withTarget(DemoAgents.TARGETS.get(DemoAgents.SUPPORT))).join();
                ws.decisions().decide(DecisionRequest.of(DemoAgents.REFUNDS, "issue:refund").withAmount(30.0)
                        .withTarget(DemoAgents.TARGETS.get(DemoAgents.REFUNDS))).join();
                refunds.add(ws.decisions().decide(DecisionRequest.of(DemoAgents.REFUNDS, "issue:refund")
                        .withAmount(4000.0).withContextJson("{\"subject_id\":\"c-" + i + "\",\"amount_usd\":4000}")
                        .withTarget(DemoAgents.TARGETS.get(DemoAgents.REFUNDS))).join());
                clock.advance(Duration.ofSeconds(5));
            }
            Replay replay = new Replay(ws.auditReader(), ws.policies(), ws.agents());
            ReplayReport before = replay.run("refunds-agent", null, null, null);
            assertThat(before.decisions()).isEqualTo(8);
            assertThat(before.changes()).isEmpty();

            ws.erasure().erase("c-2", "GDPR Art. 17 request", "dpo");
            ReplayReport after = replay.run("refunds-agent", null, null, null);
            assertThat(after.changes()).extracting(c -> c.recorded().traceId())
                    .containsExactly(refunds.get(2).traceId());
            assertThat(replay.run("customer-support-agent", null, null, null).changes()).isEmpty();
        }
    }
}
