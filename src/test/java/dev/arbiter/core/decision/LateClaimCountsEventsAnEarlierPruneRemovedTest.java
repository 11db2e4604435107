package dev.arbiter.core.decision;

import static dev.arbiter.core.demo.DemoAgents.SUPPORT;
import static dev.arbiter.core.demo.DemoAgents.TARGETS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.policy.SamplePolicies;
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
 * Attack 1/4 on the rate windows: decisions are stamped ({@code now}) on the caller's thread and claimed later, in
 * the writer's transaction, so a decision stamped earlier can be claimed after one stamped later (a slower policy
 * evaluation, a preempted thread, another process holding the write lock). If the later-stamped one's transaction
 * prunes the buckets that just left its window, the earlier-stamped claim, whose window still holds them, counts
 * them as gone and passes: more than {@code actions_per_minute} allowed actions inside one minute of the ledger's
 * decision times. Here: 20 actions at ms 0..19 (limit 20), one action stamped at 60.019 s (its window holds none of
 * them; its count finds 20 stale buckets, so its transaction prunes), and five stamped at 59.999 s (their window
 * holds all 20) claimed just after it. Both stores.
 *
 * <p>Fails as of a7388ef (all five pass: 25 allowed actions in the minute before 59.999 s), and so did the prune at
 * a count's own edge before it (2b47398); it passes when nothing prunes. Not fixed: an exact fix needs the prune's
 * edge where every process's late claim can see it (a decision judged before that edge cannot be judged exactly).
 */
class LateClaimCountsEventsAnEarlierPruneRemovedTest {

    private static final int LIMIT = 20;
    private static final int LATE = 5;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aClaimStampedBeforeAPruneStillCountsWhatThePruneRemoved(StoreKind store) throws Exception {
        Instant start = Instant.parse("2026-03-16T14:23:00Z");
        HeldClock clock = new HeldClock(start);
        try (Workspace ws = store.fresh(dir).open(1, clock)) {
            DemoAgents.ensure(ws);
            ws.policies().save(SamplePolicies.text("customer-support-agent.yaml")
                    .replace("actions_per_minute: 30", "actions_per_minute: " + LIMIT), "alice", "limit", true);
            clock.set(start);
            for (int i = 0; i < LIMIT; i++) {
                assertThat(ws.decisions().decide(request()).join().verdict()).isEqualTo(Verdict.ALLOW);
                clock.set(clock.instant().plusMillis(1));
            }

            // stamped at 59.999 s: every one of the 20 is inside their window, so all must be refused
            clock.set(start.plusMillis(59_999));
            List<CompletableFuture<Decision>> late = new ArrayList<>();
            for (int i = 0; i < LATE; i++) {
                late.add(CompletableFuture.supplyAsync(() -> ws.decisions().decide(request()).join(),
                        clock.holdingExecutor()));
            }
            clock.awaitHeld(LATE);

            // stamped at 60.019 s: none of the 20 is inside its window any more
            clock.set(start.plusMillis(60_019));
            assertThat(ws.decisions().decide(request()).join().verdict()).isEqualTo(Verdict.ALLOW);

            clock.releaseHeld();
            long lateAllowed = late.stream().map(CompletableFuture::join)
                    .filter(d -> d.verdict() == Verdict.ALLOW).count();
            assertThat(lateAllowed).as("actions allowed at 59.999 s with %d in the minute before", LIMIT).isZero();
        }
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
