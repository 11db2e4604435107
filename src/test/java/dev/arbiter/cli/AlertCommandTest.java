package dev.arbiter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditDetail;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.store.DataDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertCommandTest {

    @TempDir
    Path data;

    /** Ten policy denials in ten seconds: one denial_burst alert; returns its id. */
    private String burst() {
        try (Workspace ws = Workspace.open(new DataDirectory(data))) {
            Instant t0 = Instant.now();
            for (int i = 0; i < 10; i++) {
                ws.ledger().append(AuditEntry.of("decision").timestamp(t0.plusSeconds(i)).agentId("ops-bot")
                        .action("read:tickets").decision("deny").reasonCode("DENIED_BY_POLICY").actor("gateway")
                        .detail(AuditDetail.of("reason", "denied")).build());
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> ws.alerts().service().openCount() == 1);
            return ws.alerts().service().list(true, 1).get(0).id();
        }
    }

    @Test
    void listAndAckAnAlert() {
        assertThat(CliRun.in(data, "alert", "list").out()).startsWith("No open alerts.");
        String id = burst();
        CliRun list = CliRun.in(data, "alert", "list");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains(id, "denial_burst", "ops-bot", "open", "10 denials in 1m (threshold 10)");

        CliRun ack = CliRun.in(data, "alert", "ack", id, "--false-positive", "--note", "load test");
        assertThat(ack.exitCode()).isZero();
        assertThat(ack.out()).isEqualTo("Alert " + id + " triaged as false positive.\n");
        assertThat(CliRun.in(data, "alert", "list").out()).startsWith("No open alerts.");
        assertThat(CliRun.in(data, "alert", "list", "--all").out()).contains(id, "false_positive");

        CliRun again = CliRun.in(data, "alert", "ack", id, "--true-positive", "--note", "no");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("already triaged as false positive by cli:");
        assertThat(CliRun.in(data, "alert", "ack", id, "--note", "x").exitCode()).isEqualTo(2);
    }

    @Test
    void rulesAreCheckedWithLineAndColumnAndEditedPerAgent() throws Exception {
        Path bad = data.resolve("bad.yaml");
        Files.writeString(bad, "alert_rules:\n  cost_per_hour:\n    usd: -5\n");
        CliRun validate = CliRun.of("alert", "rules", "validate", bad.toString());
        assertThat(validate.exitCode()).isEqualTo(1);
        assertThat(validate.err()).contains(bad + ":3:10: usd of cost_per_hour must be above 0, not -5.0");
        assertThat(CliRun.in(data, "alert", "rules", "set", "--workspace", bad.toString()).exitCode()).isEqualTo(1);

        Path good = data.resolve("good.yaml");
        Files.writeString(good, "alert_rules:\n  cost_per_hour:\n    usd: 2500\n    response: pause\n");
        CliRun set = CliRun.in(data, "alert", "rules", "set", "--workspace", good.toString());
        assertThat(set.exitCode()).isZero();
        String shown = CliRun.in(data, "alert", "rules", "show").out();
        assertThat(shown).contains("  cost_per_hour:\n    enabled: true\n    window: 1h\n    usd: 2500\n"
                + "    response: pause\n");
        assertThat(CliRun.in(data, "alert", "rules", "set", "--agent", "nobody", good.toString()).err())
                .contains("no agent nobody");
    }
}
