package dev.arbiter.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.audit.LedgerEntry;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.store.DataDirectory;
import dev.arbiter.gateway.GatewayConfig;
import dev.arbiter.gateway.GatewayServer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decisions through the real gateway, reported to an in-process collector and to a real OTLP/HTTP receiver. */
class OtelTelemetryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT = "00f067aa0ba902b7";
    private static final String TICKET = """
            {"agent_id": "support-agent-v2", "session_id": "sess_abc123", "action": "create:support_ticket",
             "input_summary": "Customer reported billing discrepancy", "confidence": 0.94,
             "target": "crm-api.internal:443", "context": {"data_classes": ["PII"], "reversible": true}}""";
    private static final String BIG_REFUND = """
            {"agent_id": "refunds-agent", "action": "issue:refund", "confidence": 0.95,
             "target": "payments-api.internal:443",
             "context": {"amount_usd": 1450, "data_classes": ["Financial"]}}""";

    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Workspace ws;
    private GatewayServer server;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
        for (AutoCloseable c : toClose) {
            c.close();
        }
        if (ws != null) {
            ws.close();
        }
    }

    private void startGateway() {
        ws = Workspace.open(new DataDirectory(dir.resolve("ws")));
        DemoAgents.ensure(ws);
        server = new GatewayServer(ws, new GatewayConfig("127.0.0.1", 0));
        server.start();
    }

    private JsonNode ask(String agent, String body, String traceparent) throws Exception {
        String token = ws.tokens().issue(agent, Duration.ofHours(1), "test").token();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/actions"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (traceparent != null) {
            b.header("traceparent", traceparent);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private record InProcess(InMemorySpanExporter spans, InMemoryMetricReader metrics) {
    }

    private InProcess inProcessCollector() {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        InMemoryMetricReader metrics = InMemoryMetricReader.create();
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
                .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
                .build();
        OtelTelemetry telemetry = new OtelTelemetry(sdk, ws.events(), () -> ws.queue().pending().size(), sdk);
        ws.useTelemetry(telemetry);
        toClose.add(telemetry);
        return new InProcess(spans, metrics);
    }

    @Test
    void aDecisionIsAnExecuteToolSpanInTheCallersTraceWithTheLedgersFacts() throws Exception {
        startGateway();
        InProcess collector = inProcessCollector();

        JsonNode d = ask(DemoAgents.SUPPORT, TICKET, "00-" + TRACE + "-" + PARENT + "-01");

        await().atMost(Duration.ofSeconds(60)).until(() -> collector.spans().getFinishedSpanItems().size() == 1);
        SpanData span = collector.spans().getFinishedSpanItems().get(0);
        assertThat(span.getName()).isEqualTo("execute_tool create:support_ticket");
        assertThat(span.getTraceId()).isEqualTo(TRACE);
        assertThat(span.getParentSpanId()).isEqualTo(PARENT);
        var a = span.getAttributes();
        assertThat(a.get(OtelTelemetry.OPERATION)).isEqualTo("execute_tool");
        assertThat(a.get(OtelTelemetry.TOOL_NAME)).isEqualTo("create:support_ticket");
        assertThat(a.get(OtelTelemetry.AGENT_ID)).isEqualTo("support-agent-v2");
        assertThat(a.get(OtelTelemetry.CONVERSATION_ID)).isEqualTo("sess_abc123");
        assertThat(a.get(OtelTelemetry.TRACE_ID)).isEqualTo(d.path("trace_id").asText());
        assertThat(a.get(OtelTelemetry.DECISION)).isEqualTo(d.path("decision").asText());
        assertThat(a.get(OtelTelemetry.TIER)).isEqualTo(d.path("tier").asText());
        assertThat(a.get(OtelTelemetry.REASON_CODE)).isEqualTo(d.path("reason_code").asText());
        assertThat(a.get(OtelTelemetry.RISK)).isEqualTo(d.path("risk_score").asDouble());
        assertThat(a.get(OtelTelemetry.POLICY)).isNotBlank();
        assertThat(a.get(OtelTelemetry.POLICY_VERSION)).isPositive();
        LedgerEntry entry = ws.auditReader().forTrace(d.path("trace_id").asText()).get(0);
        assertThat(a.get(OtelTelemetry.SEQ)).isEqualTo(entry.seq());
        assertThat(span.getEndEpochNanos()).isGreaterThanOrEqualTo(span.getStartEpochNanos());
        assertThat(sum(collector.metrics().collectAllMetrics(), "arbiter.decisions")).isEqualTo(1);
    }

    @Test
    void aMalformedTraceparentStartsANewTraceAndTheDecisionStands() throws Exception {
        startGateway();
        InProcess collector = inProcessCollector();
        for (String bad : List.of("00-" + "0".repeat(32) + "-" + PARENT + "-01", "garbage", "ff-" + TRACE + "-"
                + PARENT + "-01", "00-" + TRACE + "-0000000000000000-01",
                "00-" + TRACE + "-" + PARENT + "-01-extra", "00-" + TRACE.toUpperCase() + "-" + PARENT + "-01")) {
            assertThat(ask(DemoAgents.SUPPORT, TICKET, bad).path("decision").asText()).isEqualTo("allow");
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> collector.spans().getFinishedSpanItems().size() == 6);
        assertThat(collector.spans().getFinishedSpanItems()).allSatisfy(s -> {
            assertThat(s.getTraceId()).isNotEqualTo(TRACE);
            assertThat(s.getParentSpanContext().isValid()).isFalse();
        });
    }

    @Test
    void theTimeAPersonTookIsAnApprovalSpanUnderTheDecisionAndAHistogram() throws Exception {
        startGateway();
        InProcess collector = inProcessCollector();

        JsonNode pending = ask(DemoAgents.REFUNDS, BIG_REFUND, null);
        assertThat(pending.path("decision").asText()).isEqualTo("pending");
        assertThat(gauge(collector.metrics().collectAllMetrics(), "arbiter.queue.depth")).isEqualTo(1);
        ws.queue().approve(pending.path("trace_id").asText(), "alice", "fine");

        await().atMost(Duration.ofSeconds(60)).until(() -> collector.spans().getFinishedSpanItems().size() == 2);
        SpanData decision = collector.spans().getFinishedSpanItems().get(0);
        SpanData approval = collector.spans().getFinishedSpanItems().get(1);
        assertThat(approval.getName()).isEqualTo("arbiter.approval issue:refund");
        assertThat(approval.getTraceId()).isEqualTo(decision.getTraceId());
        assertThat(approval.getParentSpanId()).isEqualTo(decision.getSpanId());
        assertThat(approval.getAttributes().get(OtelTelemetry.REVIEW_STATUS)).isEqualTo("approved");
        List<MetricData> metrics = new ArrayList<>(collector.metrics().collectAllMetrics());
        MetricData wait = metrics.stream().filter(m -> m.getName().equals("arbiter.approval.wait")).findFirst()
                .orElseThrow();
        assertThat(wait.getHistogramData().getPoints()).singleElement()
                .satisfies(p -> assertThat(p.getCount()).isEqualTo(1));
        assertThat(gauge(metrics, "arbiter.queue.depth")).isZero();
    }

    @Test
    void aDeadCollectorNeverBlocksOrFailsADecisionAndDroppedSpansAreCounted() throws Exception {
        startGateway();
        CountingSpanExporter counting = new CountingSpanExporter(OtlpHttpSpanExporter.builder()
                .setEndpoint("http://127.0.0.1:9/v1/traces").setTimeout(Duration.ofMillis(300)).build());
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(BatchSpanProcessor.builder(counting).setMaxQueueSize(8).setMaxExportBatchSize(4)
                        .setScheduleDelay(Duration.ofMillis(50)).build()).build()).build();
        OtelTelemetry telemetry = new OtelTelemetry(sdk, ws.events(), () -> 0, sdk);
        ws.useTelemetry(telemetry);
        toClose.add(telemetry);

        for (int i = 0; i < 40; i++) {
            // answered (allowed, or denied once the agent's rate limit is reached), never failed
            assertThat(ask(DemoAgents.SUPPORT, TICKET, null).path("decision").asText()).isIn("allow", "deny");
        }

        assertThat(ws.auditReader().count(new AuditQuery(null, null, null, "decision", null))).isEqualTo(40);
        await().atMost(Duration.ofSeconds(60)).until(() -> counting.dropped() > 0);
        assertThat(counting.exported()).isZero();
    }

    @Test
    void aRealOtlpHttpReceiverGetsProtobufSpansAndMetricsThroughTheStandardSetup() throws Exception {
        Map<String, List<byte[]>> received = new ConcurrentHashMap<>();
        List<String> types = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.computeIfAbsent(exchange.getRequestURI().getPath(), k -> new CopyOnWriteArrayList<>()).add(body);
            types.add(exchange.getRequestHeaders().getFirst("Content-Type"));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        toClose.add(() -> receiver.stop(0));
        startGateway();
        OtelTelemetry telemetry = OtelSetup.start(ws, "http://127.0.0.1:" + receiver.getAddress().getPort())
                .orElseThrow();

        // Listeners hear of an entry in the order they subscribed, on the ledger's events thread, which may run
        // after the answer: once this later listener has heard of the decision, the span has its seq.
        java.util.Set<String> published = ConcurrentHashMap.newKeySet();
        toClose.add(ws.events().subscribe(dev.arbiter.core.audit.AuditAppended.class,
                a -> a.entries().forEach(e -> published.add(String.valueOf(e.entry().traceId())))));
        JsonNode d = ask(DemoAgents.SUPPORT, TICKET, "00-" + TRACE + "-" + PARENT + "-01");
        await().atMost(Duration.ofSeconds(60)).until(() -> published.contains(d.path("trace_id").asText()));
        telemetry.close(); // flushes spans and metrics

        assertThat(received).containsKeys("/v1/traces", "/v1/metrics");
        assertThat(types).allMatch(t -> t.startsWith("application/x-protobuf"));
        String traces = concat(received.get("/v1/traces"));
        assertThat(traces).contains("execute_tool create:support_ticket", "gen_ai.tool.name", "gen_ai.agent.id",
                "support-agent-v2", d.path("trace_id").asText(), "arbiter.ledger.seq");
        assertThat(concat(received.get("/v1/metrics"))).contains("arbiter.decisions", "arbiter.queue.depth");
    }

    private static String concat(List<byte[]> bodies) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        bodies.forEach(b -> all.write(b, 0, b.length));
        return all.toString(StandardCharsets.ISO_8859_1);
    }

    private static long sum(java.util.Collection<MetricData> metrics, String name) {
        return metrics.stream().filter(m -> m.getName().equals(name))
                .flatMap(m -> m.getLongSumData().getPoints().stream()).mapToLong(p -> p.getValue()).sum();
    }

    private static long gauge(java.util.Collection<MetricData> metrics, String name) {
        return metrics.stream().filter(m -> m.getName().equals(name))
                .flatMap(m -> m.getLongGaugeData().getPoints().stream()).mapToLong(p -> p.getValue()).findFirst()
                .orElseThrow();
    }
}
