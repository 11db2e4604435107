package dev.arbiter.bench;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.policyqa.Replay;
import dev.arbiter.core.policyqa.ReplayReport;
import dev.arbiter.core.store.DataDirectory;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * Measures policy replay (issue 19, target at least 100,000 recorded decisions/s): records
 * {@code decisions} decisions of the three demo agents through the real engine on a fresh
 * workspace, then replays each policy's history under the recorded versions (which must reproduce
 * every decision) and under a candidate version, reading the ledger included; as decisions per
 * second of wall time and per second of the replaying thread's CPU time (the figure that does not
 * depend on what else the machine runs).
 */
public final class ReplayBenchmark {

    private static final List<List<String>> ACTIONS = List.of(
            List.of("read:order_history", "create:support_ticket", "write:payment_info", "send:email_template"),
            List.of("read:payment_status", "issue:refund", "issue:chargeback", "read:order_history"),
            List.of("list:temp_files", "archive:exports", "delete:backups", "create:cleanup_report"));

    /**
     * Rounds of the reproduction replay: the first runs cold (interpreted), the later ones JIT-compiled; on a
     * loaded machine the compiler threads get little time, so it takes several rounds to warm up.
     */
    private static final int ROUNDS = 8;
    /**
     * The replaying thread's CPU time: on a machine shared with other work, wall time measures the others
     * too, CPU time only the replay (the replay runs on the calling thread, SQLite reads included).
     */
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Path dir;
    private final PrintWriter out;

    public ReplayBenchmark(Path dir, PrintWriter out) {
        this.dir = dir;
        this.out = out;
    }

    public void run(int decisions) throws Exception {
        out.println("Replay benchmark on " + Machine.describe());
        try (Workspace ws = Workspace.open(new DataDirectory(dir))) {
            DemoAgents.ensure(ws);
            long start = System.nanoTime();
            Semaphore inFlight = new Semaphore(1024);
            for (int i = 0; i < decisions; i++) {
                int a = i % 3;
                String agent = DemoAgents.IDS.get(a);
                DecisionRequest r = DecisionRequest.of(agent, ACTIONS.get(a).get((i / 3) % 4))
                        .withTarget(DemoAgents.TARGETS.get(agent)).withTokens(50L, null)
                        .withAmount(i % 7 == 0 ? 1200.0 : 30.0).withConfidence(i % 11 == 0 ? 0.5 : 0.95);
                inFlight.acquireUninterruptibly();
                ws.decisions().decide(r).whenComplete((d, e) -> inFlight.release());
            }
            inFlight.acquireUninterruptibly(1024);
            out.printf("Recorded      : %,d decisions in %.1f s%s%n", decisions, (System.nanoTime() - start) / 1e9,
                    Machine.load());
            Replay replay = new Replay(ws.auditReader(), ws.policies(), ws.agents());
            double bestWall = 0;
            double bestCpu = 0;
            for (int round = 0; round < ROUNDS; round++) {
                long replayed = 0;
                long changes = 0;
                long nanos = 0;
                long cpu = 0;
                for (String policy : List.of("customer-support-agent", "refunds-agent", "data-cleanup-agent")) {
                    long cpuBefore = THREADS.getCurrentThreadCpuTime();
                    ReplayReport report = replay.run(policy, null, null, null);
                    cpu += THREADS.getCurrentThreadCpuTime() - cpuBefore;
                    replayed += report.decisions();
                    changes += report.changed();
                    nanos += report.nanos();
                }
                out.printf("Replay (%s): %,10.0f decisions/s wall, %,10.0f per CPU-second  (%,d decisions in %.2f s, "
                                + "%.2f s CPU; %d changed, 0 expected)%s%n", round == 0 ? "cold" : "warm",
                        replayed * 1e9 / nanos, replayed * 1e9 / cpu, replayed, nanos / 1e9, cpu / 1e9, changes,
                        Machine.load());
                bestWall = Math.max(bestWall, replayed * 1e9 / nanos);
                bestCpu = Math.max(bestCpu, replayed * 1e9 / Math.max(1, cpu));
            }
            out.printf("Replay (best) : %,10.0f decisions/s wall, %,10.0f per CPU-second  (target 100,000)%s%n",
                    bestWall, bestCpu, Machine.load());
            String yaml = ws.policies().active("refunds-agent").orElseThrow().yaml()
                    .replace("actions_per_minute: 20", "actions_per_minute: 5");
            int candidate = ws.policies().save(yaml, "bench", "stricter candidate", false).version().version();
            long cpuBefore = THREADS.getCurrentThreadCpuTime();
            ReplayReport report = replay.run("refunds-agent", candidate, null, null);
            long cpu = THREADS.getCurrentThreadCpuTime() - cpuBefore;
            out.printf("Candidate     : %,10.0f decisions/s wall, %,10.0f per CPU-second  (refunds-agent v%d: %,d "
                            + "decisions, %,d would change)%s%n", report.decisionsPerSecond(),
                    report.decisions() * 1e9 / Math.max(1, cpu), candidate, report.decisions(),
                    report.changed(), Machine.load());
        }
    }
}
