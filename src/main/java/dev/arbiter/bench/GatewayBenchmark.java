package dev.arbiter.bench;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.AgentProfile;
import dev.arbiter.core.decision.Decision;
import dev.arbiter.core.decision.DecisionEngine;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.policy.DataClass;
import dev.arbiter.core.store.DataDirectory;
import dev.arbiter.gateway.GatewayConfig;
import dev.arbiter.gateway.GatewayServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import dev.arbiter.telemetry.OtelSetup;
import dev.arbiter.telemetry.OtelTelemetry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures the decision gateway on a fresh workspace with a durable ledger
 * (SQLite WAL, synchronous=FULL): every decision is committed before it is
 * answered. Three measurements:
 * <ol>
 * <li>in-process {@code decide()}: the time to make a decision and queue its audit entry (one
 *     thread), then decisions until durable from one thread and from 32;</li>
 * <li>HTTP throughput: N kept-alive clients posting as fast as answers come back (after a 6 s
 *     warm-up, so that the JIT compiler is not measured), with the process's CPU time per decision,
 *     the figure that least depends on what else the machine is doing;</li>
 * <li>HTTP latency at a fixed rate, measured from each request's scheduled send time, so that a
 *     stall counts against every request it delays;</li>
 * <li>slowloris: that latency for a legitimate agent while {@code slowConnections} connections
 *     trickle a header line a second (each one the server closes is reopened, so the pressure
 *     stays constant);</li>
 * <li>hostile: {@code hostileRequests} refused requests (no token, a wrong token, a foreign
 *     {@code Host}, a browser's {@code Origin}), each on a new connection as a web page's
 *     {@code <img>} would send them, with the share that got no HTTP answer at all, the ledger
 *     entries they added, and a legitimate agent's latency meanwhile.</li>
 * </ol>
 * The clients run in this process and share the machine with the server.
 */
public final class GatewayBenchmark {

    static final String AGENT = "bench-agent";
    static final String POLICY = """
            agent_policy:
              name: "bench-agent"
              allowed_actions:
                - read:*
                - create:support_ticket
                - issue:refund
              denied_actions:
                - delete:*
              network_access:
                - crm-api.internal:443
            """;

    private final Path dir;
    private final PrintWriter out;

    public GatewayBenchmark(Path dir, PrintWriter out) {
        this.dir = dir;
        this.out = out;
    }

    /** Settings of one run; durations in seconds. */
    public record Plan(int inProcess, int clients, int throughputSeconds, int rate, int rateSeconds,
            int slowConnections, int hostileRequests) {
    }

    /** A legitimate agent's requests: latency from the scheduled send time, and those not answered 200. */
    private record Legitimate(Latencies latencies, long failures) {
    }

    /** The rate and clients of the legitimate agent measured beside slowloris and hostile traffic. */
    private static final int BESIDE_RATE = 200;
    private static final int BESIDE_CLIENTS = 4;

    public void run(Plan plan) throws Exception {
        out.println("Gateway benchmark on " + Machine.describe());
        out.println("Workspace: " + dir + " (SQLite WAL, synchronous=FULL: answered only once audited)");
        out.println("Mix: 90% autonomous, 5% supervised (queued for review), 1% gated (queued, pending), "
                + "4% denied by policy");
        out.flush();
        try (Workspace ws = Workspace.open(new DataDirectory(dir))) {
            ws.policies().save(POLICY, "bench", null, true);
            ws.agents().add(new AgentProfile(AGENT, "Benchmark agent", "bench", "", "", "", "", Set.of(), null,
                    "bench-agent", null), "bench");
            inProcess(ws.decisions(), plan.inProcess());
            GatewayServer server = new GatewayServer(ws, new GatewayConfig("127.0.0.1", 0));
            server.start();
            try {
                String token = ws.tokens().issue(AGENT, Duration.ofHours(2), "bench").token();
                out.println("(warming up the JIT over HTTP for 6 s)");
                out.flush();
                throughput(server.port(), token, plan.clients(), -6);
                double off = throughput(server.port(), token, plan.clients(), plan.throughputSeconds());
                withTelemetry(ws, server.port(), token, plan, off);
                alertsOnOff(ws, server.port(), token, plan);
                new ShadowBenchmark(out).compare(ws, server.port(), token, plan.clients(),
                        Math.max(2, plan.throughputSeconds() / 2), 8);
                Legitimate fixed = fixedRate(server.port(), token, plan.clients(), plan.rate(), plan.rateSeconds());
                out.printf("HTTP at %,d req/s for %d s   : %s  (%,d requests; %,d not 200)%s%n", plan.rate(),
                        plan.rateSeconds(), fixed.latencies().summary(), fixed.latencies().count(),
                        fixed.failures(), Machine.load());
                out.flush();
                if (plan.slowConnections() > 0) {
                    slowloris(server.port(), token, plan.slowConnections(), plan.rateSeconds());
                }
                if (plan.hostileRequests() > 0) {
                    long legitimateEnd = hostile(ws, server.port(), token, plan.hostileRequests());
                    server.stop(); // writes the refusal windows still open
                    out.printf("  ledger entries the hostile requests added: %,d (refusals aggregated per source "
                            + "and window, written by the time the gateway stopped)%n",
                            ws.ledger().headSeq() - legitimateEnd);
                }
            } finally {
                server.stop();
            }
            out.printf("Ledger: %,d entries, chain %s%n", ws.ledger().headSeq(),
                    ws.verifier().verify().intact() ? "intact" : "BROKEN");
        }
        out.flush();
    }

    private void inProcess(DecisionEngine engine, int n) {
        for (int i = 0; i < Math.min(n, 20_000); i++) {
            engine.decide(request(i)).join();
        }
        Latencies call = new Latencies();
        List<CompletableFuture<Decision>> batch = new ArrayList<>(1024);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            DecisionRequest r = request(i);
            long t0 = System.nanoTime();
            batch.add(engine.decide(r));
            call.record(System.nanoTime() - t0);
            if (batch.size() == 1024) {
                batch.forEach(CompletableFuture::join);
                batch.clear();
            }
        }
        batch.forEach(CompletableFuture::join);
        double rate = n / seconds(start);
        out.printf("decide() call, one thread    : %s  (%,d decisions; decision made and audit entry queued)%n",
                call.summary(), n);
        out.printf("decide() until durable       : %,10.0f decisions/s (one thread, 1,024 in flight)%n", rate);
        out.flush();
        concurrent(engine, 32, 3);
    }

    private void concurrent(DecisionEngine engine, int threads, int seconds) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long cpuStart = HttpThroughput.processCpuNanos();
        long start = System.nanoTime();
        List<Future<Latencies>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            workers.add(pool.submit(() -> {
                Latencies mine = new Latencies();
                for (int i = first; System.nanoTime() < end; i += threads) {
                    long t0 = System.nanoTime();
                    engine.decide(request(i)).join();
                    mine.record(System.nanoTime() - t0);
                }
                return mine;
            }));
        }
        Latencies all = new Latencies();
        try {
            for (Future<Latencies> w : workers) {
                all.addAll(w.get());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        pool.shutdown();
        double elapsed = seconds(start);
        out.printf("decide() until durable, %d threads: %,8.0f decisions/s (%s); CPU %,.0f µs per decision%s%n", threads,
                all.count() / elapsed, all.summary(), (HttpThroughput.processCpuNanos() - cpuStart) / 1e3 / all.count(), Machine.load());
        out.flush();
    }

    /**
     * Posts decisions from {@code clients} threads for {@code length} seconds and prints the figures; a negative
     * length warms up silently.
     *
     * @return decisions/s of wall time
     */
    private double throughput(int port, String token, int clients, int length) throws Exception {
        HttpThroughput t = HttpThroughput.measure(port, token, clients, Math.abs(length));
        if (length < 0) {
            return t.perSecond();
        }
        out.printf("HTTP throughput, %d clients  : %,10.0f decisions/s over %d s (%s; %,d not 200)%s%n", clients,
                t.perSecond(), length, t.latencies().summary(), t.failures(), Machine.load());
        out.printf("  CPU per decision           : %,10.0f µs (server and clients together; %.2f cores busy)%n",
                t.cpuNanos() / 1e3 / t.latencies().count(), t.cpuNanos() / 1e9 / t.seconds());
        out.flush();
        return t.perSecond();
    }

    /**
     * Issue 16: HTTP throughput with every shipped alert rule on against the alert detector off, one
     * after the other in this run (target: at most 10 % fewer decisions/s with the rules on). The on run
     * also reports how many entries the detector examined and dropped, and its backlog at the end.
     */
    private void alertsOnOff(Workspace ws, int port, String token, Plan plan) throws Exception {
        var detector = ws.alerts().detector();
        double off;
        detector.setEnabled(false);
        try {
            out.println("With the alert detector off:");
            off = throughput(port, token, plan.clients(), plan.throughputSeconds());
        } finally {
            detector.setEnabled(true);
        }
        long examined = detector.examined();
        long dropped = detector.dropped();
        out.println("With every alert rule on (the shipped rules, all enabled):");
        double on = throughput(port, token, plan.clients(), plan.throughputSeconds());
        out.printf("  alerts on / off            : %.2f of the decisions/s (target ≥ 0.90; %,d entries examined, "
                + "%,d dropped, backlog %,d at the end)%s%n", on / off, detector.examined() - examined,
                detector.dropped() - dropped, detector.backlog(), Machine.load());
        out.flush();
    }

    /** The same HTTP throughput run with OpenTelemetry on, exporting to a local OTLP/HTTP receiver. */
    private void withTelemetry(Workspace ws, int port, String token, Plan plan, double off) throws Exception {
        try (OtlpSink sink = new OtlpSink()) {
            OtelTelemetry telemetry = OtelSetup.start(ws, sink.url()).orElseThrow();
            double on;
            try {
                out.println("With OpenTelemetry on (OTLP/HTTP to a local receiver):");
                on = throughput(port, token, plan.clients(), plan.throughputSeconds());
            } finally {
                telemetry.close(); // flushes what is still queued
                ws.useTelemetry(null);
            }
            out.printf("  telemetry on / off         : %.2f of the decisions/s (%,d OTLP requests, %,d bytes "
                    + "received)%s%n", on / off, sink.requests(), sink.bytes(), Machine.load());
            out.flush();
        }
    }

    /**
     * Posts {@code rate} decisions a second from {@code clients} kept-alive
     * connections; a request that fails at the connection level counts as a
     * failure and the client reconnects.
     */
    private Legitimate fixedRate(int port, String token, int clients, int rate, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long intervalNanos = 1_000_000_000L * clients / rate;
        long begin = System.nanoTime() + 50_000_000L;
        long total = (long) rate * seconds;
        AtomicLong failures = new AtomicLong();
        List<Future<Latencies>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            workers.add(pool.submit(() -> {
                Latencies mine = new Latencies();
                try (LoopbackClient http = new LoopbackClient("127.0.0.1", port, token)) {
                    long due = begin + intervalNanos * client / clients;
                    for (long i = client; i < total; i += clients) {
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        try {
                            if (http.post("/v1/actions", json((int) i)).status() != 200) {
                                failures.incrementAndGet();
                            }
                        } catch (IOException e) {
                            failures.incrementAndGet();
                        }
                        mine.record(System.nanoTime() - due); // from when it should have been sent
                        due += intervalNanos;
                    }
                }
                return mine;
            }));
        }
        Latencies all = new Latencies();
        for (Future<Latencies> w : workers) {
            all.addAll(w.get());
        }
        pool.shutdown();
        return new Legitimate(all, failures.get());
    }

    /** Legitimate latency while {@code slow} connections each send one header line a second and never finish. */
    private void slowloris(int port, String token, int slow, int seconds) throws Exception {
        AtomicLong reopened = new AtomicLong();
        AtomicBoolean done = new AtomicBoolean();
        Thread loris = new Thread(() -> trickle(port, slow, done, reopened), "bench-slowloris");
        loris.setDaemon(true);
        loris.start();
        Thread.sleep(2_000); // all of them open and trickling
        Legitimate legit = fixedRate(port, token, BESIDE_CLIENTS, BESIDE_RATE, seconds);
        done.set(true);
        loris.join(10_000);
        out.printf("Slowloris, %d slow conns  : %s at %d req/s  (%,d requests; %,d failed; %,d slow connections "
                + "closed by the server and reopened)%s%n", slow, legit.latencies().summary(), BESIDE_RATE,
                legit.latencies().count(), legit.failures(), reopened.get(), Machine.load());
        out.flush();
    }

    /** Keeps {@code count} connections open, each sending a header line a second; reopens those closed. */
    private static void trickle(int port, int count, AtomicBoolean done, AtomicLong reopened) {
        Socket[] sockets = new Socket[count];
        long line = 0;
        while (!done.get()) {
            long start = System.nanoTime();
            for (int i = 0; i < count && !done.get(); i++) {
                try {
                    if (sockets[i] == null) {
                        sockets[i] = new Socket("127.0.0.1", port);
                        sockets[i].getOutputStream().write(("GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1:" + port
                                + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                    sockets[i].getOutputStream().write(("X-Slow-" + line + ": 1\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    closeQuietly(sockets[i]);
                    sockets[i] = null;
                    reopened.incrementAndGet();
                }
            }
            line++;
            LockSupport.parkNanos(Math.max(0, 1_000_000_000L - (System.nanoTime() - start)));
        }
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
    }

    /**
     * {@code n} refused requests, each on a new connection, from 16 threads,
     * while a legitimate agent sends decisions: what share got no HTTP
     * answer, how they were answered, and how many ledger entries they cost.
     */
    /** Returns the ledger's head seq before the hostile requests plus the legitimate decisions made meanwhile. */
    private long hostile(Workspace ws, int port, String token, int n) throws Exception {
        String[] kinds = {"", "", "Origin: http://evil.example\r\n", "Host: evil.example:" + port + "\r\n"};
        String[] tokens = {null, "arb.bogus.bogus", token, token};
        long seqBefore = ws.ledger().headSeq();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        AtomicLong connectionErrors = new AtomicLong();
        ConcurrentHashMap<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        CompletableFuture<Legitimate> legit = CompletableFuture.supplyAsync(() -> {
            try {
                return fixedRate(port, token, BESIDE_CLIENTS, BESIDE_RATE / 2, 3);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    int kind = i % kinds.length;
                    try (LoopbackClient http = new LoopbackClient("127.0.0.1", port, tokens[kind], kinds[kind])) {
                        int status = http.post("/v1/actions", json(i)).status();
                        statuses.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
                    } catch (IOException e) {
                        connectionErrors.incrementAndGet();
                    }
                }
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        double elapsed = seconds(start);
        pool.shutdown();
        Legitimate beside = legit.get();
        out.printf("Hostile, %,d requests      : %.2f %% connection errors (%,d) in %.1f s; answers %s%s%n", n,
                100.0 * connectionErrors.get() / n, connectionErrors.get(), elapsed, new TreeMap<>(statuses),
                Machine.load());
        out.printf("  legitimate meanwhile       : %s at %d req/s (%,d requests; %,d failed)%s%n",
                beside.latencies().summary(), BESIDE_RATE / 2, beside.latencies().count(), beside.failures(),
                Machine.load());
        out.flush();
        return seqBefore + beside.latencies().count();
    }

    private static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // it is being dropped anyway
            }
        }
    }

    private static DecisionRequest request(int i) {
        int kind = Math.floorMod(i * 7919, 100);
        DecisionRequest r = DecisionRequest.of(AGENT, kind < 90 ? "create:support_ticket"
                : kind < 96 ? "issue:refund" : "delete:customer_data");
        r = r.withTokens(1247L, null).withConfidence(0.94).withTarget("crm-api.internal:443");
        if (kind < 90) {
            return r.withReversible(true);
        }
        return kind < 95 ? r.withAmount(80.0) : kind < 96 ? r.withAmount(5000.0) : r;
    }

    static byte[] json(int i) {
        DecisionRequest r = request(i);
        StringBuilder b = new StringBuilder(400);
        b.append("{\"agent_id\":\"").append(AGENT).append("\",\"session_id\":\"sess_bench").append(i % 64)
                .append("\",\"action\":\"").append(r.action())
                .append("\",\"input_summary\":\"Customer reported billing discrepancy\",")
                .append("\"reasoning\":\"Classified as billing issue (confidence: 0.94). Created ticket per ")
                .append("SOP-BILLING-001.\",\"confidence\":0.94,\"tools_used\":[\"crm_lookup\",\"ticket_creator\"],")
                .append("\"tokens_consumed\":1247,\"target\":\"crm-api.internal:443\",\"context\":{");
        if (r.amountUsd() != null) {
            b.append("\"amount_usd\":").append(r.amountUsd()).append(',');
        }
        b.append("\"data_classes\":[\"").append(DataClass.PII.label()).append("\"]");
        if (r.reversible() != null) {
            b.append(",\"reversible\":true");
        }
        return b.append("}}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
