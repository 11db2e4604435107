package dev.arbiter.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.event.Events;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Attack on the ledger's dispatch lanes (issue 14): for any run of commits, any event bound and a listener
 * slower than the writer, every committed entry reaches listeners exactly once and in seq order — either
 * inside an {@link AuditAppended} or inside the range of an {@link AuditEventsSkipped} announced in its
 * place — and every caller's future completes once, in commit order. Nothing is lost, duplicated or
 * reordered between the writer and the two lane threads.
 */
class LedgerDispatchOrderProperties {

    @Property(tries = 100)
    void everyEntryIsPublishedOrAnnouncedOnceInOrderAndEveryFutureCompletes(
            @ForAll @Size(min = 1, max = 80) List<@IntRange(min = 1, max = 24) Integer> batches,
            @ForAll @IntRange(min = 1, max = 64) int eventBound,
            @ForAll @IntRange(min = 1, max = 8) int completionBound,
            @ForAll @IntRange(min = 0, max = 300) int listenerMicros) {
        Events events = new Events();
        List<long[]> delivered = Collections.synchronizedList(new ArrayList<>()); // [first, last, skipped?]
        events.subscribe(AuditAppended.class, e -> {
            LockSupport.parkNanos(listenerMicros * 1_000L); // a listener slower than the writer
            for (LedgerEntry entry : e.entries()) {
                delivered.add(new long[] {entry.seq(), entry.seq(), 0});
            }
        });
        events.subscribe(AuditEventsSkipped.class, e -> delivered.add(new long[] {e.firstSeq(), e.lastSeq(), 1}));
        List<Long> completedInOrder = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<LedgerEntry>> all = new ArrayList<>();

        LedgerDispatch dispatch = new LedgerDispatch(events, completionBound, eventBound);
        dispatch.start();
        long seq = 0;
        for (int size : batches) { // the group-commit thread: one commit after another
            List<LedgerEntry> written = new ArrayList<>();
            List<CompletableFuture<LedgerEntry>> callers = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                written.add(new LedgerEntry(++seq, null, "p" + seq, "h" + seq));
                CompletableFuture<LedgerEntry> f = new CompletableFuture<>();
                f.thenAccept(entry -> completedInOrder.add(entry.seq()));
                callers.add(f);
            }
            all.addAll(callers);
            dispatch.complete(new LedgerDispatch.Completion(callers, written, List.of(), List.of()));
            dispatch.publish(written);
        }
        dispatch.close(); // finishes both lanes

        long total = seq;
        assertThat(all).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
        assertThat(completedInOrder).hasSize((int) total).isSorted();

        long expected = 1;
        long skippedSeen = 0;
        synchronized (delivered) {
            for (long[] d : delivered) {
                assertThat(d[0]).as("next entry (no gap, no repeat, no reordering)").isEqualTo(expected);
                assertThat(d[1]).isGreaterThanOrEqualTo(d[0]);
                if (d[2] == 1) {
                    skippedSeen += d[1] - d[0] + 1;
                }
                expected = d[1] + 1;
            }
        }
        assertThat(expected - 1).as("every entry reached the listeners").isEqualTo(total);
        assertThat(skippedSeen).isEqualTo(dispatch.skippedEntries());
        if (total <= eventBound) {
            assertThat(skippedSeen).as("nothing skipped when everything fits").isZero();
        }
    }

    /** The real ledger: sixteen writers at once, a listener that sleeps on every batch; every seq once, in order. */
    @Example
    void manyWritersAndASlowListenerOnTheRealLedgerSeeEverySeqOnceInOrder() throws Exception {
        Path dir = Files.createTempDirectory("dispatch-order");
        try (Workspace ws = TestWorkspaces.open(dir)) {
            long before = ws.ledger().headSeq();
            List<Long> seen = Collections.synchronizedList(new ArrayList<>());
            ws.events().subscribe(AuditAppended.class, e -> {
                LockSupport.parkNanos(200_000);
                e.entries().forEach(entry -> seen.add(entry.seq()));
            });
            ExecutorService writers = Executors.newFixedThreadPool(16);
            List<CompletableFuture<LedgerEntry>> futures = Collections.synchronizedList(new ArrayList<>());
            for (int w = 0; w < 16; w++) {
                int writer = w;
                writers.execute(() -> {
                    for (int i = 0; i < 40; i++) {
                        futures.add(ws.ledger().appendAsync(AuditEntry.of("note").traceId("w" + writer + "-" + i)
                                .agentId("agent-" + writer).action("write:" + i).decision("allow").build()));
                    }
                });
            }
            writers.shutdown();
            assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            long head = ws.ledger().headSeq();
            assertThat(head - before).isEqualTo(16 * 40);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> !seen.isEmpty() && seen.get(seen.size() - 1) == head);
            List<Long> mine = seen.stream().filter(s -> s > before).toList();
            assertThat(mine).hasSize(16 * 40).isSorted().doesNotHaveDuplicates();
        }
    }
}
