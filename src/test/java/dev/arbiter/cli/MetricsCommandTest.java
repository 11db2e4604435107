package dev.arbiter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.alert.AlertStatus;
import dev.arbiter.core.alert.RuleKind;
import dev.arbiter.core.audit.AuditDetail;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.store.DataDirectory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real decisions, reviews and a triaged alert, read back as this month's metrics. */
class MetricsCommandTest {

    @TempDir
    Path data;

    @Test
    void countsOutcomesReviewersRubberStampsAndAlerts() throws Exception {
        try (Workspace ws = Workspace.open(new DataDirectory(data))) {
            DemoAgents.ensure(ws);
            for (int i = 0; i < 12; i++) { // the demo policy allows 15 escalations an hour
                String trace = ws.decisions().decide(DecisionRequest.of(DemoAgents.REFUNDS, "issue:refund")
                        .withTarget(DemoAgents.TARGETS.get(DemoAgents.REFUNDS)).withAmount(2500.0)
                        .withConfidence(0.9)).join().traceId();
                ws.queue().approve(trace, "dana", "ok");
            }
            Instant t0 = Instant.now();
            for (int i = 0; i < 10; i++) {
                ws.ledger().append(AuditEntry.of("decision").timestamp(t0.plusSeconds(i)).agentId("ops-bot")
                        .action("read:tickets").decision("deny").tier("autonomous").reasonCode("DENIED_BY_POLICY")
                        .actor("gateway").detail(AuditDetail.of("reason", "denied")).build());
            }
            // the gated refunds' risk also raises a high_risk_run alert; the burst's is triaged, that one stays open
            await().atMost(Duration.ofSeconds(10)).until(() -> ws.alerts().service().list(true, 10).stream()
                    .anyMatch(a -> a.rule() == RuleKind.DENIAL_BURST));
            String burst = ws.alerts().service().list(true, 10).stream().filter(a -> a.rule() == RuleKind.DENIAL_BURST)
                    .findFirst().orElseThrow().id();
            ws.alerts().service().triage(burst, AlertStatus.FALSE_POSITIVE, "test traffic", "dana");
        }
        CliRun run = CliRun.in(data, "metrics", "--json");
        assertThat(run.exitCode()).isZero();
        JsonNode m = new ObjectMapper().readTree(run.out());
        assertThat(m.path("month").asText()).isEqualTo(YearMonth.now(ZoneOffset.UTC).toString());
        JsonNode refunds = null;
        for (JsonNode a : m.path("agents")) {
            if (a.path("agent_id").asText().equals(DemoAgents.REFUNDS)) {
                refunds = a;
            }
        }
        assertThat(refunds).isNotNull();
        assertThat(refunds.path("gated").asLong()).isEqualTo(12);
        assertThat(m.path("total").path("denied").asLong()).isGreaterThanOrEqualTo(10);
        JsonNode dana = m.path("reviewers").get(0);
        assertThat(dana.path("reviewer").asText()).isEqualTo("dana");
        assertThat(dana.path("reviews").asLong()).isEqualTo(12);
        assertThat(dana.path("approval_rate").asDouble()).isEqualTo(1.0);
        assertThat(dana.path("longest_approval_streak").asLong()).isEqualTo(12);
        assertThat(dana.path("rubber_stamp_warnings").toString()).contains("100% of reviews decided within 5 s")
                .doesNotContain("in a row");
        JsonNode alerts = m.path("alerts");
        assertThat(alerts.path("raised").asLong()).isEqualTo(alerts.path("false_positives").asLong()
                + alerts.path("open").asLong());
        assertThat(alerts.path("false_positives").asLong()).isEqualTo(1);
        assertThat(alerts.path("false_positive_rate").asDouble()).isEqualTo(1.0);
        assertThat(alerts.path("mean_time_to_detect_ms").asLong()).isNotNegative();
        assertThat(alerts.path("mean_time_to_acknowledge_ms").isNumber()).isTrue();

        CliRun text = CliRun.in(data, "metrics");
        assertThat(text.out()).contains("dana", "rubber stamp?", "False-positive rate    100.0%");
        CliRun bad = CliRun.in(data, "metrics", "--month", "2026-13");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--month must be a month such as 2026-11");
        assertThat(CliRun.in(data, "metrics", "--month", "2020-01").out()).contains("No decisions this month.");
    }
}
