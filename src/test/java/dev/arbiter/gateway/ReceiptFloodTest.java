package dev.arbiter.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.store.DataDirectory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attack: one agent floods {@code GET /v1/actions/{id}/receipt} on a large ledger. Each receipt reads every hash
 * its checkpoint covers; built one at a time behind a lock on the gateway's request threads, the waiting requests
 * held every one of those threads, and every other agent's decision waited behind the flood. Now a request that
 * finds a receipt being built is answered {@code 503} with {@code Retry-After} at once, and another agent's
 * decision made during the flood is answered.
 */
class ReceiptFloodTest {

    static final int FLOOD = 64;

    @TempDir
    Path dir;

    @Test
    void aReceiptFloodHoldsOneRequestThreadAndAnswersTheRestRetryLater() throws Exception {
        try (Workspace ws = Workspace.open(new DataDirectory(dir.resolve("data")))) {
            DemoAgents.ensure(ws);
            List<AuditEntry> filler = IntStream.range(0, 30_000).mapToObj(i -> AuditEntry.of("test.filler")
                    .actor("arbiter").reasoning("filler " + i).build()).toList();
            ws.database().write(tx -> ws.ledger().appendAllWithin(tx, filler));
            String support = ws.tokens().issue(DemoAgents.SUPPORT, Duration.ofHours(1), "test").token();
            String refunds = ws.tokens().issue(DemoAgents.REFUNDS, Duration.ofHours(1), "test").token();
            GatewayServer server = new GatewayServer(ws, new GatewayConfig("127.0.0.1", 0));
            server.start();
            try {
                HttpClient http = HttpClient.newHttpClient();
                HttpResponse<String> decided = http.send(post(server, GatewayServerTest.TICKET, support),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(decided.statusCode()).isEqualTo(200);
                String trace = GatewayServerTest.JSON.readTree(decided.body()).path("trace_id").asText();
                HttpRequest receipt = HttpRequest.newBuilder(uri(server, "/v1/actions/" + trace + "/receipt"))
                        .timeout(Duration.ofSeconds(120)).header("Authorization", "Bearer " + support).build();
                List<CompletableFuture<HttpResponse<String>>> flood = new ArrayList<>();
                for (int i = 0; i < FLOOD; i++) {
                    flood.add(http.sendAsync(receipt, HttpResponse.BodyHandlers.ofString()));
                }
                String refund = GatewayServerTest.TICKET.replace("support-agent-v2", DemoAgents.REFUNDS);
                assertThat(http.send(post(server, refund, refunds), HttpResponse.BodyHandlers.ofString())
                        .statusCode()).isEqualTo(200);
                int issued = 0;
                int busy = 0;
                for (CompletableFuture<HttpResponse<String>> f : flood) {
                    HttpResponse<String> r = f.join();
                    if (r.statusCode() == 200) {
                        issued++;
                    } else {
                        assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
                        assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
                        busy++;
                    }
                }
                assertThat(issued).isPositive();
                assertThat(busy).isPositive();
            } finally {
                server.stop();
            }
        }
    }

    private static HttpRequest post(GatewayServer server, String body, String token) {
        return HttpRequest.newBuilder(uri(server, "/v1/actions")).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static URI uri(GatewayServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
