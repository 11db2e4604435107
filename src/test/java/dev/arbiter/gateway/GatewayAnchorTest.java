package dev.arbiter.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AnchorReset;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.store.DataDirectory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The head anchor removed under a running gateway (real server, port 0): decisions are refused with 503
 * (fail closed, nothing recreated) until a person records a reset; then they are answered again.
 */
class GatewayAnchorTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Workspace ws;
    GatewayServer server;
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String token;

    @BeforeEach
    void start() {
        ws = Workspace.open(new DataDirectory(dir));
        DemoAgents.ensure(ws);
        token = ws.tokens().issue(DemoAgents.SUPPORT, Duration.ofHours(1), "test").token();
        server = new GatewayServer(ws, new GatewayConfig("127.0.0.1", 0));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
        ws.close();
    }

    private HttpResponse<String> ask() throws Exception {
        String body = "{\"agent_id\": \"" + DemoAgents.SUPPORT + "\", \"action\": \"create:support_ticket\", "
                + "\"confidence\": 0.94, \"target\": \"crm-api.internal:443\"}";
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/actions"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRemovedAnchorMakesDecisionsUnavailableUntilAnAuditedReset() throws Exception {
        assertThat(ask().statusCode()).isEqualTo(200);
        long entries = ws.auditReader().count(AuditQuery.all());
        Files.delete(dir.resolve("ledger.head"));

        HttpResponse<String> refused = ask();
        HttpResponse<String> again = ask();

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(again.statusCode()).isEqualTo(503);
        JsonNode error = JSON.readTree(refused.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("UNAVAILABLE");
        assertThat(dir.resolve("ledger.head")).doesNotExist();
        assertThat(ws.auditReader().count(AuditQuery.all())).isEqualTo(entries);
        assertThat(ws.verifier().verify().intact()).isFalse();

        assertThat(ws.anchorReset().problem()).hasValueSatisfying(p -> assertThat(p).contains("missing"));
        ws.anchorReset().reset("anchor removed by the test", "test");

        assertThat(ask().statusCode()).isEqualTo(200);
        var verified = ws.verifier().verify();
        assertThat(verified.intact()).as(verified.describe()).isTrue();
        assertThat(verified.describe()).contains("head anchor was reset");
        assertThat(ws.auditReader().count(new AuditQuery(null, null, null, AnchorReset.EVENT, null))).isEqualTo(1);
    }
}
