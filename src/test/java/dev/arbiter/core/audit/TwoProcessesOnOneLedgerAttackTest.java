package dev.arbiter.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attack on the leader/follower append path with two writers on one workspace (the desktop and a CLI or a second
 * gateway: two {@link Workspace}s on one SQLite file and one {@code ledger.head}, each with its own ledger,
 * writer thread and anchor handle). Many threads in both append at once; an observer keeps reading the anchor
 * file. Every acknowledged entry must be in the chain exactly once, the seqs contiguous, the chain intact, and
 * the anchor must never move backwards: it is the only thing that catches a cut-off tail.
 */
class TwoProcessesOnOneLedgerAttackTest {

    @TempDir
    Path dir;

    @Test
    void twoAnchorHandlesOnOneFileNeverMoveItBackwards() throws Exception {
        Path file = dir.resolve("ledger.head");
        new HeadAnchor(file).create(HeadAnchor.Head.genesis());
        HeadAnchor a = new HeadAnchor(file);
        HeadAnchor b = new HeadAnchor(file);
        int n = 4_000;
        String hash = "a".repeat(64);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong backwards = new AtomicLong(-1);
        Thread observer = new Thread(() -> {
            long seen = 0;
            while (running.get() && backwards.get() < 0) {
                if (a.reading() instanceof HeadAnchor.Anchored anchored) {
                    if (anchored.head().seq() < seen) {
                        backwards.set(seen);
                    }
                    seen = Math.max(seen, anchored.head().seq());
                }
            }
        });
        observer.start();
        CountDownLatch go = new CountDownLatch(1);
        // each "process" advances to every seq of its own parity, as two ledgers appending in turn would
        CompletableFuture<Void> odd = CompletableFuture.runAsync(() -> advanceAll(a, 1, n, hash, go));
        CompletableFuture<Void> even = CompletableFuture.runAsync(() -> advanceAll(b, 2, n, hash, go));
        go.countDown();
        CompletableFuture.allOf(odd, even).get(120, TimeUnit.SECONDS);
        running.set(false);
        observer.join(60_000);
        assertThat(backwards.get()).as("the anchor moved back from #%d", backwards.get()).isEqualTo(-1);
        assertThat(((HeadAnchor.Anchored) a.reading()).head().seq()).as("the anchor ends at the newest seq")
                .isEqualTo(n);
    }

    private static void advanceAll(HeadAnchor anchor, int first, int n, String hash, CountDownLatch go) {
        try {
            go.await();
            for (long seq = first; seq <= n; seq += 2) {
                anchor.advance(new HeadAnchor.Head(seq, hash));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void twoWorkspacesAppendingAtOnceLoseDuplicateAndReorderNothing() throws Exception {
        try (Workspace first = TestWorkspaces.open(dir); Workspace second = TestWorkspaces.open(dir)) {
            first.ledger().start();
            second.ledger().start();
            int threads = 3;
            int each = 40;
            ConcurrentLinkedQueue<LedgerEntry> acknowledged = new ConcurrentLinkedQueue<>();
            List<CompletableFuture<Void>> all = new ArrayList<>();
            CountDownLatch go = new CountDownLatch(1);
            for (Workspace ws : List.of(first, second)) {
                for (int t = 0; t < threads; t++) {
                    String who = (ws == first ? "first-" : "second-") + t;
                    all.add(CompletableFuture.runAsync(() -> {
                        try {
                            go.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        List<CompletableFuture<LedgerEntry>> mine = new ArrayList<>();
                        for (int i = 0; i < each; i++) {
                            AuditEntry entry = AuditEntry.of("attack.two").actor("test")
                                    .detail(AuditDetail.of("who", who, "i", i)).build();
                            if (i % 3 == 0) {
                                mine.add(ws.ledger().appendAsync(entry)); // a burst: queued for the writer
                            } else {
                                acknowledged.add(ws.ledger().append(entry)); // most lead
                            }
                        }
                        mine.forEach(f -> acknowledged.add(f.join()));
                    }));
                }
            }
            go.countDown();
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(300, TimeUnit.SECONDS);

            int total = 2 * threads * each;
            assertThat(acknowledged).hasSize(total);
            assertThat(acknowledged.stream().map(LedgerEntry::seq).distinct().count())
                    .as("no two acknowledged appends were told the same seq").isEqualTo(total);
            long count = first.auditReader().count(new AuditQuery(null, null, null, "attack.two", null));
            assertThat(count).as("every acknowledged append is in the ledger once").isEqualTo(total);
            HeadAnchor.Head head = first.ledger().head();
            assertThat(first.ledger().anchor().reading()).as("the anchor names the newest entry")
                    .isEqualTo(new HeadAnchor.Anchored(head));
            assertThat(first.verifier().verify().intact()).as("the chain verifies").isTrue();
            for (LedgerEntry e : acknowledged) {
                java.util.Optional<String> stored = first.database().read(c -> LedgerRows.hashOf(c, e.seq()));
                assertThat(stored).as("entry #%d as acknowledged", e.seq())
                        .contains(e.hash());
            }
        }
    }
}
