package dev.arbiter.core.decision;

import static dev.arbiter.core.demo.DemoAgents.SUPPORT;
import static dev.arbiter.core.demo.DemoAgents.TARGETS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.testing.StoreKind;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Decisions are stamped ({@code now}) on the caller's thread and claimed later, in the writer's transaction, so a
 * decision stamped earlier can be claimed after one stamped later (a slower policy evaluation, a preempted thread,
 * another process holding the write lock). When the later-stamped one's transaction pruned the events that left its
 * window, the earlier-stamped claim's window would still hold them: counted from what is left, it passed a full
 * window (found by the attack pass on the batched windows: limit 20, 20 actions at ms 0..19, one stamped at
 * 60.019 s pruned them, five stamped at 59.999 s claimed next were all allowed). Now such a claim is judged at the
 * prune's edge ({@code rate_total.pruned_to}): as if made when the pruning decision was, which is before either is
 * answered, so no minute of grants holds more than the limit. Here 25 late claims: the window at 60.019 s holds
 * one, so exactly 19 pass and are recorded at 60.019 s (judged at their stamp, 20 would pass). Both stores.
 */
class LateClaimJudgedAtThePruneEdgeTest {

    private static final int LIMIT = 20;
    private static final int LATE = 25;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aClaimStampedBeforeAPruneIsJudgedAtThePrunesEdge(StoreKind store) throws Exception {
        Instant start = Instant.parse("2026-03-16T14:23:00Z");
        HeldClock clock = new HeldClock(start);
        try (Workspace ws = store.fresh(dir).open(1, clock)) {
            DemoAgents.ensure(ws);
            SupportActionLimit.set(ws, LIMIT);
            clock.set(start);
            for (int i = 0; i < LIMIT; i++) {
                assertThat(ws.decisions().decide(request()).join().verdict()).isEqualTo(Verdict.ALLOW);
                clock.set(clock.instant().plusMillis(1));
            }

            // stamped at 59.999 s: every one of the 20 is inside their window
            clock.set(start.plusMillis(59_999));
            List<CompletableFuture<Decision>> late = new ArrayList<>();
            for (int i = 0; i < LATE; i++) {
                late.add(CompletableFuture.supplyAsync(() -> ws.decisions().decide(request()).join(),
                        clock.holdingExecutor()));
            }
            clock.awaitHeld(LATE);

            // stamped at 60.019 s: none of the 20 is inside its window any more; its transaction prunes them
            clock.set(start.plusMillis(60_019));
            assertThat(ws.decisions().decide(request()).join().verdict()).isEqualTo(Verdict.ALLOW);

            clock.releaseHeld();
            long lateAllowed = late.stream().map(CompletableFuture::join)
                    .filter(d -> d.verdict() == Verdict.ALLOW).count();
            assertThat(lateAllowed).as("late claims allowed, judged at 60.019 s with one in the window")
                    .isEqualTo(LIMIT - 1);
            long judgedAt = start.plusMillis(60_019).toEpochMilli();
            assertThat(recordedAt(ws, judgedAt)).as("events recorded at 60.019 s").isEqualTo(LIMIT);
        }
    }

    /** The support agent's actions recorded at {@code atMs}. */
    private static long recordedAt(Workspace ws, long atMs) {
        return ws.database().read(c -> {
            try (var ps = c.prepareStatement("SELECT COALESCE(SUM(events), 0) FROM rate_bucket"
                    + " WHERE agent_id = ? AND kind = 'action' AND at_ms = ?")) {
                ps.setString(1, SUPPORT);
                ps.setLong(2, atMs);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private static DecisionRequest request() {
        return DecisionRequest.of(SUPPORT, "read:order_history").withTarget(TARGETS.get(SUPPORT));
    }

    /**
     * A clock tests set by hand that can hold the threads of {@link #holdingExecutor()} at their first reading:
     * they keep the instant they read and go on only once released, like a caller stamped and then delayed.
     */
    static final class HeldClock extends Clock {
        private volatile Instant now;
        private final Set<Thread> holding = ConcurrentHashMap.newKeySet();
        private final Set<Thread> held = ConcurrentHashMap.newKeySet();
        private final CountDownLatch release = new CountDownLatch(1);

        HeldClock(Instant start) {
            now = start;
        }

        void set(Instant instant) {
            now = instant;
        }

        /** Runs each task on a thread of its own whose first clock reading is held. */
        java.util.concurrent.Executor holdingExecutor() {
            return task -> {
                Thread t = new Thread(task);
                holding.add(t);
                t.start();
            };
        }

        void awaitHeld(int threads) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> held.size() == threads);
        }

        void releaseHeld() {
            release.countDown();
        }

        @Override
        public Instant instant() {
            Instant read = now;
            Thread me = Thread.currentThread();
            if (holding.remove(me)) {
                held.add(me);
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return read;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
