import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ask Arbiter before acting: a copy-paste client on java.net.http (Java 11+), no
 * libraries. Run it as a single file:
 *
 * <pre>
 *   export ARBITER_TOKEN=$(arbiter token issue --agent refunds-agent)
 *   java ArbiterClient.java              # against http://127.0.0.1:8765 (ARBITER_URL to change)
 * </pre>
 *
 * Arbiter answers only once the question and its answer are in the audit ledger;
 * a 503 means it could not write them: do not act, retry later. Use a JSON library
 * in real code; the field() helper below reads Arbiter's compact responses only.
 */
public final class ArbiterClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final String token;

    public ArbiterClient(String url, String token) {
        this.url = url.replaceAll("/$", "");
        this.token = token;
    }

    /** POST /v1/actions; returns the decision JSON. Throws on anything but 200. */
    public String ask(String json) throws IOException, InterruptedException {
        return call(HttpRequest.newBuilder(URI.create(url + "/v1/actions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)), 10);
    }

    /** Long-polls while the decision is pending; returns it once decided (or still pending after giving up). */
    public String waitForDecision(String decision, Duration giveUpAfter) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + giveUpAfter.toNanos();
        while (field(decision, "decision").equals("pending") && System.nanoTime() < deadline) {
            decision = call(HttpRequest.newBuilder(URI.create(url + "/v1/actions/" + field(decision, "trace_id")
                    + "?wait=60")).GET(), 75);
        }
        return decision;
    }

    /** POST /v1/actions/{id}/outcome. */
    public String outcome(String traceId, String json) throws IOException, InterruptedException {
        return call(HttpRequest.newBuilder(URI.create(url + "/v1/actions/" + traceId + "/outcome"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)), 10);
    }

    private String call(HttpRequest.Builder request, int timeoutSeconds) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request.header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(timeoutSeconds)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("Arbiter answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    /** A string field of a compact JSON object ("" when absent or null). */
    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\":\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        return m.find() ? m.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : "";
    }

    public static void main(String[] args) throws Exception {
        String url = System.getenv().getOrDefault("ARBITER_URL", "http://127.0.0.1:8765");
        String token = System.getenv("ARBITER_TOKEN");
        if (token == null) {
            System.err.println("Set ARBITER_TOKEN (arbiter token issue --agent refunds-agent).");
            System.exit(2);
        }
        ArbiterClient arbiter = new ArbiterClient(url, token);
        String decision = arbiter.ask("""
                {"agent_id": "refunds-agent", "session_id": "sess_abc123", "action": "issue:refund",
                 "input_summary": "Refund for a cancelled annual plan, order 10023",
                 "reasoning": "Plan cancelled within the 30-day window (confidence: 0.93).",
                 "confidence": 0.93, "tools_used": ["crm_lookup", "payments_api"], "tokens_consumed": 1540,
                 "target": "payments-api.internal:443",
                 "context": {"amount_usd": 1450, "data_classes": ["Financial"]}}""");
        print(decision);
        if (field(decision, "decision").equals("pending")) {
            decision = arbiter.waitForDecision(decision, Duration.ofMinutes(20));
            print(decision);
        }
        if (!field(decision, "decision").equals("allow")) {
            System.exit(3);
        }
        long started = System.nanoTime();
        String refundId = "RF-1001"; // act here
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        System.out.println(arbiter.outcome(field(decision, "trace_id"),
                "{\"output\": {\"refund_id\": \"" + refundId + "\"}, \"latency_ms\": " + elapsedMs
                        + ", \"tokens_consumed\": 210}"));
    }

    private static void print(String decision) {
        System.out.println(field(decision, "trace_id") + ": " + field(decision, "decision") + " ("
                + field(decision, "reason_code") + ") - " + field(decision, "reason"));
    }
}
