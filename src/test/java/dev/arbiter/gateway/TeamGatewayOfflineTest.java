package dev.arbiter.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.event.DatabaseConnectivity;
import dev.arbiter.testing.PostgresTestServer;
import dev.arbiter.testing.StoreKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway on a team database whose server goes away: it answers 503 (never
 * an unaudited allow) while the server is down, says the database is offline,
 * and serves again by itself once the server is back, with every allow it gave
 * in the ledger.
 */
class TeamGatewayOfflineTest {

    static final String TICKET = """
            {"agent_id": "support-agent-v2", "action": "read:ticket", "confidence": 0.94}""";

    @TempDir
    Path dir;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aLostServerMeans503UntilItIsBackThenServingResumesUnaided() throws Exception {
        PostgresTestServer pg = PostgresTestServer.get();
        StoreKind.Place place = StoreKind.POSTGRESQL.fresh(dir);
        try (Workspace ws = place.open(1)) {
            DemoAgents.ensure(ws);
            String token = ws.tokens().issue(DemoAgents.SUPPORT, Duration.ofHours(1), "test").token();
            List<DatabaseConnectivity> notices = new CopyOnWriteArrayList<>();
            ws.events().subscribe(DatabaseConnectivity.class, notices::add);
            GatewayServer server = new GatewayServer(ws, new GatewayConfig("127.0.0.1", 0));
            server.start();
            try {
                assertThat(ask(server, token).statusCode()).isEqualTo(200);

                pg.stopServer();
                try {
                    for (int i = 0; i < 3; i++) {
                        HttpResponse<String> r = ask(server, token);
                        assertThat(r.statusCode()).isEqualTo(503);
                        assertThat(r.body()).doesNotContain("\"allow\"");
                    }
                    await().atMost(Duration.ofSeconds(60)).until(() -> notices.stream().anyMatch(n -> !n.online()));
                } finally {
                    pg.startServer();
                }

                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> ask(server, token).statusCode() == 200);
                await().atMost(Duration.ofSeconds(60)).until(() -> notices.stream().anyMatch(DatabaseConnectivity::online));
                long allowsInLedger = ws.auditReader().count(new AuditQuery(null, null, DemoAgents.SUPPORT,
                        "decision", null));
                assertThat(allowsInLedger).as("every 200 answered is a decision in the ledger").isGreaterThanOrEqualTo(2);
                assertThat(ws.verifier().verify().intact()).isTrue();
            } finally {
                server.stop();
            }
        }
    }

    private HttpResponse<String> ask(GatewayServer server, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/actions"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(TICKET)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
