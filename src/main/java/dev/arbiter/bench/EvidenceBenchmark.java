package dev.arbiter.bench;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.evidence.EvidenceBundle;
import dev.arbiter.core.evidence.NoteKey;
import dev.arbiter.core.evidence.OfflineVerifier;
import dev.arbiter.core.evidence.Receipts;
import dev.arbiter.core.store.DataDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The evidence figures of issue 18 on a ledger of real, chained entries written through the ledger's own writer:
 * signing a checkpoint over every entry from a cold process (read every hash, build the RFC 6962 tree, sign),
 * writing one evidence bundle of the whole ledger, verifying it offline in Java (target ≥ 1 M entries/s) and with
 * the independent Python verifier, and a receipt's cost on the large ledger.
 */
public final class EvidenceBenchmark {

    /** Trace ids of the filled entries: one entry each, so a receipt proves one entry. */
    private static final String TRACE = "evidence-bench-";
    private static final int FILL_BATCH = 10_000;
    private static final Path PYTHON_VERIFIER = Path.of("docs/verifier/verify.py");

    private final Path dir;
    private final PrintWriter out;

    public EvidenceBenchmark(Path dir, PrintWriter out) {
        this.dir = dir;
        this.out = out;
    }

    /** Grows the workspace's ledger to {@code entries} entries, then measures. */
    public void run(long entries) throws Exception {
        long head;
        long filled;
        try (Workspace ws = Workspace.open(new DataDirectory(dir))) {
            long have = ws.ledger().headSeq();
            filled = Math.max(1, entries - have);
            long start = System.nanoTime();
            fill(ws, filled);
            head = ws.ledger().headSeq();
            out.printf("Fill          : %,10.0f appends/s (%,d real chained entries, %,d a transaction; now %,d)%n",
                    (head - have) / seconds(start), head - have, FILL_BATCH, head);
        }
        Path bundle = dir.resolve("bench-evidence.zip");
        String key;
        try (Workspace ws = Workspace.open(new DataDirectory(dir))) {
            // A fresh process: nothing about the tree is cached. The fill's own process may have signed
            // checkpoints as it went, so one more entry makes sure this one reads and hashes every entry hash.
            ws.ledger().append(entry(filled));
            head = ws.ledger().headSeq();
            long start = System.nanoTime();
            long cpu = cpuNanos();
            var written = ws.checkpoints().checkpoint();
            out.printf("Checkpoint    : %,10.0f ms cold for %,d entries, %,.0f ms CPU (read every hash, build the tree, "
                    + "sign; %s)%s%n", (System.nanoTime() - start) / 1e6, head, (cpuNanos() - cpu) / 1e6,
                    written.isPresent() ? "signed" : "already covered", Machine.load());
            start = System.nanoTime();
            var result = ws.receipts().receipt(TRACE + (filled / 2));
            double firstMs = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            int receipts = 200;
            for (int i = 0; i < receipts; i++) {
                ws.receipts().receipt(TRACE + (filled * (i + 1)) / (receipts + 1));
            }
            out.printf("Receipt       : %,10.2f ms each on %,d entries (%d receipts spread over the ledger; the first "
                    + "%,.1f ms; %s)%s%n", (System.nanoTime() - start) / 1e6 / receipts, head, receipts, firstMs,
                    result instanceof Receipts.Issued ? "issued" : result.getClass().getSimpleName(), Machine.load());
            start = System.nanoTime();
            cpu = cpuNanos();
            new EvidenceBundle(ws.auditReader(), ws.checkpoints()).write(1, head, bundle, (done, total) -> { });
            out.printf("Bundle write  : %,10.0f entries/s, %,.0f per CPU-second (%,d entries, one range proof, %,d MB)"
                    + "%s%n", head / seconds(start), head / ((cpuNanos() - cpu) / 1e9), head, Files.size(bundle) >> 20,
                    Machine.load());
            key = ws.checkpoints().key().publicKey().verifierKey();
        }
        NoteKey publicKey = NoteKey.parse(key);
        for (String pass : List.of("cold", "warm")) {
            long start = System.nanoTime();
            long cpu = cpuNanos();
            var outcome = OfflineVerifier.verifyBundle(bundle, publicKey);
            double wall = seconds(start);
            out.printf("Bundle verify : %,10.0f entries/s offline in Java, %s JIT; %,.0f entries per CPU-second%s "
                    + "(%s)%n", head / wall, pass, head / ((cpuNanos() - cpu) / 1e9), Machine.load(),
                    outcome.summary());
        }
        python(bundle, key, head);
    }

    private void python(Path bundle, String key, long head) throws IOException, InterruptedException {
        if (!Files.isRegularFile(PYTHON_VERIFIER)) {
            out.println("Python verify : skipped (run from the source tree to find " + PYTHON_VERIFIER + ")");
            return;
        }
        long start = System.nanoTime();
        Process p;
        try {
            p = new ProcessBuilder("python3", PYTHON_VERIFIER.toString(), "--public-key", key, bundle.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException noPython) {
            out.println("Python verify : skipped (no python3: " + noPython.getMessage() + ")");
            return;
        }
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        out.printf("Python verify : %,10.0f entries/s (docs/verifier/verify.py, exit %d: %s)%s%n",
                head / seconds(start), p.exitValue(), said.lines().reduce((a, b) -> b).orElse(""), Machine.load());
    }

    /**
     * Appends {@code n} entries in transactions of {@value #FILL_BATCH} through the ledger's own batched insert (the
     * one a kill switch uses): each is stamped, chained and hashed exactly as any entry, only the fsyncs are fewer.
     */
    private static void fill(Workspace ws, long n) {
        for (long done = 0; done < n; ) {
            List<AuditEntry> batch = new ArrayList<>(FILL_BATCH);
            for (int i = 0; i < FILL_BATCH && done < n; i++, done++) {
                batch.add(entry(done));
            }
            ws.database().write(tx -> ws.ledger().appendAllWithin(tx, batch));
        }
    }

    private static AuditEntry entry(long i) {
        return AuditEntry.of("decision").traceId(TRACE + i).agentId("support-agent-v2").sessionId("sess_bench")
                .action("create:support_ticket").inputSummary("Customer reported billing discrepancy")
                .reasoning("Classified as billing issue (confidence: 0.94). Created ticket per SOP-BILLING-001.")
                .toolsUsed(List.of("crm_lookup", "ticket_creator")).tokensConsumed(1247L).riskScore(0.12)
                .decision("allow").tier("autonomous").reasonCode("ALLOWED").build();
    }

    /** CPU time of this whole process so far (every thread), in ns: the figure the machine's load does not skew. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
