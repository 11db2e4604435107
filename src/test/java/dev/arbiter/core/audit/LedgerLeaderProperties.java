package dev.arbiter.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The ledger's leader/follower group commit (issue 15 §1): an append that finds nobody writing is written on
 * its caller's thread and is durable when {@code appendAsync} returns (no hand-off to another thread); under
 * contention the others queue for the writer thread. Attacked from many threads at once, with synchronous
 * and asynchronous appends and appends made by continuations and by work inside a batch: every append is
 * written once, no caller's entry overtakes one it queued earlier, and the chain verifies.
 */
class LedgerLeaderProperties {

    private static Path dir;
    private static Workspace ws;

    @BeforeContainer
    static void open() throws Exception {
        dir = Files.createTempDirectory("ledger-leader");
        ws = TestWorkspaces.open(dir);
    }

    @AfterContainer
    static void close() throws Exception {
        if (ws != null) {
            assertThat(ws.verifier().verify().intact()).as("the chain verifies after every try").isTrue();
            ws.close();
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static AuditEntry entry(String event, int thread, int i) {
        return AuditEntry.of(event).actor("test").detail(AuditDetail.of("thread", thread, "i", i)).build();
    }

    @Example
    void anUncontendedAppendIsDurableWhenItReturnsAndItsContinuationRunsOnTheCallersThread() {
        int done = 0;
        List<String> continuedOn = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            // one append per request, as a face makes them (a tight loop is a burst: see the next test)
            java.util.concurrent.locks.LockSupport.parkNanos(AuditLedger.BURST_NANOS * 5);
            CompletableFuture<LedgerEntry> f = ws.ledger().appendAsync(entry("test.leader", 0, i));
            if (f.isDone()) {
                done++;
                f.thenRun(() -> continuedOn.add(Thread.currentThread().getName())).join();
            } else {
                f.join();
            }
            long seq = f.join().seq();
            assertThat(ws.ledger().headSeq()).as("committed before the caller hears of it").isGreaterThanOrEqualTo(seq);
        }
        // a background job of the workspace (an alert, a checkpoint) may be writing at the moment of an append,
        // which then queues: most, not all, must be written by their caller
        assertThat(done).as("appends written on their caller's thread").isGreaterThanOrEqualTo(15);
        assertThat(continuedOn).containsOnly(Thread.currentThread().getName());
    }

    @Example
    void aBurstOfAppendsFromOneThreadIsGroupCommittedNotWrittenOneByOne() throws Exception {
        AtomicInteger commits = new AtomicInteger();
        AtomicInteger entries = new AtomicInteger();
        long before = ws.ledger().headSeq();
        AutoCloseable subscription = ws.events().subscribe(AuditAppended.class, e -> {
            long mine = e.entries().stream().filter(x -> x.seq() > before && "test.burst".equals(x.entry().event()))
                    .count();
            if (mine > 0) {
                commits.incrementAndGet();
                entries.addAndGet((int) mine);
            }
        });
        int n = 2_000;
        List<CompletableFuture<LedgerEntry>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(ws.ledger().appendAsync(entry("test.burst", 0, i)));
        }
        all.forEach(CompletableFuture::join);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> entries.get() == n);
        assertThat(commits.get()).as("%d entries in %d commits", n, commits.get()).isLessThan(n / 4);
        subscription.close();
    }

    @Property(tries = 40)
    void appendsFromManyThreadsAreWrittenOnceEachInTheOrderEachCallerMadeThem(
            @ForAll @IntRange(min = 1, max = 6) int threads,
            @ForAll @IntRange(min = 1, max = 40) int perThread,
            @ForAll @IntRange(min = 0, max = 3) int syncEvery,
            @ForAll boolean nested,
            @ForAll @IntRange(min = 0, max = 300) int pauseMicros) throws Exception {
        AuditLedger ledger = ws.ledger();
        long before = ledger.headSeq();
        List<List<CompletableFuture<LedgerEntry>>> made = new ArrayList<>();
        List<CompletableFuture<LedgerEntry>> followUps = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger expectedFollowUps = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            List<CompletableFuture<LedgerEntry>> mine = new ArrayList<>();
            made.add(mine);
            Thread th = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    // from a burst (no pause: queued) to one append per request (a pause: may lead)
                    java.util.concurrent.locks.LockSupport.parkNanos(pauseMicros * 1_000L);
                    if (syncEvery > 0 && i % (syncEvery + 1) == 0) {
                        mine.add(CompletableFuture.completedFuture(ledger.append(entry("test.sync", thread, i))));
                    } else if (nested && i % 3 == 1) {
                        // work inside the batch appends again: it must queue behind, never deadlock or jump ahead
                        mine.add(ledger.appendAsync(entry("test.alongside", thread, i), tx -> {
                            followUps.add(ledger.appendAsync(entry("test.from-batch", thread, -1)));
                            return null;
                        }));
                        expectedFollowUps.incrementAndGet();
                    } else {
                        CompletableFuture<LedgerEntry> f = ledger.appendAsync(entry("test.async", thread, i));
                        if (nested) {
                            f.thenRun(() -> followUps.add(ledger.appendAsync(entry("test.continued", thread, -1))));
                            expectedFollowUps.incrementAndGet();
                        }
                        mine.add(f);
                    }
                }
            }, "test-appender-" + t);
            running.add(th);
            th.start();
        }
        start.countDown();
        for (Thread th : running) {
            th.join(TimeUnit.SECONDS.toMillis(60));
            assertThat(th.isAlive()).as("an appender is stuck").isFalse();
        }
        List<Long> all = new ArrayList<>();
        for (List<CompletableFuture<LedgerEntry>> mine : made) {
            long last = before;
            for (CompletableFuture<LedgerEntry> f : mine) {
                long seq = f.get(60, TimeUnit.SECONDS).seq();
                assertThat(seq).as("a caller's entries are written in the order it made them").isGreaterThan(last);
                last = seq;
                all.add(seq);
            }
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .until(() -> followUps.size() == expectedFollowUps.get());
        for (CompletableFuture<LedgerEntry> f : List.copyOf(followUps)) {
            all.add(f.get(60, TimeUnit.SECONDS).seq());
        }
        assertThat(all).as("each append written once").doesNotHaveDuplicates()
                .hasSize(threads * perThread + followUps.size());
        assertThat(ledger.headSeq() - before).isGreaterThanOrEqualTo(all.size());
        assertThat(ledger.health().writable()).isTrue();
    }
}
