package dev.arbiter.bench;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.AgentProfile;
import dev.arbiter.core.decision.Decision;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.decision.Verdict;
import dev.arbiter.core.store.DataDirectory;
import dev.arbiter.gateway.GatewayConfig;
import dev.arbiter.gateway.GatewayServer;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures the kill switch with a full queue (issue 12 §4): N gated actions
 * wait for approval, each with an agent's long poll open over HTTP; then the
 * global switch is engaged. Reported: how long {@code engage} took (it
 * persists the switch, then denies every pending item in one transaction),
 * the time until core has woken the last waiter, and the time from engaging
 * to the last long poll answered over HTTP with {@code KILL_SWITCH} (the
 * clients run in this process, on the same cores). Runs on a throw-away workspace with a durable ledger.
 */
public final class KillSwitchBenchmark {

    static final String AGENT = "bench-gated-agent";
    private static final String POLICY = """
            agent_policy:
              name: "bench-gated-agent"
              allowed_actions:
                - delete:temp_files
              tier_overrides:
                "delete:*": gated
              approval_timeout_minutes: 60
            """;

    private final Path dir;
    private final PrintWriter out;

    public KillSwitchBenchmark(Path dir, PrintWriter out) {
        this.dir = dir;
        this.out = out;
    }

    /**
     * @param pending gated actions waiting, each with its own long poll (1..10,000)
     * @param rounds  how many times to fill the queue and engage (the figures of each are printed)
     */
    public void run(int pending, int rounds) throws Exception {
        if (pending < 1 || pending > 10_000 || rounds < 1) {
            throw new IllegalArgumentException("--pending must be 1..10000 and --rounds at least 1");
        }
        out.println("Kill switch benchmark on " + Machine.describe());
        out.printf("%,d gated actions pending, each with an open long poll over HTTP; then the global switch.%n",
                pending);
        out.flush();
        try (Workspace ws = Workspace.open(new DataDirectory(dir))) {
            ws.policies().save(POLICY, "bench", null, true);
            ws.agents().add(new AgentProfile(AGENT, "Benchmark gated agent", "bench", "", "", "", "", Set.of(), null,
                    AGENT, null), "bench");
            GatewayServer server = new GatewayServer(ws, new GatewayConfig("127.0.0.1", 0));
            server.start();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            try {
                String token = ws.tokens().issue(AGENT, Duration.ofHours(2), "bench").token();
                for (int round = 1; round <= rounds; round++) {
                    round(ws, http, server.port(), token, pending, round);
                }
            } finally {
                server.stop();
            }
            out.printf("Ledger: %,d entries, chain %s%n", ws.ledger().headSeq(),
                    ws.verifier().verify().intact() ? "intact" : "BROKEN");
        }
        out.flush();
    }

    private void round(Workspace ws, HttpClient http, int port, String token, int pending, int round)
            throws Exception {
        List<CompletableFuture<Decision>> queued = new ArrayList<>(pending);
        for (int i = 0; i < pending; i++) {
            queued.add(ws.decisions().decide(DecisionRequest.of(AGENT, "delete:temp_files")));
        }
        List<String> traces = new ArrayList<>(pending);
        for (CompletableFuture<Decision> f : queued) {
            Decision d = f.join();
            if (d.verdict() != Verdict.PENDING) {
                throw new IllegalStateException("the bench action was not queued: " + d.reasonCode());
            }
            traces.add(d.traceId());
        }
        AtomicLong lastAnswer = new AtomicLong();
        AtomicLong lastSettled = new AtomicLong();
        List<CompletableFuture<?>> settled = new ArrayList<>(pending);
        List<CompletableFuture<Boolean>> polls = new ArrayList<>(pending);
        for (String trace : traces) {
            polls.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/actions/"
                                    + trace + "?wait=60")).header("Authorization", "Bearer " + token)
                            .timeout(Duration.ofSeconds(90)).build(), HttpResponse.BodyHandlers.ofString())
                    .thenApply(r -> {
                        lastAnswer.accumulateAndGet(System.nanoTime(), Math::max);
                        return r.statusCode() == 200 && r.body().contains("KILL_SWITCH");
                    }));
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (ws.queue().waitedOn() < pending && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        if (ws.queue().waitedOn() < pending) {
            throw new IllegalStateException("only " + ws.queue().waitedOn() + " of " + pending
                    + " long polls reached the queue within 60 s");
        }
        for (String trace : traces) {
            // what the gateway's long polls wait on, seen from core: separates core's share from HTTP's
            settled.add(ws.decisions().whenSettled(trace)
                    .thenRun(() -> lastSettled.accumulateAndGet(System.nanoTime(), Math::max)));
        }
        long start = System.nanoTime();
        ws.killSwitch().engage(null, "bench round " + round, "bench");
        long engaged = System.nanoTime();
        CompletableFuture.allOf(polls.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        CompletableFuture.allOf(settled.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        long denied = polls.stream().filter(CompletableFuture::join).count();
        out.printf("round %d: engage() %7.1f ms (switch + %,d denials in one transaction); engage -> last waiter "
                        + "woken in core %7.1f ms; engage -> last long poll answered over HTTP %7.1f ms; "
                        + "%,d of %,d answered KILL_SWITCH%n",
                round, (engaged - start) / 1e6, pending, (lastSettled.get() - start) / 1e6,
                (lastAnswer.get() - start) / 1e6, denied, pending);
        out.flush();
        ws.killSwitch().release(null, "bench round " + round + " over", "bench");
    }
}
