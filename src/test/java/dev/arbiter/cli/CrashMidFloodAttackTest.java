package dev.arbiter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.HeadAnchor;
import dev.arbiter.core.demo.DemoAgents;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateways on one SQLite file, flooded at once: an {@code arbiter serve}
 * process and one in this process (a second JVM would only add its start-up
 * time). The process is killed with SIGKILL mid-flood: wherever the kill lands
 * (between a commit and the head anchor's write included), the survivor goes
 * on answering, every decision an agent was answered is in the ledger, and the
 * chain and its anchor verify after a restart. The anchor a kill between
 * commit and anchor write leaves behind (naming an older entry) is then made
 * on purpose, since a kill cannot be aimed at that instant.
 */
class CrashMidFloodAttackTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TICKET = "{\"agent_id\": \"support-agent-v2\", \"action\": \"create:support_ticket\", "
            + "\"confidence\": 0.94, \"target\": \"crm-api.internal:443\", \"input_summary\": \"ticket %d\", "
            + "\"context\": {\"data_classes\": [\"PII\"], \"reversible\": true}}";

    @TempDir
    Path dir;

    @Test
    void aGatewayKilledMidFloodBesideAnotherLosesNoAnsweredDecisionAndTheChainVerifies() throws Exception {
        String token;
        try (Workspace ws = TestWorkspaces.open(dir)) {
            DemoAgents.ensure(ws);
            token = ws.tokens().issue(DemoAgents.SUPPORT, Duration.ofHours(1), "test").token();
        }
        Process doomed = serve();
        Workspace survivorWs = TestWorkspaces.open(dir);
        dev.arbiter.gateway.GatewayServer survivor = new dev.arbiter.gateway.GatewayServer(survivorWs,
                new dev.arbiter.gateway.GatewayConfig("127.0.0.1", 0));
        survivor.start();
        Set<String> answered = ConcurrentHashMap.newKeySet();
        AtomicInteger survivorAnswers = new AtomicInteger();
        AtomicBoolean flooding = new AtomicBoolean(true);
        List<Thread> clients = new ArrayList<>();
        try {
            URI doomedUrl = URI.create(url(doomed) + "/v1/actions");
            URI survivorUrl = URI.create("http://127.0.0.1:" + survivor.port() + "/v1/actions");
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            AtomicInteger n = new AtomicInteger();
            for (int c = 0; c < 6; c++) {
                URI target = c % 2 == 0 ? doomedUrl : survivorUrl;
                Thread client = new Thread(() -> {
                    while (flooding.get()) {
                        try {
                            HttpResponse<String> r = http.send(HttpRequest.newBuilder(target)
                                    .header("Authorization", "Bearer " + token)
                                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                                    .POST(HttpRequest.BodyPublishers.ofString(TICKET.formatted(n.incrementAndGet())))
                                    .build(), HttpResponse.BodyHandlers.ofString());
                            JsonNode json = JSON.readTree(r.body());
                            if (r.statusCode() == 200) {
                                answered.add(json.path("trace_id").asText());
                                if (target == survivorUrl) {
                                    survivorAnswers.incrementAndGet();
                                }
                            } else {
                                assertThat(r.body()).doesNotContain("\"allow\"");
                            }
                        } catch (java.io.IOException killed) {
                            // the doomed gateway is gone: its clients' requests fail, as they must
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }, "flood-" + c);
                client.start();
                clients.add(client);
            }
            await().atMost(Duration.ofSeconds(120)).until(() -> answered.size() >= 80);
            doomed.destroyForcibly(); // SIGKILL: no shutdown hook, no last anchor write
            assertThat(doomed.waitFor(30, TimeUnit.SECONDS)).isTrue();
            int before = survivorAnswers.get();
            await().atMost(Duration.ofSeconds(60)).until(() -> survivorAnswers.get() >= before + 30);
        } finally {
            flooding.set(false);
            for (Thread client : clients) {
                client.join(TimeUnit.SECONDS.toMillis(70));
            }
            doomed.destroyForcibly();
            survivor.stop();
            survivorWs.close();
        }
        try (Workspace ws = TestWorkspaces.open(dir)) {
            assertThat(ws.verifier().verify()).matches(dev.arbiter.core.audit.VerificationResult::intact, "intact");
            for (String trace : answered) {
                assertThat(ws.auditReader().forTrace(trace)).as("entries of answered " + trace).isNotEmpty();
            }
        }

        // what a kill between a commit and its anchor write leaves: the anchor names an older entry
        Path anchorFile = dir.resolve("ledger.head");
        assertThat(anchorFile).exists();
        HeadAnchor.Head older;
        try (Workspace ws = TestWorkspaces.open(dir)) {
            long head = ((HeadAnchor.Anchored) new HeadAnchor(anchorFile).reading()).head().seq();
            dev.arbiter.core.audit.LedgerEntry lagging = ws.auditReader().after(head - 6, 1).get(0);
            assertThat(lagging.seq()).isEqualTo(head - 5);
            older = new HeadAnchor.Head(lagging.seq(), lagging.hash());
        }
        Files.write(anchorFile, ("%020d %s\n".formatted(older.seq(), older.hash())).getBytes(StandardCharsets.US_ASCII));
        try (Workspace ws = TestWorkspaces.open(dir)) {
            assertThat(ws.verifier().verify()).matches(dev.arbiter.core.audit.VerificationResult::intact, "intact");
            DemoAgents.ensure(ws);
            ws.tokens().issue(DemoAgents.SUPPORT, Duration.ofHours(1), "after the crash"); // a ledger entry
            assertThat(ws.ledger().health().writable()).isTrue();
            assertThat(((HeadAnchor.Anchored) new HeadAnchor(anchorFile).reading()).head().seq())
                    .as("the anchor moves on past the lag").isGreaterThan(older.seq() + 5);
        }
    }

    private Process serve() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), "dev.arbiter.Main",
                "serve", "--port", "0", "--data-dir", dir.toString()).redirectErrorStream(true).start();
    }

    private static String url(Process serve) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        assertThat(first).startsWith("Arbiter gateway listening on http://127.0.0.1:");
        Thread drain = new Thread(() -> {
            try {
                out.transferTo(java.io.Writer.nullWriter());
            } catch (java.io.IOException ended) {
                // the process ended
            }
        }, "serve-output");
        drain.setDaemon(true);
        drain.start();
        return first.substring(first.indexOf("http://"));
    }
}
