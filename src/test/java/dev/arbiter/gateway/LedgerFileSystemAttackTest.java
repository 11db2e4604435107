package dev.arbiter.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.store.DataDirectory;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ledger's file system fills up, or turns read-only, under a running
 * gateway: a real tmpfs of a few MiB, and a real ext4 file system on a loop
 * device that the kernel turns read-only as after a disk error (ext4's
 * {@code trigger_fs_error}, mounted {@code errors=remount-ro}), each mounted
 * for the test (the tests run as root in CI and here). Invariants: no agent is told "allow" unless its
 * decision is in the ledger, {@code /v1/health} says it is degraded, why, and
 * what to do, the gateway recovers once there is room, and {@code audit
 * verify} passes after a restart.
 */
class LedgerFileSystemAttackTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TICKET = """
            {"agent_id": "support-agent-v2", "action": "create:support_ticket", "confidence": 0.94,
             "target": "crm-api.internal:443", "input_summary": "%s",
             "context": {"data_classes": ["PII"], "reversible": true}}""";

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Path mount;
    Path image;
    Workspace ws;
    GatewayServer server;
    String token;

    @BeforeEach
    void makeMountPoint() throws Exception {
        mount = Files.createTempDirectory("arbiter-ledger-fs");
    }

    @AfterEach
    void stopAndUnmount() throws Exception {
        close();
        run("umount", mount.toString());
        Files.deleteIfExists(mount);
        if (image != null) {
            Files.deleteIfExists(image);
        }
    }

    void open() {
        ws = Workspace.open(new DataDirectory(mount.resolve("data")));
        DemoAgents.ensure(ws);
        token = ws.tokens().issue(DemoAgents.SUPPORT, Duration.ofHours(1), "test").token();
        server = new GatewayServer(ws, new GatewayConfig("127.0.0.1", 0), Duration.ofMillis(300));
        server.start();
    }

    void close() {
        if (server != null) {
            server.stop();
            server = null;
        }
        if (ws != null) {
            ws.close();
            ws = null;
        }
    }

    @Test
    void aFullDiskRefusesEveryDecisionSaysWhatToDoAndRecoversWithTheChainIntact() throws Exception {
        run("mount", "-t", "tmpfs", "-o", "size=12m,mode=0700", "tmpfs", mount.toString());
        open();
        List<String> allowed = new ArrayList<>();
        assertThat(decide(0, allowed).status()).isEqualTo(200);
        Path filler = mount.resolve("filler");
        fill(filler);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            statuses.add(decide(i, allowed).status());
        }
        assertThat(statuses).as("answers on a full disk").isSubsetOf(200, 503).contains(503);
        JsonNode health = health();
        assertThat(health.path("status").asText()).isEqualTo("degraded");
        assertThat(health.path("reason").asText()).as("why, and what to do").containsIgnoringCase("full")
                .contains(mount.resolve("data").toString()).containsIgnoringCase("free");

        Files.delete(filler);
        await().atMost(Duration.ofSeconds(60)).until(() -> decide(100, allowed).status() == 200);
        assertThat(health().path("status").asText()).isEqualTo("ok");
        restartAndCheck(allowed);
    }

    @Test
    void aFileSystemTurnedReadOnlyByADiskErrorRefusesEveryDecisionAndSaysWhatToDo() throws Exception {
        image = Files.createTempFile("arbiter-ledger-fs", ".ext4");
        run("truncate", "-s", "32M", image.toString());
        run("mkfs.ext4", "-q", "-F", image.toString());
        run("mount", "-o", "loop,errors=remount-ro", image.toString(), mount.toString());
        open();
        List<String> allowed = new ArrayList<>();
        assertThat(decide(0, allowed).status()).isEqualTo(200);
        String device = Path.of(output("findmnt", "-n", "-o", "SOURCE", mount.toString()).strip()).getFileName()
                .toString();
        Files.writeString(Path.of("/sys/fs/ext4", device, "trigger_fs_error"), "arbiter attack test");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            statuses.add(decide(i, allowed).status());
        }
        assertThat(statuses).as("answers on a read-only file system").isSubsetOf(200, 503).contains(503);
        JsonNode health = health();
        assertThat(health.path("status").asText()).isEqualTo("degraded");
        assertThat(health.path("reason").asText()).as("why, and what to do").containsIgnoringCase("read-only")
                .contains(mount.resolve("data").toString()).contains("fsck");

        // what a person does: stop, check the file system, mount it again, start
        close();
        run("umount", mount.toString());
        Process fsck = new ProcessBuilder("e2fsck", "-fy", image.toString()).redirectErrorStream(true).start();
        fsck.getInputStream().readAllBytes();
        assertThat(fsck.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(fsck.exitValue()).as("e2fsck: 0 clean, 1 repaired").isLessThanOrEqualTo(1);
        run("mount", "-o", "loop,errors=remount-ro", image.toString(), mount.toString());
        open();
        assertThat(decide(100, allowed).status()).isEqualTo(200);
        restartAndCheck(allowed);
    }

    /** Restarts the workspace: the chain verifies and every decision an agent was told of is in the ledger. */
    private void restartAndCheck(List<String> allowed) {
        close();
        ws = Workspace.open(new DataDirectory(mount.resolve("data")));
        assertThat(ws.verifier().verify()).matches(dev.arbiter.core.audit.VerificationResult::intact, "intact");
        for (String trace : allowed) {
            assertThat(ws.auditReader().forTrace(trace)).as("ledger entries of answered " + trace).isNotEmpty();
        }
    }

    record Reply(int status, JsonNode json) {
    }

    private Reply decide(int n, List<String> allowed) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/v1/actions"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TICKET.formatted("ticket " + n + " " + "x".repeat(2000))))
                .timeout(Duration.ofSeconds(70)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = JSON.readTree(r.body());
        if (r.statusCode() == 200) {
            allowed.add(json.path("trace_id").asText());
        } else {
            assertThat(r.body()).doesNotContain("\"allow\"");
        }
        return new Reply(r.statusCode(), json);
    }

    private JsonNode health() throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(uri("/v1/health")).timeout(Duration.ofSeconds(70))
                .build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    /** Writes until the file system refuses: no byte is left. */
    private static void fill(Path filler) {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            // no space left on the device: what we wanted
        }
    }

    private static void run(String... command) throws Exception {
        output(command);
    }

    /** Runs {@code command}, which must succeed, and gives what it printed. */
    private static String output(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }
}
