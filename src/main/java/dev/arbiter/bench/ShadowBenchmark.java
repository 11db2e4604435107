package dev.arbiter.bench;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.AgentProfile;
import dev.arbiter.core.store.DataDirectory;
import dev.arbiter.gateway.GatewayConfig;
import dev.arbiter.gateway.GatewayServer;
import java.io.PrintWriter;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Issue 19: gateway throughput over HTTP with a version of the policy in shadow for the agent against the same
 * without (target: at most 15 % fewer decisions/s). Fair to both: a warm-up of both paths until the runs are flat,
 * then runs that alternate off, on, on, off, off, on... so a drift (the JIT, the machine's other load, the
 * ledger's growth) falls on both alike, and each side's figure is the median of its runs, per second of wall time
 * and per second of this process's CPU. The shadow version sets rate limits, so every shadow answer that passes
 * its policy also applies them.
 */
public final class ShadowBenchmark {

    /** The version put in shadow: issue:refund no longer allowed, and rate limits to check. */
    static final String SHADOW_POLICY = GatewayBenchmark.POLICY.replace("    - issue:refund\n", "")
            + "  rate_limits:\n    actions_per_minute: 1000000000\n    escalations_per_hour: 1000000\n";
    /**
     * Warm-up runs end when two in a row (one off, one on) are each within this share of the same side's run
     * before them, and the JIT compiled for at most {@link #JIT_QUIET} of each: the figures are flat and no longer
     * climbing with compiled code (on 2 cores the JIT took over 20 s of CPU before the gateway's code was
     * compiled, and a flat pair of runs came while it still climbed).
     */
    static final double FLAT = 0.10;
    /** The share of a warm-up run's wall time the JIT may spend compiling for the run to count as settled. */
    static final double JIT_QUIET = 0.02;
    /** Warm-up runs at least (two of each side), and at most however the figures move. */
    static final int MIN_WARM_UP = 4;
    static final int MAX_WARM_UP = 24;

    private final PrintWriter out;

    ShadowBenchmark(PrintWriter out) {
        this.out = out;
    }

    /**
     * On a fresh workspace in {@code dir}: the benchmark agent and policy, the gateway on a free port, then
     * {@link #compare}.
     */
    public static void run(Path dir, PrintWriter out, int clients, int seconds, int rounds) throws Exception {
        out.println("Shadow benchmark on " + Machine.describe());
        out.println("Workspace: " + dir + " (SQLite WAL, synchronous=FULL: answered only once audited)");
        try (Workspace ws = Workspace.open(new DataDirectory(dir))) {
            ws.policies().save(GatewayBenchmark.POLICY, "bench", null, true);
            ws.agents().add(new AgentProfile(GatewayBenchmark.AGENT, "Benchmark agent", "bench", "", "", "", "",
                    Set.of(), null, "bench-agent", null), "bench");
            GatewayServer server = new GatewayServer(ws, new GatewayConfig("127.0.0.1", 0));
            server.start();
            try {
                String token = ws.tokens().issue(GatewayBenchmark.AGENT, Duration.ofHours(2), "bench").token();
                new ShadowBenchmark(out).compare(ws, server.port(), token, clients, seconds, rounds);
            } finally {
                server.stop();
            }
        }
        out.flush();
    }

    /**
     * Warms up both paths until flat, then {@code rounds} runs of {@code seconds} alternating off and on.
     *
     * @return the median "on" over the median "off", per wall second
     */
    double compare(Workspace ws, int port, String token, int clients, int seconds, int rounds) throws Exception {
        int version = ws.policies().save(SHADOW_POLICY, "bench", "shadow candidate", false).version().version();
        out.printf("Shadow on against off: bench-agent v%d in shadow; warm-up runs of %d s alternating off and on "
                + "until two in a row are each within %.0f%% of the same side's run before with the JIT compiling "
                + "at most %.0f%% of the time (%d to %d runs), then %d measured runs alternating off, on, on, off, ...%n",
                version, seconds, FLAT * 100, JIT_QUIET * 100, MIN_WARM_UP, MAX_WARM_UP, rounds);
        out.flush();
        warmUp(ws, version, port, token, clients, seconds);
        List<HttpThroughput> off = new ArrayList<>();
        List<HttpThroughput> on = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            boolean shadowOn = (round + 1) / 2 % 2 == 1; // off, on, on, off, off, on, on, off...
            HttpThroughput t = run(ws, version, shadowOn, port, token, clients, seconds);
            (shadowOn ? on : off).add(t);
            print("run " + (round + 1), shadowOn, t, "");
        }
        shadow(ws, version, false);
        double offWall = median(off, HttpThroughput::perSecond);
        double onWall = median(on, HttpThroughput::perSecond);
        double offCpu = median(off, HttpThroughput::perCpuSecond);
        double onCpu = median(on, HttpThroughput::perCpuSecond);
        out.printf("  median off %,.0f/s, on %,.0f/s wall; off %,.0f, on %,.0f per CPU-second%n", offWall, onWall,
                offCpu, onCpu);
        out.printf("  shadow on / off            : %.2f of the decisions/s wall, %.2f per CPU-second (target >= "
                + "0.85)%s%n", onWall / offWall, onCpu / offCpu, Machine.load());
        out.flush();
        return onWall / offWall;
    }

    private void warmUp(Workspace ws, int version, int port, String token, int clients, int seconds)
            throws Exception {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        double[] last = {Double.NaN, Double.NaN}; // off, on
        int flatInARow = 0;
        int run = 0;
        while (run < MAX_WARM_UP && (run < MIN_WARM_UP || flatInARow < 2)) {
            boolean shadowOn = run % 2 == 1;
            long compiledBefore = jit.getTotalCompilationTime();
            HttpThroughput t = run(ws, version, shadowOn, port, token, clients, seconds);
            long compiledMs = jit.getTotalCompilationTime() - compiledBefore;
            int side = shadowOn ? 1 : 0;
            boolean flat = Math.abs(t.perSecond() - last[side]) <= FLAT * last[side]
                    && compiledMs <= JIT_QUIET * seconds * 1000;
            flatInARow = flat ? flatInARow + 1 : 0;
            last[side] = t.perSecond();
            run++;
            print("warm-up " + run, shadowOn, t, String.format(", JIT %,d ms", compiledMs));
        }
        out.printf("  warm-up: %d runs%s%n", run, flatInARow >= 2 ? ", flat" : ", still moving at the limit");
    }

    private static HttpThroughput run(Workspace ws, int version, boolean shadowOn, int port, String token,
                                      int clients, int seconds) throws Exception {
        shadow(ws, version, shadowOn);
        return HttpThroughput.measure(port, token, clients, seconds);
    }

    private void print(String what, boolean shadowOn, HttpThroughput t, String more) {
        out.printf("  %-10s shadow %-3s : %,8.0f decisions/s wall, %,8.0f per CPU-second%s%s%n", what,
                shadowOn ? "on" : "off", t.perSecond(), t.perCpuSecond(), Machine.load(), more);
        out.flush();
    }

    private static void shadow(Workspace ws, int version, boolean on) {
        if (on) {
            ws.shadows().start(GatewayBenchmark.AGENT, GatewayBenchmark.AGENT, version, "bench");
        } else if (ws.shadows().forAgent(GatewayBenchmark.AGENT).isPresent()) {
            ws.shadows().stop(GatewayBenchmark.AGENT, "bench");
        }
    }

    private static double median(List<HttpThroughput> runs, ToDoubleFunction<HttpThroughput> figure) {
        double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
        int n = values.length;
        return n == 0 ? 0 : n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
