package dev.arbiter.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.policy.PolicyRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A burst of change notices costs a bounded number of reloads (at most one per interval, plus the first), and
 * the last change is always seen: a notice during a reload brings another after it, a failed reload is tried
 * again. Then the same for the policies another process activates on the same SQLite file.
 */
class CoalescedReloadTest {

    static final Duration LIMIT = Duration.ofSeconds(60);

    @Test
    void aBurstOfNoticesCostsAtMostOneReloadPerIntervalAndTheLastChangeIsSeen() throws Exception {
        Duration interval = Duration.ofMillis(100);
        AtomicLong version = new AtomicLong();
        AtomicLong seen = new AtomicLong(-1);
        AtomicInteger runs = new AtomicInteger();
        long start = System.nanoTime();
        try (CoalescedReload reload = new CoalescedReload("burst", interval, () -> {
            runs.incrementAndGet();
            seen.set(version.get());
        })) {
            List<Thread> notifiers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread notifier = new Thread(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        version.incrementAndGet(); // the change, then its notice
                        reload.request();
                    }
                });
                notifiers.add(notifier);
                notifier.start();
            }
            for (Thread notifier : notifiers) {
                notifier.join(LIMIT.toMillis());
            }
            long last = version.get();
            assertThat(last).isEqualTo(20_000);
            await().atMost(LIMIT).until(() -> seen.get() == last);
            // count first, then take the time: every run counted started before the clock was read, and runs
            // start at least an interval apart, so however long a loaded machine took, this is the bound (read
            // the other way round, a run that starts in between is counted but its time is not)
            int counted = runs.get();
            long elapsed = System.nanoTime() - start;
            assertThat(counted).isBetween(1, (int) (elapsed / interval.toNanos()) + 1);
        }
    }

    @Test
    void aNoticeDuringAReloadBringsAnotherAfterIt() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        try (CoalescedReload reload = new CoalescedReload("during", Duration.ofMillis(50), () -> {
            if (runs.incrementAndGet() == 1) {
                running.countDown();
                try {
                    release.await(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        })) {
            reload.request();
            assertThat(running.await(LIMIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            reload.request(); // the change came after the running reload read
            release.countDown();
            await().atMost(LIMIT).until(() -> runs.get() == 2);
        }
    }

    @Test
    void aFailedReloadIsTriedAgainWithoutAnotherNotice() {
        AtomicInteger runs = new AtomicInteger();
        try (CoalescedReload reload = new CoalescedReload("failing", Duration.ofMillis(50), () -> {
            if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("database is locked");
            }
        })) {
            reload.request();
            await().atMost(LIMIT).until(() -> runs.get() == 2);
        }
    }

    /** Another process activates versions one after another: this one ends on the last, whatever the burst. */
    @Test
    void policiesFollowTheLastActivationOfAnotherProcess(@TempDir Path dir) {
        String yaml = """
                agent_policy:
                  name: "follow"
                  allowed_actions: [read:docs%d]
                """;
        try (Workspace here = TestWorkspaces.open(dir)) {
            here.policies().save(yaml.formatted(1), "test", null, true);
            try (Workspace other = TestWorkspaces.open(dir)) {
                for (int v = 2; v <= 5; v++) {
                    other.policies().save(yaml.formatted(v), "other", null, true);
                }
                other.policies().activate("follow", 3, "other"); // a rollback, the last change
            }
            PolicyRegistry policies = here.policies();
            await().atMost(LIMIT).until(() -> policies.inForce("follow", null).orElseThrow().version() == 3);
        }
    }
}
