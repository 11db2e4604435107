package dev.arbiter.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.decision.Decision;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.event.Events;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Futures complete and {@link AuditAppended} is published off the group-commit thread (issue 14): a listener
 * that does not return holds up later events only, never an agent's decision; on overflow a future is never
 * dropped and skipped events are announced by their seq range.
 */
class LedgerDispatchTest {

    @TempDir
    Path dir;

    @Test
    void decisionsKeepFlowingWhileAListenerIsStuckAndItGetsEveryEntryInOrderAfterwards() throws Exception {
        try (Workspace ws = TestWorkspaces.open(dir)) {
            DemoAgents.ensure(ws);
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch stuck = new CountDownLatch(1);
            List<Long> seen = Collections.synchronizedList(new ArrayList<>());
            List<String> threads = Collections.synchronizedList(new ArrayList<>());
            ws.events().subscribe(AuditAppended.class, e -> {
                threads.add(Thread.currentThread().getName());
                e.entries().forEach(x -> seen.add(x.seq()));
                stuck.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS); // a listener that does real work on the wrong thread
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            });
            long before = ws.ledger().headSeq();
            ws.ledger().append(AuditEntry.of("test.first").actor("test").build());
            assertThat(stuck.await(60, TimeUnit.SECONDS)).as("the listener got the first entry and hangs").isTrue();

            List<CompletableFuture<Decision>> decisions = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                decisions.add(ws.decisions().decide(DecisionRequest.of(DemoAgents.SUPPORT, "create:support_ticket").withReversible(true)
                        .withTarget(DemoAgents.TARGETS.get(DemoAgents.SUPPORT))));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> decisions.stream().allMatch(CompletableFuture::isDone));
            assertThat(decisions).allSatisfy(f -> assertThat(f).isCompleted());
            assertThat(release.getCount()).as("the listener is still stuck").isEqualTo(1);

            release.countDown();
            long head = ws.ledger().headSeq();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                synchronized (seen) {
                    return seen.stream().filter(seq -> seq > before).count() >= head - before;
                }
            });
            List<Long> snapshot;
            synchronized (seen) {
                // the alert detector may still be adding an entry; an entry committed before `before` was read may
                // still have been on its way to the listeners when it subscribed: it is not this test's
                snapshot = seen.stream().filter(seq -> seq > before).toList();
            }
            long last = snapshot.get(snapshot.size() - 1);
            assertThat(last).isGreaterThanOrEqualTo(head);
            List<Long> expected = new ArrayList<>();
            for (long s = before + 1; s <= last; s++) {
                expected.add(s);
            }
            assertThat(snapshot).as("every entry, once, in commit order").containsExactlyElementsOf(expected);
            assertThat(threads).containsOnly("arbiter-audit-events");
            assertThat(ws.ledger().skippedEvents()).isZero();
        }
    }

    private static LedgerEntry entry(long seq) {
        return new LedgerEntry(seq, AuditEntry.of("test").actor("test").timestamp(Instant.EPOCH).build(), "p", "h");
    }

    @Test
    void pastTheBoundEventsAreSkippedAndAnnouncedInTheirPlaceWhileEveryFutureCompletes() throws Exception {
        Events events = new Events();
        LedgerDispatch dispatch = new LedgerDispatch(events, 2, 10);
        CountDownLatch release = new CountDownLatch(1);
        List<String> got = Collections.synchronizedList(new ArrayList<>());
        events.subscribe(AuditAppended.class, e -> {
            got.add(e.entries().get(0).seq() + "-" + e.entries().get(e.entries().size() - 1).seq());
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        });
        events.subscribe(AuditEventsSkipped.class, e -> got.add("skipped " + e.firstSeq() + "-" + e.lastSeq()));
        dispatch.start();
        long seq = 0;
        List<CompletableFuture<LedgerEntry>> futures = new ArrayList<>();
        for (int batch = 0; batch < 6; batch++) {
            List<LedgerEntry> written = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                written.add(entry(++seq));
            }
            dispatch.publish(written);
            CompletableFuture<LedgerEntry> f = new CompletableFuture<>();
            futures.add(f);
            dispatch.complete(new LedgerDispatch.Completion(List.of(f), List.of(written.get(0)), List.of(), List.of()));
            if (batch == 0) {
                await().atMost(Duration.ofSeconds(60)).until(() -> got.size() == 1); // the listener now hangs
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> futures.stream().allMatch(CompletableFuture::isDone));
        assertThat(dispatch.skippedEntries()).as("1-5 is being published, 6-15 wait, 16-30 do not fit")
                .isEqualTo(15);
        release.countDown();
        dispatch.close();
        assertThat(got).containsExactly("1-5", "6-10", "11-15", "skipped 16-30");
    }

    @Test
    void beforeStartEverythingHappensOnTheCallersThread() {
        Events events = new Events();
        LedgerDispatch dispatch = new LedgerDispatch(events);
        List<String> threads = new ArrayList<>();
        events.subscribe(AuditAppended.class, e -> threads.add(Thread.currentThread().getName()));
        CompletableFuture<LedgerEntry> f = new CompletableFuture<>();
        dispatch.publish(List.of(entry(1)));
        dispatch.complete(new LedgerDispatch.Completion(List.of(f), List.of(entry(1)), List.of(), List.of()));
        assertThat(f).isCompleted();
        assertThat(threads).containsExactly(Thread.currentThread().getName());
    }
}
