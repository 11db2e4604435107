package dev.arbiter.core.policyqa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.decision.TestClock;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.store.DataDirectory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report of a long range stays small: every change is counted, only {@value ChangeTally#EXAMPLES_PER_KIND} of
 * each kind are kept, and the full list goes to the sink in ledger order (issue 19: "show every changed decision"
 * for a replay of millions without exhausting memory).
 */
class ReplayReportBoundTest {

    private static final int DECISIONS = ChangeTally.EXAMPLES_PER_KIND * 2 + 300;

    @TempDir
    Path dir;

    @Test
    void aReplayWithMoreChangesThanItKeepsCountsThemAllAndStreamsThemAll() {
        TestClock clock = new TestClock(Instant.parse("2026-03-16T08:00:00Z"));
        try (Workspace ws = Workspace.open(new DataDirectory(dir), clock)) {
            DemoAgents.ensure(ws);
            var pending = new ArrayList<java.util.concurrent.CompletableFuture<?>>();
            for (int i = 0; i < DECISIONS; i++) {
                pending.add(ws.decisions().decide(DecisionRequest.of(DemoAgents.SUPPORT, "read:order_history")
                        .withTarget(DemoAgents.TARGETS.get(DemoAgents.SUPPORT))));
                clock.advance(Duration.ofSeconds(3)); // 20 a minute: under the policy's 30
            }
            pending.forEach(java.util.concurrent.CompletableFuture::join);
            String yaml = ws.policies().active("customer-support-agent").orElseThrow().yaml()
                    .replace("    - read:order_history\n", "");
            int candidate = ws.policies().save(yaml, "qa", "no order history", false).version().version();

            List<ChangedDecision> streamed = new ArrayList<>();
            ReplayReport report = new Replay(ws.auditReader(), ws.policies(), ws.agents())
                    .run("customer-support-agent", candidate, null, null, null, Replay.Progress.NONE, streamed::add);

            Map<ChangeKind, Long> counts = report.countsByKind();
            assertThat(report.decisions()).isEqualTo(DECISIONS);
            assertThat(report.changed()).isEqualTo(DECISIONS).isEqualTo(streamed.size());
            assertThat(counts.get(ChangeKind.ALLOW_TO_DENY) + counts.get(ChangeKind.REASON_CHANGED))
                    .isEqualTo(DECISIONS);
            for (ChangeKind k : ChangeKind.values()) {
                long kept = report.changes().stream().filter(c -> c.kind() == k).count();
                assertThat(kept).as(k.name()).isEqualTo(Math.min(counts.get(k), ChangeTally.EXAMPLES_PER_KIND));
            }
            assertThat(report.changes().size()).isLessThan(DECISIONS);
            assertThat(streamed).extracting(c -> c.recorded().seq()).isSorted();
            assertThat(streamed.subList(0, 10)).isEqualTo(report.changes().subList(0, 10));

            List<String> lines = ReportText.changes(report.changes(), counts, 5, s -> s);
            assertThat(lines.get(0)).startsWith(DECISIONS + " would change");
            assertThat(lines.get(lines.size() - 1)).isEqualTo("... and " + (DECISIONS - 5) + " more");
        }
    }
}
