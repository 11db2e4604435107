package dev.arbiter.core.decision;

import static dev.arbiter.core.demo.DemoAgents.CLEANUP;
import static dev.arbiter.core.demo.DemoAgents.SUPPORT;
import static dev.arbiter.core.demo.DemoAgents.TARGETS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.testing.StoreKind;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Attack 1 on the batched rate windows ({@link RateWindowBatch}): two processes on one store, each with eight
 * threads firing decisions without waiting for their answers, so group commits of every size from 1 up mix the
 * agent's decisions with each other's. In every minute exactly {@code actions_per_minute} actions pass (never one
 * more, never one fewer), and in the hour exactly {@code escalations_per_hour} gated actions are queued; the
 * table's kept totals ({@code rate_total}) still equal its buckets afterwards. Both stores.
 */
class RateWindowExactUnderRacingProcessesTest {

    private static final int LIMIT = 7;
    private static final int THREADS_PER_PROCESS = 8;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void exactlyTheLimitPassesEachMinuteAndEachHourWhateverTheGroupCommits(StoreKind store) throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-03-16T14:23:01Z"));
        StoreKind.Place place = store.fresh(dir);
        try (Workspace first = place.open(1, clock)) {
            DemoAgents.ensure(first);
            SupportActionLimit.set(first, LIMIT);
            try (Workspace second = place.open(2, clock)) {
                List<Workspace> processes = List.of(first, second);
                for (int minute = 0; minute < 3; minute++) {
                    Map<ReasonCode, Long> answers = race(processes, 12, () -> DecisionRequest.of(SUPPORT,
                            "read:order_history").withTarget(TARGETS.get(SUPPORT)));
                    assertThat(answers.get(ReasonCode.ALLOWED)).as("minute %d: %s", minute, answers)
                            .isEqualTo(LIMIT);
                    assertThat(answers.get(ReasonCode.RATE_LIMITED)).as("minute %d", minute)
                            .isEqualTo(2L * THREADS_PER_PROCESS * 12 - LIMIT);
                    clock.advance(Duration.ofSeconds(60)); // every action of this minute leaves the window
                }

                // data-cleanup-agent: escalations_per_hour 6, actions_per_minute 10 (only accepted ones count)
                Map<ReasonCode, Long> gated = race(processes, 3, () -> DecisionRequest.of(CLEANUP,
                        "delete:temp_files").withTarget(TARGETS.get(CLEANUP)));
                assertThat(gated.get(ReasonCode.PENDING_APPROVAL)).as("%s", gated).isEqualTo(6);
                clock.advance(Duration.ofMinutes(59));
                assertThat(race(processes, 1, () -> DecisionRequest.of(CLEANUP, "delete:temp_files")
                        .withTarget(TARGETS.get(CLEANUP))).get(ReasonCode.PENDING_APPROVAL))
                        .as("59 minutes on, the hour still holds six").isNull();
                clock.advance(Duration.ofMinutes(1));
                assertThat(race(processes, 1, () -> DecisionRequest.of(CLEANUP, "delete:temp_files")
                        .withTarget(TARGETS.get(CLEANUP))).get(ReasonCode.PENDING_APPROVAL))
                        .as("an hour on, six fit again").isEqualTo(6);
            }
            assertThat(totalsDisagreeingWithBuckets(first)).isZero();
        }
    }

    /** Each process's threads send {@code each} requests without waiting; the answers by reason code. */
    private static Map<ReasonCode, Long> race(List<Workspace> processes, int each,
                                              java.util.function.Supplier<DecisionRequest> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(processes.size() * THREADS_PER_PROCESS);
        try {
            List<Future<List<CompletableFuture<Decision>>>> sent = new ArrayList<>();
            for (Workspace ws : processes) {
                for (int t = 0; t < THREADS_PER_PROCESS; t++) {
                    sent.add(pool.submit(() -> {
                        List<CompletableFuture<Decision>> mine = new ArrayList<>();
                        for (int i = 0; i < each; i++) {
                            mine.add(ws.decisions().decide(request.get()));
                        }
                        return mine;
                    }));
                }
            }
            List<Decision> decisions = new ArrayList<>();
            for (Future<List<CompletableFuture<Decision>>> f : sent) {
                for (CompletableFuture<Decision> d : f.get()) {
                    decisions.add(d.join());
                }
            }
            return decisions.stream().collect(Collectors.groupingBy(Decision::reasonCode, Collectors.counting()));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Agents and kinds whose {@code rate_total} is not the sum of their buckets. */
    private static long totalsDisagreeingWithBuckets(Workspace ws) {
        return ws.database().read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT COUNT(*) FROM rate_total t WHERE t.events <> COALESCE((SELECT SUM(b.events) FROM"
                            + " rate_bucket b WHERE b.agent_id = t.agent_id AND b.kind = t.kind), 0)")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
