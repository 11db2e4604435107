package dev.arbiter.bench;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.AgentProfile;
import dev.arbiter.core.audit.VerificationResult;
import dev.arbiter.core.store.DataDirectory;
import dev.arbiter.core.store.DatabaseUrl;
import dev.arbiter.core.store.StoreLocation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Team mode measured with real processes (issue 14): {@code gateways} {@code
 * arbiter serve} processes on one PostgreSQL against one on a SQLite file, in
 * one run, then, on PostgreSQL:
 * <ol>
 * <li>throughput: decisions/s and p50/p99 of N kept-alive clients spread over
 *     the gateways (each answer durable before it is sent), and the same
 *     clients on the one SQLite gateway;</li>
 * <li>kill switch propagation: engaged by this process (as a reviewer's
 *     desktop would), the time until each gateway answers a request with
 *     {@code deny / KILL_SWITCH}; target 100 ms p95;</li>
 * <li>approval propagation: a gated action asked on one gateway, long-polled
 *     on the next, approved by this process: the time from the approval to the
 *     long poll's answer; target 100 ms p95;</li>
 * <li>kill -9 of one gateway under load: every decision a client was answered
 *     (200 or 202) must be in the ledger, and the chain must verify.</li>
 * </ol>
 * Clients run in this process and share the machine with the servers and the
 * database; figures are printed with the load average.
 */
public final class TeamBenchmark {

    private static final String ACTIONS = "/v1/actions";
    private static final String GATED = "{\"agent_id\":\"" + GatewayBenchmark.AGENT + "\",\"action\":\"issue:refund\","
            + "\"confidence\":0.94,\"tokens_consumed\":10,\"target\":\"crm-api.internal:443\","
            + "\"context\":{\"amount_usd\":5000,\"data_classes\":[\"PII\"]}}";

    /** Settings of one run: gateways on PostgreSQL, clients, seconds of each throughput run, propagation rounds. */
    public record Plan(int gateways, int clients, int seconds, int rounds) {
        public Plan {
            if (gateways < 2 || clients < 1 || seconds < 1 || rounds < 1) {
                throw new IllegalArgumentException("--gateways must be at least 2, and --clients, --seconds and "
                        + "--rounds at least 1");
            }
        }
    }

    private final Path dir;
    private final PrintWriter out;

    public TeamBenchmark(Path dir, PrintWriter out) {
        this.dir = dir;
        this.out = out;
    }

    /** Runs the plan on {@code database}, or on a private cluster made in the work directory when null. */
    public void run(Plan plan, DatabaseUrl database) throws Exception {
        out.println("Team benchmark on " + Machine.describe());
        PrivatePostgres cluster = null;
        DatabaseUrl url = database;
        if (url == null) {
            out.println("(starting a private PostgreSQL cluster, fsync on)");
            out.flush();
            cluster = PrivatePostgres.start(true);
            url = cluster.url();
        }
        out.println("PostgreSQL: " + url + "; SQLite: " + dir.resolve("sqlite"));
        out.flush();
        List<GatewayProcess> gateways = new ArrayList<>();
        GatewayProcess sqlite = null;
        try (Workspace admin = Workspace.open(new DataDirectory(dir.resolve("admin")),
                new StoreLocation.PostgresServer(url, null), Clock.systemUTC())) {
            String pgToken = prepare(admin);
            String sqliteToken;
            try (Workspace local = Workspace.open(new DataDirectory(dir.resolve("sqlite")))) {
                sqliteToken = prepare(local);
            }
            sqlite = GatewayProcess.start(dir.resolve("sqlite"), null);
            for (int i = 0; i < plan.gateways(); i++) {
                gateways.add(GatewayProcess.start(dir.resolve("gateway-" + (i + 1)), url.toString()));
            }
            out.printf("%d gateways on PostgreSQL (pids %s), 1 on SQLite (pid %d)%n", gateways.size(),
                    gateways.stream().map(g -> Long.toString(g.pid())).toList(), sqlite.pid());
            out.println("(warming up the JIT of every gateway for 6 s)");
            out.flush();
            List<Integer> pgPorts = gateways.stream().map(GatewayProcess::port).toList();
            throughput(pgPorts, pgToken, plan.clients(), 6, null);
            throughput(List.of(sqlite.port()), sqliteToken, plan.clients(), 6, null);
            throughput(pgPorts, pgToken, plan.clients(), plan.seconds(), plan.gateways() + " gateways, PostgreSQL");
            throughput(List.of(sqlite.port()), sqliteToken, plan.clients(), plan.seconds(), "1 gateway, SQLite   ");
            sqlite.close();
            killSwitchPropagation(admin, pgPorts, pgToken, plan.rounds());
            approvalPropagation(admin, pgPorts, pgToken, plan.rounds());
            killNineUnderLoad(admin, gateways, pgToken, plan.clients());
        } finally {
            for (GatewayProcess g : gateways) {
                g.close();
            }
            if (sqlite != null) {
                sqlite.close();
            }
            if (cluster != null) {
                cluster.close();
            }
        }
        out.flush();
    }

    /** The benchmark's agent and policy in {@code ws}; returns a token for it. */
    private static String prepare(Workspace ws) {
        ws.policies().save(GatewayBenchmark.POLICY, "bench", null, true);
        ws.agents().add(new AgentProfile(GatewayBenchmark.AGENT, "Benchmark agent", "bench", "", "", "", "", Set.of(),
                null, "bench-agent", null), "bench");
        return ws.tokens().issue(GatewayBenchmark.AGENT, Duration.ofHours(2), "bench").token();
    }

    /** {@code clients} threads posting the benchmark mix round-robin over {@code ports}; prints unless a warm-up. */
    private void throughput(List<Integer> ports, String token, int clients, int seconds, String label)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong failures = new AtomicLong();
        java.util.concurrent.atomic.AtomicReference<String> firstFailure = new java.util.concurrent.atomic.AtomicReference<>();
        List<Future<Latencies>> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int client = c;
            int port = ports.get(c % ports.size());
            workers.add(pool.submit(() -> {
                Latencies mine = new Latencies();
                try (LoopbackClient http = new LoopbackClient("127.0.0.1", port, token)) {
                    for (int i = client; System.nanoTime() < end; i += clients) {
                        long t0 = System.nanoTime();
                        LoopbackClient.Response r = http.post(ACTIONS, GatewayBenchmark.json(i));
                        mine.record(System.nanoTime() - t0);
                        if (r.status() != 200 && r.status() != 202) {
                            failures.incrementAndGet();
                            firstFailure.compareAndSet(null, r.status() + " " + r.body());
                        }
                    }
                }
                return mine;
            }));
        }
        Latencies all = new Latencies();
        for (Future<Latencies> w : workers) {
            all.addAll(w.get());
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        if (label != null) {
            out.printf("%s, %d clients: %,8.0f decisions/s  p50 %s · p99 %s  (%,d decisions; %,d not 200/202)%s%n",
                    label, clients, all.count() / elapsed, Latencies.ms(all.percentile(50)),
                    Latencies.ms(all.percentile(99)), all.count(), failures.get(), Machine.load());
            if (firstFailure.get() != null) {
                out.println("  first answer not 200/202: " + firstFailure.get());
            }
            out.flush();
        }
    }

    /** Engages the kill switch here and times each gateway's first {@code KILL_SWITCH} answer. */
    private void killSwitchPropagation(Workspace admin, List<Integer> ports, String token, int rounds)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(ports.size());
        List<LoopbackClient> clients = ports.stream().map(p -> new LoopbackClient("127.0.0.1", p, token)).toList();
        Latencies latencies = new Latencies();
        try {
            for (int r = 0; r < rounds; r++) {
                long engaged = System.nanoTime();
                admin.killSwitch().engage(null, "bench round " + (r + 1), "bench");
                for (long nanos : untilEvery(pool, clients, true, engaged)) {
                    latencies.record(nanos);
                }
                admin.killSwitch().release(null, "bench round " + (r + 1) + " over", "bench");
                untilEvery(pool, clients, false, System.nanoTime());
            }
        } finally {
            pool.shutdown();
            for (LoopbackClient c : clients) {
                c.close();
            }
        }
        out.printf("Kill switch, engaged here → every gateway denies: p50 %s · p95 %s · max %s  (%d rounds × %d "
                + "gateways; target p95 ≤ 100 ms)%s%n", Latencies.ms(latencies.percentile(50)),
                Latencies.ms(latencies.percentile(95)), Latencies.ms(latencies.percentile(100)), rounds, ports.size(),
                Machine.load());
        out.flush();
    }

    /**
     * Each client posts until its gateway answers {@code KILL_SWITCH} ({@code denied}) or no longer does; the
     * time from {@code since} to that answer, per gateway (60 s at most).
     */
    private static List<Long> untilEvery(ExecutorService pool, List<LoopbackClient> clients, boolean denied,
                                         long since) throws Exception {
        List<Future<Long>> waits = new ArrayList<>();
        long deadline = since + TimeUnit.SECONDS.toNanos(60);
        for (LoopbackClient http : clients) {
            waits.add(pool.submit(() -> {
                int i = 0;
                while (System.nanoTime() < deadline) {
                    LoopbackClient.Response r = http.post(ACTIONS, GatewayBenchmark.json(i++ * 100));
                    if (r.body().contains("\"KILL_SWITCH\"") == denied) {
                        return System.nanoTime() - since;
                    }
                }
                throw new IllegalStateException("a gateway did not " + (denied ? "deny" : "allow again")
                        + " within 60 s");
            }));
        }
        List<Long> times = new ArrayList<>();
        for (Future<Long> w : waits) {
            times.add(w.get());
        }
        return times;
    }

    /** A gated action asked on one gateway, long-polled on the next, approved here: approval to answer. */
    private void approvalPropagation(Workspace admin, List<Integer> ports, String token, int rounds)
            throws Exception {
        ExecutorService poller = Executors.newSingleThreadExecutor();
        Latencies latencies = new Latencies();
        try {
            for (int r = 0; r < rounds; r++) {
                String traceId;
                try (LoopbackClient ask = new LoopbackClient("127.0.0.1", ports.get(r % ports.size()), token)) {
                    LoopbackClient.Response asked = ask.post(ACTIONS, GATED.getBytes(StandardCharsets.UTF_8));
                    traceId = field(asked.body(), "trace_id");
                    if (!asked.body().contains("\"pending\"") || traceId == null) {
                        throw new IllegalStateException("the gated action was not queued: " + asked.body());
                    }
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (admin.queue().find(traceId).isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                int pollPort = ports.get((r + 1) % ports.size());
                AtomicLong answered = new AtomicLong();
                Future<String> poll = poller.submit(() -> {
                    try (LoopbackClient wait = new LoopbackClient("127.0.0.1", pollPort, token)) {
                        String body = wait.get(ACTIONS + "/" + traceId + "?wait=30").body();
                        answered.set(System.nanoTime());
                        return body;
                    }
                });
                Thread.sleep(300); // the long poll is held by the other gateway by now
                long approved = System.nanoTime();
                admin.queue().approve(traceId, "Dana Reyes", "bench");
                String body = poll.get(40, TimeUnit.SECONDS);
                if (!body.contains("REVIEWER_APPROVED")) {
                    throw new IllegalStateException("the long poll was not answered with the approval: " + body);
                }
                latencies.record(answered.get() - approved);
            }
        } finally {
            poller.shutdown();
        }
        out.printf("Approval here → long poll on another gateway answered: p50 %s · p95 %s · max %s  (%d rounds; "
                + "target p95 ≤ 100 ms)%s%n", Latencies.ms(latencies.percentile(50)),
                Latencies.ms(latencies.percentile(95)), Latencies.ms(latencies.percentile(100)), rounds, Machine.load());
        out.flush();
    }

    /**
     * Load on every gateway; after 2 s the first is killed with SIGKILL and its clients move to the others (as
     * a load balancer would); 2 s later the load stops. Every trace id a client was answered with must be in
     * the ledger, and the chain must verify.
     */
    private void killNineUnderLoad(Workspace admin, List<GatewayProcess> gateways, String token, int clients)
            throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong failed = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            workers.add(pool.submit(() -> {
                int target = client % gateways.size();
                LoopbackClient http = new LoopbackClient("127.0.0.1", gateways.get(target).port(), token);
                for (int i = client; !stop.get(); i += clients) {
                    try {
                        LoopbackClient.Response r = http.post(ACTIONS, GatewayBenchmark.json(i));
                        String traceId = field(r.body(), "trace_id");
                        if ((r.status() == 200 || r.status() == 202) && traceId != null) {
                            acknowledged.add(traceId);
                        } else {
                            failed.incrementAndGet();
                        }
                    } catch (IOException e) {
                        failed.incrementAndGet(); // no answer: the agent was told nothing
                        http.close();
                        target = 1 + client % (gateways.size() - 1); // the balancer drops the dead one
                        http = new LoopbackClient("127.0.0.1", gateways.get(target).port(), token);
                    }
                }
                http.close();
                return null;
            }));
        }
        Thread.sleep(2_000);
        long before = acknowledged.size();
        gateways.get(0).kill9();
        Thread.sleep(2_000);
        stop.set(true);
        for (Future<?> w : workers) {
            w.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        long missing = acknowledged.stream().filter(id -> admin.auditReader().forTrace(id).isEmpty()).count();
        VerificationResult chain = admin.verifier().verify();
        out.printf("kill -9 of gateway 1 (pid %d) under load from %d clients: %,d decisions acknowledged (%,d before "
                + "the kill), %,d requests unanswered or refused, %d acknowledged decisions missing from the ledger; "
                + "audit verify: %s%s%n", gateways.get(0).pid(), clients, acknowledged.size(), before, failed.get(),
                missing, chain.intact() ? "intact" : "BROKEN (" + chain.describe() + ")", Machine.load());
        out.flush();
        if (missing > 0 || !chain.intact()) {
            throw new IllegalStateException("kill -9 lost acknowledged decisions or broke the chain");
        }
    }

    /** The text of a top-level string field of a small JSON answer; null when absent. */
    private static String field(String json, String name) {
        String key = "\"" + name + "\":\"";
        int at = json.indexOf(key);
        if (at < 0) {
            return null;
        }
        int from = at + key.length();
        int to = json.indexOf('"', from);
        return to < 0 ? null : json.substring(from, to);
    }
}
