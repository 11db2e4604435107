package dev.arbiter.bench;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.policyqa.Replay;
import dev.arbiter.core.policyqa.ReplayReport;
import dev.arbiter.core.store.DataDirectory;
import java.io.PrintWriter;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * Measures policy replay (issue 19, target at least 100,000 recorded decisions/s): records {@code decisions}
 * decisions of the three demo agents through the real engine on a fresh workspace, then replays each policy's
 * history as {@code arbiter policy replay NAME} does (the whole ledger range, the other policies' decisions
 * read and skipped) under the recorded versions, which must reproduce every decision, and once under a candidate version.
 *
 * <p>The figure counts <em>decisions re-evaluated</em> per second, the ledger reads included, per second of wall
 * time and per second of the replaying thread's CPU time (the figure that does not depend on what else the
 * machine runs). Warm-up rounds (at least {@code warmUp}, and until the JIT has settled: on a loaded machine its
 * threads get little time) are printed but not counted; the figure is the median of the measured rounds, each
 * printed with its garbage collections and JIT time, so a spread can be read off.
 */
public final class ReplayBenchmark {

    private static final List<List<String>> ACTIONS = List.of(
            List.of("read:order_history", "create:support_ticket", "write:payment_info", "send:email_template"),
            List.of("read:payment_status", "issue:refund", "issue:chargeback", "read:order_history"),
            List.of("list:temp_files", "archive:exports", "delete:backups", "create:cleanup_report"));
    private static final List<String> POLICIES = List.of("customer-support-agent", "refunds-agent",
            "data-cleanup-agent");
    /**
     * The replaying thread's CPU time: on a machine shared with other work, wall time measures the others
     * too, CPU time only the replay (the replay runs on the calling thread, SQLite reads included).
     */
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();
    /**
     * A round in which the JIT's threads compiled for less than this share of its wall time counts as warm: on a
     * loaded machine the compiler got little time and was still compiling the replay's path many rounds in (35 s of
     * compilation in each of the first three rounds at load 35), which is what spread the figures.
     */
    static final int JIT_SETTLED_PERCENT = 10;
    /** Rounds in a row that must each be under {@link #JIT_SETTLED_PERCENT} before the measured ones start. */
    static final int SETTLED_ROUNDS = 3;
    /** Warm-up rounds at most, however busy the JIT still is. */
    static final int MAX_WARM_UP = 20;

    private final Path dir;
    private final PrintWriter out;

    public ReplayBenchmark(Path dir, PrintWriter out) {
        this.dir = dir;
        this.out = out;
    }

    /**
     * @param decisions decisions recorded first (at least 3)
     * @param warmUp    rounds at least run before the measured ones, not counted (0 or more); more until the JIT
     *                  has settled
     * @param rounds    measured rounds (at least 1); each replays every policy once
     */
    public void run(int decisions, int warmUp, int rounds) throws Exception {
        out.println("Replay benchmark on " + Machine.describe());
        try (Workspace ws = Workspace.open(new DataDirectory(dir))) {
            DemoAgents.ensure(ws);
            if (ws.ledger().headSeq() >= decisions) {
                out.printf("Recorded      : none; the workspace's ledger already holds %,d entries (--dir)%n",
                        ws.ledger().headSeq());
            } else {
                record(ws, decisions);
            }
            long[] range = ws.auditReader().seqRange(null, null).orElseThrow();
            out.printf("Counted       : decisions re-evaluated per second, ledger reads included. Each replay covers "
                    + "the whole ledger (%,d entries) as 'arbiter policy replay NAME' does and re-decides its own "
                    + "policy's decisions (about one entry in three here); the decisions that name another policy "
                    + "are read and skipped before any parse. CPU: the replaying thread's and its reading "
                    + "threads' (%d beside it), GC and JIT not counted.%n", range[1] - range[0] + 1,
                    Replay.readingThreads());
            Replay replay = new Replay(ws.auditReader(), ws.policies(), ws.agents());
            List<Round> measured = new ArrayList<>();
            int round = 0;
            int settledInARow = 0;
            while ((settledInARow < SETTLED_ROUNDS || round < warmUp) && round < MAX_WARM_UP) {
                Round r = round(replay, false);
                round++;
                // one quiet round is not enough: the compiler often goes on with the replay's path after a pause
                settledInARow = r.jitSettled() ? settledInARow + 1 : 0;
                out.printf("Round %2d (warm-up ): %s%n", round, r.describe());
            }
            out.printf("Warm-up       : %d rounds, until the JIT compiled for less than %d%% of the wall time in %d "
                    + "rounds in a row (at most %d rounds)%n", round, JIT_SETTLED_PERCENT, SETTLED_ROUNDS, MAX_WARM_UP);
            for (int i = 1; i <= rounds; i++) {
                Round r = round(replay, false);
                measured.add(r);
                out.printf("Round %2d (measured): %s%n", round + i, r.describe());
            }
            out.printf("Replay        : median of %d measured rounds: %,.0f decisions/s wall, %,.0f per CPU-second "
                            + "(per CPU-second range %,.0f-%,.0f; target 100,000)%s%n", measured.size(),
                    median(measured, true), median(measured, false), min(measured), max(measured), Machine.load());
            List<Round> own = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                own.add(round(replay, true));
            }
            out.printf("Own entries   : median of 3 rounds reading only each policy's own agent's entries (the "
                            + "replay's agent filter, as the Replay tab's Agents field sets it): %,.0f decisions/s wall, "
                            + "%,.0f per CPU-second%s%n", median(own, true), median(own, false), Machine.load());
            String yaml = ws.policies().active("refunds-agent").orElseThrow().yaml()
                    .replace("actions_per_minute: 20", "actions_per_minute: 5");
            int candidate = ws.policies().save(yaml, "bench", "stricter candidate", false).version().version();
            long cpuBefore = replayCpuNanos();
            ReplayReport report = replay.run("refunds-agent", candidate, null, null);
            long cpu = replayCpuNanos() - cpuBefore;
            out.printf("Candidate     : %,10.0f decisions/s wall, %,10.0f per CPU-second  (refunds-agent v%d: %,d "
                            + "decisions, %,d would change)%s%n", report.decisionsPerSecond(),
                    report.decisions() * 1e9 / Math.max(1, cpu), candidate, report.decisions(),
                    report.changed(), Machine.load());
        }
    }

    private void record(Workspace ws, int decisions) {
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
        out.printf("Recorded      : %,d decisions of 3 agents, each under its own policy, in %.1f s%s%n", decisions,
                (System.nanoTime() - start) / 1e9, Machine.load());
    }

    /**
     * Replays every policy once under its recorded versions; {@code ownAgent} true reads only the policy's own
     * agent's entries (the demo's policies are named after their agents).
     */
    private static Round round(Replay replay, boolean ownAgent) {
        long gcCount = gcCount();
        long gcMillis = gcMillis();
        long jit = JIT.getTotalCompilationTime();
        long replayed = 0;
        long changes = 0;
        long nanos = 0;
        long cpu = 0;
        for (String policy : POLICIES) {
            long cpuBefore = replayCpuNanos();
            ReplayReport report = !ownAgent ? replay.run(policy, null, null, null)
                    : replay.run(policy, null, null, null, Set.of(policy), Replay.Progress.NONE);
            cpu += replayCpuNanos() - cpuBefore;
            replayed += report.decisions();
            changes += report.changed();
            nanos += report.nanos();
        }
        return new Round(replayed, changes, nanos, Math.max(1, cpu), gcCount() - gcCount, gcMillis() - gcMillis,
                JIT.getTotalCompilationTime() - jit, Machine.load());
    }

    /** The CPU time of this thread and of the replays' reading threads, in nanoseconds (GC and JIT not counted). */
    private static long replayCpuNanos() {
        return THREADS.getCurrentThreadCpuTime() + Replay.readingCpuNanos();
    }

    /** One round: every policy replayed once. Times in nanoseconds, except GC and JIT in milliseconds. */
    private record Round(long decisions, long changes, long wallNanos, long cpuNanos, long gcs, long gcMillis,
                         long jitMillis, String load) {
        boolean jitSettled() {
            return jitMillis * 1e6 * 100 < wallNanos * JIT_SETTLED_PERCENT;
        }

        double wallRate() {
            return decisions * 1e9 / wallNanos;
        }

        double cpuRate() {
            return decisions * 1e9 / cpuNanos;
        }

        String describe() {
            return String.format("%,d decisions, wall %,6.0f ms = %,8.0f/s, CPU %,6.0f ms = %,8.0f per CPU-second; "
                            + "GC %d (%d ms), JIT %d ms; %d changed, 0 expected%s", decisions, wallNanos / 1e6,
                    wallRate(), cpuNanos / 1e6, cpuRate(), gcs, gcMillis, jitMillis, changes, load);
        }
    }

    private static double median(List<Round> rounds, boolean wall) {
        List<Double> rates = new ArrayList<>();
        rounds.forEach(r -> rates.add(wall ? r.wallRate() : r.cpuRate()));
        Collections.sort(rates);
        int n = rates.size();
        return n % 2 == 1 ? rates.get(n / 2) : (rates.get(n / 2 - 1) + rates.get(n / 2)) / 2;
    }

    private static double min(List<Round> rounds) {
        return rounds.stream().mapToDouble(Round::cpuRate).min().orElse(0);
    }

    private static double max(List<Round> rounds) {
        return rounds.stream().mapToDouble(Round::cpuRate).max().orElse(0);
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).filter(n -> n > 0).sum();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(n -> n > 0).sum();
    }
}
