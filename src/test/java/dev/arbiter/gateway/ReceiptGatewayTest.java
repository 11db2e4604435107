package dev.arbiter.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.decision.TestClock;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.evidence.OfflineVerifier;
import dev.arbiter.core.evidence.Receipts;
import dev.arbiter.core.store.DataDirectory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /v1/actions/{id}/receipt} on the real server: the asking agent gets a receipt the independent Python
 * verifier accepts; another agent gets 403, an unknown trace 404, and a second fresh decision inside the
 * on-demand second 202 with Retry-After.
 */
class ReceiptGatewayTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void anAgentGetsAReceiptOfItsOwnDecisionThatVerifiesOffline() throws Exception {
        TestClock clock = new TestClock(Instant.now());
        try (Workspace ws = Workspace.open(new DataDirectory(dir.resolve("data")), clock)) {
            DemoAgents.ensure(ws);
            String support = ws.tokens().issue(DemoAgents.SUPPORT, Duration.ofHours(1), "test").token();
            String refunds = ws.tokens().issue(DemoAgents.REFUNDS, Duration.ofHours(1), "test").token();
            GatewayServer server = new GatewayServer(ws, new GatewayConfig("127.0.0.1", 0));
            server.start();
            try {
                HttpClient http = HttpClient.newHttpClient();
                String trace = decide(http, server, support);
                HttpResponse<String> receipt = get(http, server, "/v1/actions/" + trace + "/receipt", support);
                assertThat(receipt.statusCode()).isEqualTo(200);
                byte[] body = receipt.body().getBytes(StandardCharsets.UTF_8);
                var key = ws.checkpoints().key().publicKey();
                assertThat(OfflineVerifier.verifyReceipt(body, key).problem()).isEmpty();

                assertThat(get(http, server, "/v1/actions/" + trace + "/receipt", refunds).statusCode())
                        .isEqualTo(403);
                assertThat(get(http, server, "/v1/actions/ag-2020-01-01-999999/receipt", support).statusCode())
                        .isEqualTo(404);
                assertThat(get(http, server, "/v1/actions/" + trace + "/receipt", null).statusCode()).isEqualTo(401);

                String fresh = decide(http, server, support);
                HttpResponse<String> pending = get(http, server, "/v1/actions/" + fresh + "/receipt", support);
                assertThat(pending.statusCode()).isEqualTo(202);
                assertThat(pending.headers().firstValue("Retry-After")).hasValue("1");
                assertThat(JSON.readTree(pending.body()).path("status").asText()).isEqualTo("checkpoint_pending");
                clock.advance(Receipts.ON_DEMAND_EVERY);
                assertThat(get(http, server, "/v1/actions/" + fresh + "/receipt", support).statusCode()).isEqualTo(200);

                assumeTrue(python("-c", "import cryptography") == 0,
                        "python3 with the cryptography package is missing: apt-get install python3-cryptography");
                Path file = dir.resolve("receipt.json");
                Files.write(file, body);
                Path script = Path.of("docs/verifier/verify.py").toAbsolutePath();
                assertThat(python(script.toString(), "--public-key", key.verifierKey(), file.toString())).isZero();
                JsonNode tree = JSON.readTree(body);
                ((com.fasterxml.jackson.databind.node.ObjectNode) tree.path("entries").get(0)).put("body",
                        tree.path("entries").get(0).path("body").asText().replace("support", "supp0rt"));
                Files.write(file, JSON.writeValueAsBytes(tree));
                assertThat(python(script.toString(), "--public-key", key.verifierKey(), file.toString())).isEqualTo(1);
            } finally {
                server.stop();
            }
        }
    }

    private static String decide(HttpClient http, GatewayServer server, String token) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(server, "/v1/actions"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(GatewayServerTest.TICKET)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body()).path("trace_id").asText();
    }

    private static HttpResponse<String> get(HttpClient http, GatewayServer server, String path, String token)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(server, path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(GatewayServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static int python(String... args) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("python3"));
        command.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }
}
