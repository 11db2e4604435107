package dev.arbiter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCliTest {

    @TempDir
    Path dir;
    CliRunner cli;

    @BeforeEach
    void demo() {
        cli = new CliRunner(dir.resolve("ws"));
        assertThat(cli.run("demo").exitCode()).isZero();
    }

    @Test
    void verifyPassesOnAnIntactLedgerAndFailsNamingTheBrokenEntry() throws Exception {
        CliRunner.Result ok = cli.run("audit", "verify");
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.out()).contains("Chain intact");

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("ws/arbiter.db"))) {
            c.createStatement().execute("DROP TRIGGER audit_entry_no_update");
            c.createStatement().execute("UPDATE audit_entry SET body = replace(body, 'demo', 'forged') WHERE seq = 5");
        }
        CliRunner.Result broken = cli.run("audit", "verify");

        assertThat(broken.exitCode()).isEqualTo(1);
        assertThat(broken.err()).contains("Entry #5").contains("altered");
    }

    @Test
    void exportsJsonLinesWithTheContractFields() throws Exception {
        Path out = dir.resolve("export/audit.jsonl");

        CliRunner.Result result = cli.run("audit", "export", "--out", out.toString(), "--agent", "refunds-agent");

        assertThat(result.exitCode()).isZero();
        List<String> lines = Files.readAllLines(out);
        // the demo's decisions of refunds-agent (and, as features add to the demo, its other entries); only its
        assertThat(lines).hasSizeGreaterThanOrEqualTo(8).allSatisfy(l -> assertThat(l)
                .contains("\"agent_id\":\"refunds-agent\""));
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        for (String field : List.of("trace_id", "agent_id", "session_id", "timestamp", "action", "input_summary",
                "reasoning", "output", "tools_used", "tokens_consumed", "latency_ms", "human_override", "risk_score",
                "seq", "event", "decision", "tier", "reason_code", "actor", "prev_hash", "hash")) {
            assertThat(first.has(field)).as(field).isTrue();
        }
        assertThat(first.get("agent_id").asText()).isEqualTo("refunds-agent");
        assertThat(first.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    }

    @Test
    void exportsCsvWithAHeaderAndQuotedCells() throws Exception {
        Path out = dir.resolve("audit.csv");

        assertThat(cli.run("audit", "export", "--out", out.toString()).exitCode()).isZero();

        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).startsWith("seq,timestamp,event,trace_id");
        assertThat(lines).anyMatch(l -> l.contains("\"Refund $1,450 for cancelled annual plan\""));
    }

    @Test
    void exportToAnUnwritablePlaceSaysWhichFileAndWhy() throws Exception {
        Path blocker = dir.resolve("not-a-dir");
        Files.writeString(blocker, "x");

        CliRunner.Result result = cli.run("audit", "export", "--out", blocker.resolve("a.jsonl").toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains(blocker.resolve("a.jsonl").toString());
        assertThat(result.err()).doesNotContain("Exception");
    }

    @Test
    void killAndResumeAreRecordedWithTheirReasons() {
        assertThat(cli.run("kill", "--reason", "Incident 42").exitCode()).isZero();
        assertThat(cli.run("resume", "--reason", "Incident 42 closed").exitCode()).isZero();
        Path out = dir.resolve("k.jsonl");
        cli.run("audit", "export", "--out", out.toString());

        assertThat(out).content().contains("kill_switch.engaged").contains("Incident 42 closed");
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(CliRunner.runRaw("kill").exitCode()).isEqualTo(2);
        assertThat(CliRunner.runRaw("no-such-command").exitCode()).isEqualTo(2);
        assertThat(CliRunner.runRaw("--version").out()).startsWith("arbiter ");
    }
}
