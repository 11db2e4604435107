package dev.arbiter.bench;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditDetail;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.evidence.EvidenceBundle;
import dev.arbiter.core.evidence.NoteKey;
import dev.arbiter.core.evidence.OfflineVerifier;
import dev.arbiter.core.evidence.Receipts;
import dev.arbiter.core.policy.PolicyVersion;
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
    private static final String BUNDLE = "bench-evidence.zip";
    private static final Path PYTHON_VERIFIER = Path.of("docs/verifier/verify.py");

    private final Path dir;
    private final PrintWriter out;

    public EvidenceBenchmark(Path dir, PrintWriter out) {
        this.dir = dir;
        this.out = out;
    }

    /**
     * Grows the workspace's ledger to {@code entries} entries, then measures; the Java verify runs
     * {@code verifyRounds} times.
     */
    public void run(long entries, int verifyRounds) throws Exception {
        long filled = fill(entries);
        long head;
        Path bundle = dir.resolve(BUNDLE);
        String key;
        try (Workspace ws = Workspace.open(new DataDirectory(dir))) {
            // A fresh process: nothing about the tree is cached. The fill's own process may have signed
            // checkpoints as it went, so one more entry makes sure this one reads and hashes every entry hash.
            ws.ledger().append(entry(filled, inForce(ws)));
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
        verify(bundle, NoteKey.parse(key), head, verifyRounds);
        python(bundle, key, head);
    }

    /**
     * The offline verify alone: fills the ledger to {@code entries} through the batched insert and writes a bundle
     * of it, unless {@code --dir} holds both from an earlier run (then they are reused, so a second run takes
     * seconds), and verifies it {@code rounds} times.
     */
    public void verifyOnly(long entries, int rounds) throws Exception {
        out.println("Verify benchmark on " + Machine.describe());
        Path bundle = dir.resolve(BUNDLE);
        long head;
        String key;
        try (Workspace ws = Workspace.open(new DataDirectory(dir))) {
            head = ws.ledger().headSeq();
            key = ws.checkpoints().key().publicKey().verifierKey();
        }
        if (head >= entries && Files.isRegularFile(bundle)) {
            out.printf("Bundle        : reusing %s (%,d MB) of the %,d entries %s holds%n", bundle.getFileName(),
                    Files.size(bundle) >> 20, head, dir);
        } else {
            fill(entries);
            try (Workspace ws = Workspace.open(new DataDirectory(dir))) {
                head = ws.ledger().headSeq();
                long start = System.nanoTime();
                long cpu = cpuNanos();
                new EvidenceBundle(ws.auditReader(), ws.checkpoints()).write(1, head, bundle, (done, total) -> { });
                out.printf("Bundle write  : %,10.0f entries/s, %,.0f per CPU-second (%,d entries, %,d MB)%s%n",
                        head / seconds(start), head / ((cpuNanos() - cpu) / 1e9), head, Files.size(bundle) >> 20,
                        Machine.load());
            }
        }
        out.flush();
        verify(bundle, NoteKey.parse(key), head, rounds);
    }

    /** Grows the ledger to {@code entries} entries through the batched insert; how many were appended. */
    private long fill(long entries) {
        try (Workspace ws = Workspace.open(new DataDirectory(dir))) {
            long have = ws.ledger().headSeq();
            long filled = Math.max(1, entries - have);
            long start = System.nanoTime();
            fill(ws, filled);
            long head = ws.ledger().headSeq();
            out.printf("Fill          : %,10.0f appends/s (%,d real chained entries, %,d a transaction; now %,d)%n",
                    (head - have) / seconds(start), head - have, FILL_BATCH, head);
            out.flush();
            return filled;
        }
    }

    /**
     * Verifies {@code bundle} offline {@code rounds} times in this process and prints each round, wall and per
     * CPU-second of the whole process (every thread: inflating, hashing, folding, and the JIT and GC), with the
     * load average. Round 1 runs on a cold JIT, as a one-off {@code arbiter audit verify} does; the figure to
     * quote for the verifier's speed is the median of the warm rounds, as a line at the end says.
     */
    private void verify(Path bundle, NoteKey key, long head, int rounds) throws IOException {
        double[] wallRates = new double[rounds];
        double[] cpuRates = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            long cpu = cpuNanos();
            var outcome = OfflineVerifier.verifyBundle(bundle, key);
            wallRates[round] = head / seconds(start);
            cpuRates[round] = head / ((cpuNanos() - cpu) / 1e9);
            out.printf("Bundle verify : %,10.0f entries/s offline in Java, round %d (%s JIT); %,.0f entries per "
                    + "CPU-second%s (%s)%n", wallRates[round], round + 1, round == 0 ? "cold" : "warm",
                    cpuRates[round], Machine.load(), outcome.summary());
            out.flush();
            if (!outcome.intact()) {
                return;
            }
        }
        if (rounds > 1) {
            out.printf("Verify (quote): %,10.0f entries/s wall, %,.0f per CPU-second: the median of the %d warm "
                    + "rounds (2 to %d)%s%n", median(wallRates), median(cpuRates), rounds - 1, rounds, Machine.load());
        }
    }

    /** The median of {@code values[1..]}: the warm rounds. */
    private static double median(double[] values) {
        double[] warm = java.util.Arrays.copyOfRange(values, 1, values.length);
        java.util.Arrays.sort(warm);
        return warm.length % 2 == 1 ? warm[warm.length / 2] : (warm[warm.length / 2 - 1] + warm[warm.length / 2]) / 2;
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
        PolicyVersion policy = inForce(ws);
        for (long done = 0; done < n; ) {
            List<AuditEntry> batch = new ArrayList<>(FILL_BATCH);
            for (int i = 0; i < FILL_BATCH && done < n; i++, done++) {
                batch.add(entry(done, policy));
            }
            ws.database().write(tx -> ws.ledger().appendAllWithin(tx, batch));
        }
    }

    /**
     * The bench policy, active: the version every filled decision names, as a gateway's decision does. Saved once
     * per workspace (saving the same text again keeps its version), so its activation is in the ledger and the
     * bundle carries the version in force.
     */
    private static PolicyVersion inForce(Workspace ws) {
        return ws.policies().save(GatewayBenchmark.POLICY, "bench", null, true).version();
    }

    /**
     * One decision shaped as the gateway writes it (see {@code DecisionEntries}): its detail names the reason and
     * the policy version that decided it, so the verifier's scan for the versions in force reads every entry's
     * detail, as it does on a real ledger.
     */
    private static AuditEntry entry(long i, PolicyVersion policy) {
        return AuditEntry.of("decision").traceId(TRACE + i).agentId("support-agent-v2").sessionId("sess_bench")
                .action("create:support_ticket").inputSummary("Customer reported billing discrepancy")
                .reasoning("Classified as billing issue (confidence: 0.94). Created ticket per SOP-BILLING-001.")
                .toolsUsed(List.of("crm_lookup", "ticket_creator")).tokensConsumed(1247L).riskScore(0.12)
                .decision("allow").tier("autonomous").reasonCode("ALLOWED")
                .detail(AuditDetail.of("reason", "Allowed by the policy's allowed_actions", "policy", policy.name(),
                        "policy_version", policy.version()))
                .build();
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
