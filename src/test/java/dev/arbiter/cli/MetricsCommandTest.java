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
import dev.arbiter.core.incident.NewIncident;
import dev.arbiter.core.incident.Severity;
import dev.arbiter.core.metrics.GovernanceReview;
import dev.arbiter.core.store.DataDirectory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real decisions, reviews, a triaged alert and an incident, read back as this month's metrics and review PDF. */
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
            await().atMost(Duration.ofSeconds(60)).until(() -> ws.alerts().service().list(true, 10).stream()
                    .anyMatch(a -> a.rule() == RuleKind.DENIAL_BURST));
            String burst = ws.alerts().service().list(true, 10).stream().filter(a -> a.rule() == RuleKind.DENIAL_BURST)
                    .findFirst().orElseThrow().id();
            ws.alerts().service().triage(burst, AlertStatus.FALSE_POSITIVE, "test traffic", "dana");
            ws.incidents().open(NewIncident.of("Refunds approved unread", Severity.HIGH, List.of(DemoAgents.REFUNDS)),
                    "dana");
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
        assertThat(m.path("incidents").path("opened").asLong()).isEqualTo(1); // the register's, not only alerts'
        assertThat(m.path("incidents").path("not_closed").asLong()).isEqualTo(1);
        long open = alerts.path("open").asLong();

        CliRun text = CliRun.in(data, "metrics");
        assertThat(text.out()).contains("dana", "rubber stamp?", "False-positive rate    100.0%");
        CliRun bad = CliRun.in(data, "metrics", "--month", "2026-13");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--month must be a month such as 2026-11");
        assertThat(CliRun.in(data, "metrics", "--month", "2020-01").out()).contains("No decisions this month.");

        Path pdf = data.resolve("review.pdf");
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        CliRun report = CliRun.in(data, "report", "governance", "--month", now.toString(), "--out", pdf.toString());
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(report.out()).contains("Wrote the governance review of", pdf.toString());
        String words = pdfText(pdf);
        assertThat(words).contains("Governance review", "Escalations vs autonomous", "12 : 0",
                "Needs attention: 1 reviewer with rubber-stamp warnings",
                "1. Governance effectiveness", "Mean time to detect", "False-positive rate", "100%",
                "Incidents opened", "2. Agents: balance of autonomy", "Outcome mix per agent", DemoAgents.REFUNDS,
                "3. Reviewers", "Possible rubber-stamping", "dana: 100% of reviews decided within 5 s",
                "4. Detection and response", "Mean time to acknowledge", "Alerts awaiting triage",
                "Incidents not closed", "Refunds approved unread", "High", "Open",
                open + (open == 1 ? " alert" : " alerts") + " awaiting triage, 1 incident not closed");
        for (int back = 0; back < GovernanceReview.TREND_MONTHS; back++) {
            YearMonth m2 = now.minusMonths(back);
            assertThat(words).contains(m2.getMonth().getDisplayName(java.time.format.TextStyle.SHORT,
                    java.util.Locale.ENGLISH) + " " + m2.getYear());
        }
        CliRun future = CliRun.in(data, "report", "governance", "--month", now.plusMonths(1).toString(), "--out",
                data.resolve("future.pdf").toString());
        assertThat(future.exitCode()).isNotZero();
        assertThat(future.err()).contains("has not begun yet").doesNotContain("Exception");
        assertThat(data.resolve("future.pdf")).doesNotExist();
        CliRun typo = CliRun.in(data, "report", "governance", "--month", "11/2026", "--out", pdf.toString());
        assertThat(typo.err()).contains("--month must be a month such as 2026-11, not 11/2026");
    }

    private static String pdfText(Path pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
    }
}
