package dev.arbiter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code arbiter webhook add|list|test|remove} on a real workspace and a real local receiver. */
class WebhookCommandTest {

    @TempDir
    Path data;

    @Test
    void addListTestRemoveWithTheUrlOnlyEverRedacted() throws Exception {
        AtomicInteger status = new AtomicInteger(204);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(status.get(), -1);
            ex.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/services/T1/B2/VERYSECRETxyz9";
            CliRun bad = CliRun.in(data, "webhook", "add", "--kind", "discord", "--url", url);
            assertThat(bad.exitCode()).isEqualTo(2);
            assertThat(bad.err()).contains("--kind must be slack, teams or generic");

            CliRun add = CliRun.in(data, "webhook", "add", "--kind", "slack", "--url", url, "--events", "alerts");
            assertThat(add.exitCode()).as(add.err()).isZero();
            assertThat(add.out()).contains("(slack, http://127.0.0.1:").contains("/…xyz9").doesNotContain("VERYSECRET");
            String id = add.out().replaceAll("(?s).*Added (wh-[0-9a-f]{8}).*", "$1");

            CliRun list = CliRun.in(data, "webhook", "list");
            assertThat(list.out()).contains(id, "slack", "alerts", "0 notification(s) waiting")
                    .doesNotContain("VERYSECRET");

            assertThat(CliRun.in(data, "webhook", "test", id).exitCode()).isZero();
            status.set(404);
            CliRun refused = CliRun.in(data, "webhook", "test", id);
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.err()).contains("answered HTTP 404").doesNotContain("VERYSECRET");

            assertThat(CliRun.in(data, "webhook", "remove", id).exitCode()).isZero();
            assertThat(CliRun.in(data, "webhook", "list").out()).startsWith("No webhooks.");
            assertThat(CliRun.in(data, "webhook", "remove", id).err()).contains("No webhook " + id);
        } finally {
            server.stop(0);
        }
    }
}
