package dev.arbiter.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.store.DataDirectory;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS on the real server with a real self-signed certificate made in the test
 * by the JDK's {@code keytool} and written out as the PEM files an operator
 * would pass to {@code --tls-cert} and {@code --tls-key}.
 */
class GatewayTlsTest {

    @TempDir
    Path dir;
    Workspace ws;
    Path cert;
    Path key;
    KeyStore generated;

    @BeforeEach
    void open() throws Exception {
        ws = Workspace.open(new DataDirectory(dir.resolve("ws")));
        DemoAgents.ensure(ws);
        Path store = dir.resolve("gateway.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "gateway", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-keystore", store.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit").redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
        generated = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            generated.load(in, "changeit".toCharArray());
        }
        cert = dir.resolve("cert.pem");
        key = dir.resolve("key.pem");
        Files.writeString(cert, pem("CERTIFICATE", generated.getCertificate("gateway").getEncoded()));
        PrivateKey privateKey = (PrivateKey) generated.getKey("gateway", "changeit".toCharArray());
        Files.writeString(key, pem("PRIVATE KEY", privateKey.getEncoded()));
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private HttpClient trusting(Certificate certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("gateway", certificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Test
    void withPemFilesTheGatewaySpeaksHttpsAndAnAgentIsAnswered() throws Exception {
        GatewayServer server = new GatewayServer(ws, new GatewayConfig("127.0.0.1", 0)
                .withTls(new GatewayConfig.TlsFiles(cert, key, null)));
        server.start();
        try {
            assertThat(server.url()).startsWith("https://127.0.0.1:");
            String token = ws.tokens().issue(DemoAgents.SUPPORT, Duration.ofHours(1), "test").token();
            HttpClient https = trusting(generated.getCertificate("gateway"));
            HttpResponse<String> health = https.send(HttpRequest.newBuilder(URI.create("https://localhost:"
                    + server.port() + "/v1/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            HttpResponse<String> decision = https.send(HttpRequest.newBuilder(URI.create("https://localhost:"
                    + server.port() + "/v1/actions")).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"agent_id\": \"support-agent-v2\", \"action\": \"create:support_ticket\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(decision.statusCode()).isEqualTo(200);
            assertThat(decision.body()).contains("\"decision\"");

            HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/v1/health")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()))
                    .as("plain HTTP gets no answer from a TLS port").isInstanceOf(java.io.IOException.class);
        } finally {
            server.stop();
        }
    }

    @Test
    void aNonLoopbackBindStartsWithTlsAndRefusesWithout() {
        GatewayServer bare = new GatewayServer(ws, new GatewayConfig("0.0.0.0", 0));
        assertThatThrownBy(bare::start).hasMessageContaining("needs TLS");
        GatewayServer tls = new GatewayServer(ws, new GatewayConfig("0.0.0.0", 0)
                .withTls(new GatewayConfig.TlsFiles(cert, key, null)));
        tls.start();
        try {
            assertThat(tls.url()).startsWith("https://");
        } finally {
            tls.stop();
        }
    }

    @Test
    void unreadableTlsFilesAreNamedWithWhatToDo() throws Exception {
        Path rsaStyle = dir.resolve("old.pem");
        Files.writeString(rsaStyle, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        GatewayServer server = new GatewayServer(ws, new GatewayConfig("127.0.0.1", 0)
                .withTls(new GatewayConfig.TlsFiles(cert, rsaStyle, null)));
        assertThatThrownBy(server::start).hasMessageContaining(rsaStyle.toString()).hasMessageContaining("openssl pkcs8");
        GatewayServer missing = new GatewayServer(ws, new GatewayConfig("127.0.0.1", 0)
                .withTls(new GatewayConfig.TlsFiles(dir.resolve("nope.pem"), key, null)));
        assertThatThrownBy(missing::start).hasMessageContaining("nope.pem");
        assertThat(server.isRunning()).isFalse();
    }
}
