package dev.arbiter.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.testing.PostgresTestServer;
import dev.arbiter.testing.StoreKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * Two gateways (each with its own connections and ledger writer, as on two
 * hosts) on one real PostgreSQL, flooded at once, and the server stopped in the
 * middle of the flood, then started again. Invariants: every answer is a
 * decision in the one shared chain or a 503, both gateways' {@code /v1/health}
 * say the database server cannot be reached and what to do, both serve again
 * unaided, and the chain verifies.
 */
class TeamGatewaysFloodOfflineAttackTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TICKET = "{\"agent_id\": \"support-agent-v2\", \"action\": \"read:ticket\", "
            + "\"confidence\": 0.94, \"input_summary\": \"ticket %d\"}";

    @TempDir
    Path dir;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void twoGatewaysFloodedWhileTheServerStopsLoseNoAnsweredDecisionAndSayWhatToDo() throws Exception {
        PostgresTestServer pg = PostgresTestServer.get();
        StoreKind.Place place = StoreKind.POSTGRESQL.fresh(dir);
        Set<String> answered = ConcurrentHashMap.newKeySet();
        AtomicInteger refused = new AtomicInteger();
        AtomicBoolean flooding = new AtomicBoolean(true);
        List<Thread> clients = new ArrayList<>();
        try (Workspace one = place.open(1); Workspace two = place.open(2)) {
            DemoAgents.ensure(one);
            String token = one.tokens().issue(DemoAgents.SUPPORT, Duration.ofHours(1), "test").token();
            GatewayServer a = new GatewayServer(one, new GatewayConfig("127.0.0.1", 0));
            GatewayServer b = new GatewayServer(two, new GatewayConfig("127.0.0.1", 0));
            a.start();
            b.start();
            try {
                AtomicInteger n = new AtomicInteger();
                for (int c = 0; c < 6; c++) {
                    GatewayServer target = c % 2 == 0 ? a : b;
                    Thread client = new Thread(() -> {
                        while (flooding.get()) {
                            try {
                                HttpResponse<String> r = ask(target, token, n.incrementAndGet());
                                if (r.statusCode() == 200) {
                                    answered.add(JSON.readTree(r.body()).path("trace_id").asText());
                                } else {
                                    assertThat(r.statusCode()).as(r.body()).isIn(429, 503);
                                    assertThat(r.body()).doesNotContain("\"allow\"");
                                    refused.incrementAndGet();
                                }
                            } catch (InterruptedException e) {
                                return;
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        }
                    }, "team-flood-" + c);
                    client.start();
                    clients.add(client);
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> answered.size() >= 40);
                pg.stopServer();
                try {
                    int refusedBefore = refused.get();
                    await().atMost(Duration.ofSeconds(60)).until(() -> refused.get() >= refusedBefore + 10);
                    for (GatewayServer g : List.of(a, b)) {
                        JsonNode health = await().atMost(Duration.ofSeconds(60)).until(() -> health(g),
                                h -> h.path("status").asText().equals("degraded"));
                        assertThat(health.path("reason").asText()).as("why, and what to do")
                                .contains("database server").contains("Start it");
                    }
                } finally {
                    pg.startServer();
                }
                int answeredBefore = answered.size();
                await().atMost(Duration.ofSeconds(60)).until(() -> answered.size() >= answeredBefore + 40);
                for (GatewayServer g : List.of(a, b)) {
                    await().atMost(Duration.ofSeconds(60)).until(() -> health(g).path("status").asText().equals("ok"));
                }
            } finally {
                flooding.set(false);
                for (Thread client : clients) {
                    client.join(TimeUnit.SECONDS.toMillis(70));
                }
                a.stop();
                b.stop();
            }
            assertThat(one.verifier().verify()).matches(dev.arbiter.core.audit.VerificationResult::intact, "intact");
            for (String trace : answered) {
                assertThat(two.auditReader().forTrace(trace)).as("entries of answered " + trace).isNotEmpty();
            }
        }
    }

    private HttpResponse<String> ask(GatewayServer server, String token, int n) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/actions"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(TICKET.formatted(n)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode health(GatewayServer server) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/v1/health")).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }
}
