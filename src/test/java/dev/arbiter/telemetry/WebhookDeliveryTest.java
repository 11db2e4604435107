package dev.arbiter.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditDetail;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.audit.LedgerEntry;
import dev.arbiter.core.policy.RiskTier;
import dev.arbiter.core.queue.EscalationQueued;
import dev.arbiter.core.queue.QueueItem;
import dev.arbiter.core.queue.ReviewStatus;
import dev.arbiter.core.store.DataDirectory;
import dev.arbiter.core.webhook.InvalidWebhookException;
import dev.arbiter.core.webhook.Webhook;
import dev.arbiter.core.webhook.WebhookKind;
import dev.arbiter.core.webhook.WebhookTopic;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks against a real HTTP server on port 0 that refuses the first attempts: retried with backoff
 * until delivered, in the JSON Slack, Teams or a generic receiver takes; an alert raised while no
 * sender runs is delivered after a restart; the URL (a secret) is never in the ledger.
 */
class WebhookDeliveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    HttpServer server;
    final List<String> bodies = new CopyOnWriteArrayList<>();
    final AtomicInteger attempts = new AtomicInteger();
    volatile int failFirst;

    private String startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hooks/T000/SECRETTOKEN", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int n = attempts.incrementAndGet();
            int status = n <= failFirst ? 503 : 200;
            if (status == 200) {
                bodies.add(new String(body, StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/T000/SECRETTOKEN";
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static void denialBurst(Workspace ws, Instant from) {
        LedgerEntry last = null;
        for (int i = 0; i < 12; i++) {
            Instant at = from.plusSeconds(i);
            last = ws.ledger().append(AuditEntry.of("decision").timestamp(at).traceId("t-" + at.toEpochMilli())
                    .agentId("ops-bot").action("read:secrets").riskScore(0.2).decision("deny").tier("autonomous")
                    .reasonCode("DENIED_BY_POLICY").actor("gateway").detail(AuditDetail.of("reason", "burst")).build());
        }
        long seq = last.seq();
        await().atMost(Duration.ofSeconds(60)).until(() -> ws.alerts().detector().lastExaminedSeq() >= seq);
    }

    @Test
    void anAlertReachesSlackAfterTwoRefusedAttempts() throws Exception {
        String url = startServer();
        failFirst = 2;
        try (Workspace ws = Workspace.open(new DataDirectory(dir));
             WebhookSender sender = new WebhookSender(ws, Duration.ofMillis(100))) {
            Webhook hook = ws.webhooks().add(WebhookKind.SLACK, url, Set.of(WebhookTopic.ALERTS), "lead");
            denialBurst(ws, Instant.now());
            await().atMost(Duration.ofSeconds(30)).until(() -> bodies.size() == 1);
            assertThat(attempts.get()).isEqualTo(3);
            JsonNode slack = JSON.readTree(bodies.get(0));
            assertThat(slack.get("text").asText()).contains("burst of denials");
            assertThat(slack.at("/blocks/0/type").asText()).isEqualTo("section");
            assertThat(slack.at("/blocks/0/fields").findValuesAsText("text")).anyMatch(t -> t.contains("ops-bot"));
            await().atMost(Duration.ofSeconds(60)).until(() -> ws.webhooks().pending() == 0);
            assertThat(ws.webhooks().delivered()).isEqualTo(1);

            // the URL is the credential: the ledger has only its redacted form
            List<LedgerEntry> added = ws.auditReader().newest(new AuditQuery(null, null, null, "webhook.added",
                    null), 5);
            assertThat(added).hasSize(1);
            assertThat(added.get(0).entry().detail()).contains(hook.redactedUrl()).doesNotContain("SECRETTOKEN");
            assertThat(hook.redactedUrl()).doesNotContain("SECRET");
        }
    }

    @Test
    void anAlertRaisedWhileNoSenderRunsIsDeliveredAfterARestart() throws Exception {
        String url = startServer();
        try (Workspace ws = Workspace.open(new DataDirectory(dir))) {
            ws.webhooks().add(WebhookKind.TEAMS, url, Set.of(WebhookTopic.ALERTS), "lead");
            denialBurst(ws, Instant.now());
            assertThat(ws.webhooks().pending()).isEqualTo(1);
        }
        assertThat(bodies).isEmpty();
        try (Workspace ws = Workspace.open(new DataDirectory(dir));
             WebhookSender sender = new WebhookSender(ws, Duration.ofMillis(100))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> bodies.size() == 1);
            JsonNode teams = JSON.readTree(bodies.get(0));
            assertThat(teams.get("@type").asText()).isEqualTo("MessageCard");
            assertThat(teams.at("/sections/0/facts").findValuesAsText("name")).contains("Rule", "Agent");
        }
    }

    @Test
    void aPendingApprovalReachesAGenericWebhookOnceAcrossTwoProcesses() throws Exception {
        String url = startServer();
        try (Workspace ws = Workspace.open(new DataDirectory(dir)); Workspace other = Workspace.open(new DataDirectory(dir));
             WebhookSender sender = new WebhookSender(ws, Duration.ofMillis(100));
             WebhookSender otherSender = new WebhookSender(other, Duration.ofMillis(100))) {
            ws.webhooks().add(WebhookKind.GENERIC, url, Set.of(WebhookTopic.APPROVALS), "lead");
            QueueItem item = new QueueItem("trace-1", "refunds-agent", null, "refund:orders", "refund 400 EUR", null,
                    RiskTier.GATED, 0.7, 0.8, "amount above the limit", "refunds", 1, null, ReviewStatus.PENDING,
                    Instant.now(), Instant.now().plusSeconds(900), null, null, null, null, 0);
            ws.events().publish(new EscalationQueued(item));
            other.events().publish(new EscalationQueued(item)); // both processes notice the same item
            await().atMost(Duration.ofSeconds(60)).until(() -> bodies.size() == 1);
            Thread.sleep(1_500); // a second delivery would have come by now
            assertThat(bodies).hasSize(1);
            JsonNode generic = JSON.readTree(bodies.get(0));
            assertThat(generic.get("topic").asText()).isEqualTo("approvals");
            assertThat(generic.at("/facts/Action").asText()).isEqualTo("refund:orders");
        }
    }

    @Test
    void plainHttpOffThisMachineAndBadUrlsAreRefusedNamingTheField() {
        try (Workspace ws = Workspace.open(new DataDirectory(dir))) {
            assertThatThrownBy(() -> ws.webhooks().add(WebhookKind.SLACK, "http://hooks.example.com/T/SECRET",
                    Set.of(WebhookTopic.ALERTS), "lead")).isInstanceOf(InvalidWebhookException.class)
                    .hasMessageContaining("use https://").hasMessageNotContaining("SECRET");
            assertThatThrownBy(() -> ws.webhooks().add(WebhookKind.SLACK, "hooks.slack.com/x",
                    Set.of(WebhookTopic.ALERTS), "lead")).hasMessageContaining("absolute https://");
            assertThatThrownBy(() -> ws.webhooks().add(WebhookKind.SLACK, "https://hooks.slack.com/x", Set.of(),
                    "lead")).hasMessageContaining("--events");
            assertThat(ws.webhooks().list()).isEmpty();
        }
    }
}
