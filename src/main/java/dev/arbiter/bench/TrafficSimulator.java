package dev.arbiter.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.core.queue.EscalationQueue;
import dev.arbiter.core.queue.ApprovalExpiredException;
import dev.arbiter.core.queue.QueueItem;
import dev.arbiter.core.demo.DemoAgents;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Realistic traffic against a running gateway, for demos and soak tests: the
 * demo agents ask for their everyday actions (mostly autonomous, some refunds
 * for review, some deletions for approval, some that policy denies), report
 * outcomes of what was allowed, wait for approvals, and now and then send a
 * bad request (malformed JSON, confidence 1.5, a missing field, no token).
 * A simulated reviewer works the queue so that gated actions get decided.
 */
public final class TrafficSimulator {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One kind of request an agent makes, with how often it makes it. */
    private record Move(int weight, String action, String context, String summary) {
    }

    private static final Map<String, List<Move>> MOVES = Map.of(
            "support-agent-v2", List.of(
                    new Move(30, "read:customer_profile", "{\"data_classes\":[\"PII\"],\"reversible\":true}",
                            "Look up the customer who wrote in"),
                    new Move(25, "read:order_history", "{\"data_classes\":[\"PII\"]}", "Order lookup for a ticket"),
                    new Move(25, "create:support_ticket", "{\"data_classes\":[\"PII\"],\"reversible\":true}",
                            "Customer reported billing discrepancy"),
                    new Move(12, "send:email_template", "{\"reversible\":false}", "Send template BILLING-ACK"),
                    new Move(4, "write:payment_info", "{\"data_classes\":[\"Financial\"]}",
                            "Update card on file from chat transcript"),
                    new Move(2, "access:admin_panel", null, "Check account flags")),
            "refunds-agent", List.of(
                    new Move(30, "read:order_history", "{\"data_classes\":[\"PII\"]}", "Order lookup before refund"),
                    new Move(15, "read:payment_status", "{\"data_classes\":[\"Financial\"]}", "Check capture status"),
                    new Move(30, "issue:refund", "{\"amount_usd\":%d,\"data_classes\":[\"Financial\"]}",
                            "Refund for a damaged item"),
                    new Move(8, "issue:refund", "{\"amount_usd\":%d,\"data_classes\":[\"Financial\"]}",
                            "Refund for a cancelled annual plan"),
                    new Move(4, "issue:chargeback", null, "Dispute with the card issuer"),
                    new Move(13, "send:email_template", "{\"reversible\":false}", "Send refund confirmation")),
            "data-cleanup-agent", List.of(
                    new Move(35, "list:stale_sessions", null, "Find sessions older than 90 days"),
                    new Move(30, "list:temp_files", null, "Find temp files older than 7 days"),
                    new Move(15, "delete:temp_files", "{\"data_classes\":[\"Public\"]}", "Purge stale temp files"),
                    new Move(10, "archive:exports", "{\"data_classes\":[\"PII\"]}", "Archive last quarter's exports"),
                    new Move(4, "delete:customer_data", "{\"data_classes\":[\"PII\"]}", "Remove a closed account"),
                    new Move(6, "delete:stale_sessions", "{\"data_classes\":[\"PII\"]}", "Purge expired sessions")));

    private final String baseUrl;
    private final Map<String, String> tokens;
    private final EscalationQueue queue;
    private final PrintWriter out;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, LongAdder> reasons = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    private final AtomicLong reviewed = new AtomicLong();
    private final Latencies latencies = new Latencies();
    private volatile boolean stopped;

    /**
     * @param tokens a token per agent id to simulate
     * @param queue  the workspace's queue, for the simulated reviewer; null for none
     */
    public TrafficSimulator(String baseUrl, Map<String, String> tokens, EscalationQueue queue, PrintWriter out) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.tokens = Map.copyOf(tokens);
        this.queue = queue;
        this.out = out;
    }

    /** Runs {@code agents} simulated agents sending {@code rate} requests/s in all, for {@code duration}. */
    public void run(int agents, double rate, Duration duration) throws InterruptedException {
        List<String> ids = List.copyOf(new TreeMap<>(tokens).keySet());
        ExecutorService workers = Executors.newFixedThreadPool(agents);
        ScheduledExecutorService side = Executors.newScheduledThreadPool(1);
        long end = System.nanoTime() + duration.toNanos();
        long intervalNanos = (long) (1e9 * agents / rate);
        if (queue != null) {
            side.scheduleWithFixedDelay(this::review, 2, 2, TimeUnit.SECONDS);
        }
        side.scheduleWithFixedDelay(this::progress, 5, 5, TimeUnit.SECONDS);
        for (int a = 0; a < agents; a++) {
            String agentId = ids.get(a % ids.size());
            long seed = 7919L * (a + 1);
            workers.submit(() -> agent(agentId, new Random(seed), intervalNanos, end));
        }
        workers.shutdown();
        workers.awaitTermination(duration.toSeconds() + 120, TimeUnit.SECONDS);
        side.shutdownNow();
        summary();
    }

    /** Ends the run early: each simulated agent stops after its current request. */
    public void stop() {
        stopped = true;
    }

    private void agent(String agentId, Random random, long intervalNanos, long end) {
        long due = System.nanoTime() + (long) (random.nextDouble() * intervalNanos);
        int session = random.nextInt(100_000);
        while (due < end && !stopped) {
            long wait = due - System.nanoTime();
            while (wait > 0 && !stopped) {
                try {
                    TimeUnit.NANOSECONDS.sleep(Math.min(wait, 200_000_000L));
                } catch (InterruptedException e) {
                    return;
                }
                wait = due - System.nanoTime();
            }
            if (stopped) {
                return;
            }
            try {
                if (random.nextInt(100) < 3) {
                    badRequest(agentId, random);
                } else {
                    ask(agentId, random, "sess_" + session);
                }
            } catch (Exception e) {
                count("connection failed: " + e.getClass().getSimpleName());
            }
            if (random.nextInt(20) == 0) {
                session = random.nextInt(100_000);
            }
            // jittered spacing: agents do not tick like clocks
            due += (long) (intervalNanos * (0.5 + random.nextDouble()));
        }
    }

    private void ask(String agentId, Random random, String session) throws Exception {
        Move move = pick(MOVES.get(agentId), random);
        double confidence = random.nextInt(10) == 0 ? 0.55 + random.nextDouble() * 0.2 : 0.85 + random.nextDouble() * 0.14;
        String context = move.context() == null ? null : move.context().contains("%d")
                ? move.context().formatted(move.summary().contains("annual") ? 1200 + random.nextInt(3800)
                        : 20 + random.nextInt(280))
                : move.context();
        String body = "{\"agent_id\":\"" + agentId + "\",\"session_id\":\"" + session + "\",\"action\":\""
                + move.action() + "\",\"input_summary\":\"" + move.summary() + "\",\"reasoning\":\"Simulated: "
                + move.summary().toLowerCase() + String.format(" (confidence: %.2f).\"", confidence)
                + String.format(",\"confidence\":%.2f", confidence)
                + ",\"tools_used\":[\"crm_lookup\"],\"tokens_consumed\":" + (300 + random.nextInt(2500))
                + (DemoAgents.TARGETS.containsKey(agentId) ? ",\"target\":\"" + DemoAgents.TARGETS.get(agentId) + "\"" : "")
                + (context == null ? "" : ",\"context\":" + context) + "}";
        HttpResponse<String> r = send(agentId, "POST", "/v1/actions", body);
        if (r.statusCode() != 200) {
            return;
        }
        JsonNode d = JSON.readTree(r.body());
        String traceId = d.path("trace_id").asText();
        String decision = d.path("decision").asText();
        if (decision.equals("pending")) {
            HttpResponse<String> later = send(agentId, "GET", "/v1/actions/" + traceId + "?wait=10", null);
            if (later.statusCode() == 200) {
                decision = JSON.readTree(later.body()).path("decision").asText();
            }
        }
        if (decision.equals("allow")) {
            send(agentId, "POST", "/v1/actions/" + traceId + "/outcome", "{\"output\":{\"status\":\"done\"},"
                    + "\"latency_ms\":" + (200 + random.nextInt(3000)) + ",\"tokens_consumed\":" + random.nextInt(400)
                    + "}");
        }
    }

    private void badRequest(String agentId, Random random) throws Exception {
        switch (random.nextInt(4)) {
            case 0 -> send(agentId, "POST", "/v1/actions", "{\"agent_id\": \"" + agentId + "\", \"action\": ");
            case 1 -> send(agentId, "POST", "/v1/actions", "{\"agent_id\":\"" + agentId
                    + "\",\"action\":\"read:order_history\",\"confidence\":1.5}");
            case 2 -> send(agentId, "POST", "/v1/actions", "{\"agent_id\":\"" + agentId + "\"}");
            default -> send(null, "POST", "/v1/actions", "{\"agent_id\":\"" + agentId
                    + "\",\"action\":\"read:order_history\"}");
        }
    }

    private HttpResponse<String> send(String agentId, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (agentId != null) {
            b.header("Authorization", "Bearer " + tokens.get(agentId));
        }
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        long t0 = System.nanoTime();
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        boolean ask = path.equals("/v1/actions");
        if (ask) {
            synchronized (latencies) {
                latencies.record(System.nanoTime() - t0);
            }
        }
        statuses.computeIfAbsent(r.statusCode(), k -> new LongAdder()).increment();
        if (ask || path.contains("wait=")) {
            JsonNode j = JSON.readTree(r.body());
            count(r.statusCode() == 200 ? j.path("reason_code").asText() : r.statusCode() + " "
                    + j.path("error").path("code").asText());
        }
        return r;
    }

    /**
     * The simulated reviewer: decides gated items of the simulated agents a few
     * seconds old, and reviews their supervised ones. Items of any other agent
     * are a real person's to decide and are never touched.
     */
    private void review() {
        Instant now = Clock.systemUTC().instant();
        Random random = new Random(now.toEpochMilli());
        for (QueueItem item : queue.pending()) {
            if (!tokens.containsKey(item.agentId())
                    || Duration.between(item.createdAt(), now).toSeconds() < 3) {
                continue;
            }
            try {
                if (random.nextInt(4) == 0) {
                    queue.deny(item.traceId(), "sim-reviewer", "simulated: not convinced");
                } else {
                    queue.approve(item.traceId(), "sim-reviewer", "simulated: looks right");
                }
                reviewed.incrementAndGet();
            } catch (IllegalArgumentException | ApprovalExpiredException e) {
                // decided meanwhile (timeout, kill switch, a real reviewer)
            }
        }
    }

    private void count(String key) {
        reasons.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    private void progress() {
        long n = statuses.values().stream().mapToLong(LongAdder::sum).sum();
        out.printf("  %,d requests so far, %,d reviews%n", n, reviewed.get());
        out.flush();
    }

    private void summary() {
        out.println("Answers by HTTP status:");
        new TreeMap<>(statuses).forEach((s, n) -> out.printf("  %d  %,8d%n", s, n.sum()));
        out.println("Decisions by reason (and refused requests by error):");
        new TreeMap<>(reasons).forEach((r, n) -> out.printf("  %-34s %,8d%n", r, n.sum()));
        synchronized (latencies) {
            out.println("POST /v1/actions latency: " + latencies.summary());
        }
        out.printf("Simulated reviewer decided %,d queued actions.%n", reviewed.get());
        out.flush();
    }

    private static Move pick(List<Move> moves, Random random) {
        int total = moves.stream().mapToInt(Move::weight).sum();
        int r = random.nextInt(total);
        for (Move m : moves) {
            r -= m.weight();
            if (r < 0) {
                return m;
            }
        }
        return moves.get(0);
    }
}
