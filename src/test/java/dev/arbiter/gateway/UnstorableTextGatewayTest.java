package dev.arbiter.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.LedgerHealth;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.testing.StoreKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attack on a team gateway (PostgreSQL): an agent's text holding U+0000 or half a surrogate pair, in any field
 * that reaches the ledger, is answered 400 naming the field, and never costs another agent its decision nor
 * marks the ledger unavailable (it used to abort the whole group commit: a poison entry).
 */
class UnstorableTextGatewayTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void anAgentsNulOrLoneSurrogateIsRefusedAloneOnATeamGateway() throws Exception {
        try (Workspace ws = StoreKind.POSTGRESQL.fresh(dir).open(1)) {
            DemoAgents.ensure(ws);
            String support = ws.tokens().issue(DemoAgents.SUPPORT, Duration.ofHours(1), "test").token();
            GatewayServer server = new GatewayServer(ws, new GatewayConfig("127.0.0.1", 0));
            server.start();
            try {
                HttpClient http = HttpClient.newHttpClient();
                String[] hostile = {
                    GatewayServerTest.TICKET.replace("Customer reported", "Customer\\u0000reported"),
                    GatewayServerTest.TICKET.replace("sess_abc123", "sess_\\ud800"),
                    GatewayServerTest.TICKET.replace("\"crm_lookup\"", "\"crm\\udfff\""),
                    GatewayServerTest.TICKET.replace("Classified as", "Classified\\u0000as")};
                for (String body : hostile) {
                    HttpResponse<String> r = post(http, server, body, support);
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
                    assertThat(JSON.readTree(r.body()).toString()).containsAnyOf("U+0000", "surrogate");
                    assertThat(post(http, server, GatewayServerTest.TICKET, support).statusCode()).isEqualTo(200);
                }
                assertThat(ws.ledger().health()).isInstanceOf(LedgerHealth.Writable.class);
            } finally {
                server.stop();
            }
        }
    }

    private static HttpResponse<String> post(HttpClient http, GatewayServer server, String body, String token)
            throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/actions"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
