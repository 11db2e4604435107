package dev.arbiter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.demo.DemoAgents;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code arbiter serve} as its own process: prints where it listens, and SIGTERM shuts it down cleanly. */
class ServeCliTest {

    @TempDir
    Path dir;

    @Test
    void servePrintsItsPortAndSigtermAnswersOpenRequestsBeforeExiting() throws Exception {
        String token;
        try (Workspace ws = TestWorkspaces.open(dir)) {
            DemoAgents.ensure(ws);
            token = ws.tokens().issue(DemoAgents.REFUNDS, Duration.ofHours(1), "test").token();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process serve = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.arbiter.Main",
                "serve", "--port", "0", "--data-dir", dir.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(),
                    StandardCharsets.UTF_8));
            String first = out.readLine();
            assertThat(first).startsWith("Arbiter gateway listening on http://127.0.0.1:");
            String url = first.substring(first.indexOf("http://"));
            assertThat(url).doesNotEndWith(":0");

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> asked = http.send(HttpRequest.newBuilder(URI.create(url + "/v1/actions"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"agent_id\": \"refunds-agent\", \"action\": "
                            + "\"issue:refund\", \"target\": \"payments-api.internal:443\", "
                            + "\"context\": {\"amount_usd\": 4000}}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode decision = new ObjectMapper().readTree(asked.body());
            assertThat(decision.path("decision").asText()).isEqualTo("pending");
            String traceId = decision.path("trace_id").asText();
            CompletableFuture<HttpResponse<String>> poll = http.sendAsync(HttpRequest.newBuilder(
                    URI.create(url + "/v1/actions/" + traceId + "?wait=60")).header("Authorization", "Bearer " + token)
                    .build(), HttpResponse.BodyHandlers.ofString());
            Thread.sleep(500);

            serve.destroy(); // SIGTERM
            HttpResponse<String> answered = poll.get(60, TimeUnit.SECONDS);
            assertThat(answered.statusCode()).isEqualTo(200);
            assertThat(answered.body()).contains("\"pending\"");
            assertThat(serve.waitFor(15, TimeUnit.SECONDS)).isTrue();
        } finally {
            serve.destroyForcibly();
        }
        try (Workspace ws = TestWorkspaces.open(dir)) {
            assertThat(ws.verifier().verify().intact()).isTrue();
            assertThat(ws.queue().pending()).hasSize(1);
        }
    }

    @Test
    void aPortInUseIsReportedPlainly() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            CliRun r = CliRun.in(dir, "serve", "--port", Integer.toString(taken.getLocalPort()));
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.err()).contains("in use").contains("--port");
        }
    }

    @Test
    void aNetworkAddressWithoutTlsIsRefusedUnlessInsecureIsExplicit() {
        CliRun bare = CliRun.in(dir, "serve", "--bind", "0.0.0.0", "--port", "0");
        assertThat(bare.exitCode()).isEqualTo(1);
        assertThat(bare.err()).contains("needs TLS").contains("--tls-cert").contains("--insecure-no-tls")
                .doesNotContain("Exception");
        CliRun half = CliRun.in(dir, "serve", "--bind", "0.0.0.0", "--tls-cert", "cert.pem");
        assertThat(half.exitCode()).isEqualTo(2);
        assertThat(half.err()).contains("--tls-key");
    }
}
