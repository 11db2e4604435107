package dev.arbiter.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The append queue between the faces and the writer is bounded: while the
 * database is locked by another process, an append beyond the bound waits a
 * bounded time and then fails (the gateway answers 503) instead of piling up
 * in memory, health says the
 * ledger is behind, and every accepted entry is either written or reported
 * failed once the lock is gone; none is silently dropped.
 */
class AuditLedgerQueueBoundTest {

    @TempDir
    Path dir;

    private static boolean behind(CompletableFuture<LedgerEntry> f) {
        try {
            f.join();
            return false;
        } catch (java.util.concurrent.CompletionException e) {
            return String.valueOf(e.getCause().getMessage()).contains("behind");
        }
    }

    @Test
    void appendsBeyondTheBoundWaitBrieflyThenFailAndEveryAcceptedOneIsSettled() throws Exception {
        try (Workspace ws = TestWorkspaces.open(dir)) {
            AuditLedger ledger = ws.ledger();
            long before = ledger.headSeq();
            List<CompletableFuture<LedgerEntry>> accepted = new ArrayList<>();
            int refusedAtOnce = 0;
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + ws.directory().database());
                 Statement st = other.createStatement()) {
                st.execute("BEGIN EXCLUSIVE"); // another process holds the write lock
                int n = AuditLedger.MAX_QUEUED + 8 * AuditLedger.MAX_BATCH;
                long outstandingAtRefusal = -1;
                for (int i = 0; i < n && refusedAtOnce == 0; i++) {
                    CompletableFuture<LedgerEntry> f = ledger.appendAsync(AuditEntry.of("test.flood").actor("test")
                            .detail(AuditDetail.of("i", i)).build());
                    if (f.isCompletedExceptionally() && behind(f)) {
                        refusedAtOnce++;
                        outstandingAtRefusal = accepted.stream().filter(a -> !a.isDone()).count();
                    } else {
                        // the first append finds nobody writing and writes itself (the ledger's leader): it
                        // waits out the lock and fails as the writer would; the rest queue behind it
                        accepted.add(f);
                    }
                }
                assertThat(refusedAtOnce).as("the queue stops growing").isPositive();
                // What memory holds is what is not settled yet: the queue, the writer's batch in hand (its room is
                // released when it is drained) and the batch before it whose failures the dispatch lane may still be
                // completing, plus the leader's own entry. Failed appends are settled, so they do not count: under
                // load the writer's busy-timeout cycles release room more than once before an append waits in vain.
                assertThat(outstandingAtRefusal).as("entries held in memory when an append is refused")
                        .isLessThanOrEqualTo(AuditLedger.MAX_QUEUED + 2L * AuditLedger.MAX_BATCH + 1);
                assertThat(ledger.health().writable()).as("a full (or failing) queue is reported").isFalse();
                st.execute("ROLLBACK");
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> accepted.stream().allMatch(CompletableFuture::isDone));
            long written = accepted.stream().filter(f -> !f.isCompletedExceptionally()).count();
            assertThat(ledger.headSeq() - before).as("what was confirmed is what is there, nothing more")
                    .isGreaterThanOrEqualTo(written);
            await().atMost(Duration.ofSeconds(30)).until(() -> ledger.health().writable());
            assertThat(ws.verifier().verify().intact()).isTrue();
        }
    }
}
