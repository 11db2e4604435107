package dev.arbiter.bench;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.audit.LedgerEntry;
import dev.arbiter.core.audit.VerificationResult;
import dev.arbiter.core.store.DataDirectory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Measures the ledger on a fresh workspace: durable appends one at a time
 * (one fsync each), group-committed appends from concurrent callers, and
 * chain verification.
 */
public final class LedgerBenchmark {

    private final Path dir;
    private final PrintWriter out;

    public LedgerBenchmark(Path dir, PrintWriter out) {
        this.dir = dir;
        this.out = out;
    }

    /** Appends, verifies and checkpoints; then the evidence figures on a ledger of {@code evidenceEntries}. */
    public void run(int sequential, int batched, int threads, long evidenceEntries, int verifyRounds)
            throws Exception {
        out.println("Ledger benchmark on " + Machine.describe());
        out.println("Workspace: " + dir + " (SQLite WAL, synchronous=FULL: every commit is fsynced)");
        try (Workspace ws = Workspace.open(new DataDirectory(dir))) {
            warmUp(ws);
            Latencies one = new Latencies();
            long start = System.nanoTime();
            for (int i = 0; i < sequential; i++) {
                long t0 = System.nanoTime();
                ws.ledger().append(entry(i));
                one.record(System.nanoTime() - t0);
            }
            double seqRate = sequential / seconds(start);
            out.printf("One at a time : %,10.0f appends/s  (%,d appends; %s)%n", seqRate, sequential, one.summary());

            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<Latencies>> workers = new ArrayList<>();
            int perThread = batched / threads;
            start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    Latencies mine = new Latencies();
                    for (int i = 0; i < perThread; i++) {
                        long t0 = System.nanoTime();
                        ws.ledger().append(entry(i));
                        mine.record(System.nanoTime() - t0);
                    }
                    return mine;
                }));
            }
            Latencies group = new Latencies();
            for (Future<Latencies> w : workers) {
                group.addAll(w.get());
            }
            double groupRate = perThread * threads / seconds(start);
            pool.shutdown();
            out.printf("Group commit  : %,10.0f appends/s  (%,d appends from %d threads; %s)%n", groupRate,
                    perThread * threads, threads, group.summary());

            // Many appends in flight at once, as a busy gateway has: batches grow to fill each fsync.
            int window = 2048;
            java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(window);
            start = System.nanoTime();
            for (int i = 0; i < batched; i++) {
                inFlight.acquireUninterruptibly();
                ws.ledger().appendAsync(entry(i)).whenComplete((r, e) -> inFlight.release());
            }
            inFlight.acquireUninterruptibly(window);
            double pipelinedRate = batched / seconds(start);
            out.printf("Pipelined     : %,10.0f appends/s  (%,d appends, up to %,d in flight)%n", pipelinedRate,
                    batched, window);

            start = System.nanoTime();
            VerificationResult result = ws.verifier().verify();
            double verifyRate = result.checked() / seconds(start);
            out.printf("Verify        : %,10.0f entries/s (%,d entries; %s)%n", verifyRate, result.checked(),
                    result.intact() ? "intact" : result.describe());
            start = System.nanoTime();
            ws.checkpoints().checkpoint();
            out.printf("Checkpoint    : %,10.0f ms to sign the newest (incremental tree; auto every %,d entries)%n",
                    (System.nanoTime() - start) / 1e6, ws.settings().getInt(
                            dev.arbiter.core.evidence.Checkpoints.EVERY_ENTRIES,
                            dev.arbiter.core.evidence.Checkpoints.DEFAULT_EVERY_ENTRIES));
            start = System.nanoTime();
            var signed = ws.checkpointVerifier().verify();
            out.printf("Checkpoints   : %,10.0f entries/s re-rooted and checked (%s)%n",
                    ws.ledger().headSeq() / seconds(start), signed.summary());
            out.printf("Group commit / one at a time: %.1fx%n", groupRate / seqRate);
        }
        out.flush();
        if (evidenceEntries > 0) {
            new EvidenceBenchmark(dir, out).run(evidenceEntries, verifyRounds);
            out.flush();
        }
    }

    private static void warmUp(Workspace ws) {
        List<CompletableFuture<LedgerEntry>> warm = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            warm.add(ws.ledger().appendAsync(entry(i)));
        }
        warm.forEach(CompletableFuture::join);
        for (int i = 0; i < 3000; i++) {
            ws.ledger().append(entry(i));
        }
        ws.verifier().verify();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static AuditEntry entry(int i) {
        return AuditEntry.of("decision").traceId("bench-" + i).agentId("support-agent-v2").sessionId("sess_bench")
                .action("create:support_ticket").inputSummary("Customer reported billing discrepancy")
                .reasoning("Classified as billing issue (confidence: 0.94). Created ticket per SOP-BILLING-001.")
                .toolsUsed(List.of("crm_lookup", "ticket_creator")).tokensConsumed(1247L).riskScore(0.12)
                .decision("allow").tier("autonomous").reasonCode("ALLOWED").build();
    }
}
