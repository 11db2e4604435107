package dev.arbiter.desktop.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.alert.AlertStatus;
import dev.arbiter.core.alert.RuleKind;
import dev.arbiter.core.audit.AuditDetail;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.metrics.AgentTrend;
import dev.arbiter.desktop.common.CurrentThreadTaskRunner;
import dev.arbiter.desktop.common.StatusMessage;
import dev.arbiter.desktop.common.TaskRunner;
import dev.arbiter.report.metrics.GovernanceReviewReport;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plain JUnit on a real workspace with real decisions, reviews and alerts; no toolkit. */
class MetricsViewModelTest {

    /** The PDF report the desktop writes. */
    static final ReviewWriter WRITER = (review, out) -> new GovernanceReviewReport(review, ZoneOffset.UTC, "dana")
            .write(out);

    @TempDir
    Path dir;
    Workspace ws;
    MetricsViewModel model;
    YearMonth now;

    @BeforeEach
    void open() {
        ws = TestWorkspaces.open(dir.resolve("ws"));
        DemoAgents.ensure(ws);
        now = YearMonth.now(ZoneOffset.UTC);
        model = new MetricsViewModel(ws.metrics(), ws.clock(), new CurrentThreadTaskRunner(),
                new StatusMessage((delay, task) -> { }), WRITER);
    }

    @AfterEach
    void close() {
        ws.close();
    }

    @Test
    void showsTheCurrentMonthsFourFiguresAgentsAndARubberStampingReviewer() throws Exception {
        for (int i = 0; i < 12; i++) { // the demo policy allows 15 escalations an hour
            String trace = ws.decisions().decide(DecisionRequest.of(DemoAgents.REFUNDS, "issue:refund")
                    .withTarget(DemoAgents.TARGETS.get(DemoAgents.REFUNDS)).withAmount(2500.0)
                    .withConfidence(0.9)).join().traceId();
            ws.queue().approve(trace, "dana", "ok");
        }
        Instant t0 = Instant.now();
        for (int i = 0; i < 10; i++) {
            decision(t0.plusSeconds(i), "ops-bot", "autonomous", "deny");
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> ws.alerts().service().list(true, 10).stream()
                .anyMatch(a -> a.rule() == RuleKind.DENIAL_BURST));
        String burst = ws.alerts().service().list(true, 10).stream().filter(a -> a.rule() == RuleKind.DENIAL_BURST)
                .findFirst().orElseThrow().id();
        ws.alerts().service().triage(burst, AlertStatus.FALSE_POSITIVE, "test traffic", "dana");

        model.refresh();

        assertThat(model.monthProperty().get()).isEqualTo(now);
        assertThat(model.months().get(0)).isEqualTo(now);
        assertThat(model.emptyProperty().get()).isFalse();
        assertThat(model.escalationsProperty().get()).isEqualTo("12 : 0");
        assertThat(model.escalationsDetailProperty().get()).contains("55% went to a person", "12 gated", "10 denied");
        assertThat(model.timeToDetectProperty().get()).isNotEqualTo("—");
        assertThat(model.falsePositiveRateProperty().get()).isEqualTo("100%");
        assertThat(model.falsePositiveDetailProperty().get()).startsWith("1 of 1 triaged alerts");
        assertThat(model.incidentsProperty().get()).isEqualTo("0");
        AgentTrend refunds = model.agents().stream().filter(a -> a.month().agentId().equals(DemoAgents.REFUNDS))
                .findFirst().orElseThrow();
        assertThat(refunds.month().gated()).isEqualTo(12);
        assertThat(MetricsText.trend(refunds)).isEqualTo("new this month");
        assertThat(model.reviewers()).singleElement().satisfies(r -> {
            assertThat(r.reviewer()).isEqualTo("dana");
            assertThat(r.approvalRate()).isEqualTo(1.0);
            assertThat(r.warnings()).isNotEmpty();
        });
        assertThat(model.rubberStampSummaryProperty().get()).startsWith("Possible rubber-stamping: dana (100% of "
                + "reviews decided within 5 s)");
    }

    @Test
    void theTrendComparesWithTheMonthBeforeAndThePickerWalksMonths() {
        Instant lastMonth = now.minusMonths(1).atDay(10).atStartOfDay(ZoneOffset.UTC).toInstant();
        for (int i = 0; i < 10; i++) {
            decision(lastMonth.plusSeconds(i * 60L), "ops-bot", "autonomous", "allow");
        }
        Instant thisMonth = Instant.now().minusSeconds(5);
        for (int i = 0; i < 4; i++) {
            decision(thisMonth, "ops-bot", i < 2 ? "supervised" : "autonomous", "allow");
        }
        model.refresh();
        AgentTrend ops = model.agents().get(0);
        assertThat(ops.month().agentId()).isEqualTo("ops-bot");
        assertThat(MetricsText.trend(ops)).isEqualTo("▲ 50.0 pts to a person");
        assertThat(model.escalationsProperty().get()).isEqualTo("2 : 2");

        model.nextMonth(); // nothing after the current month
        assertThat(model.monthProperty().get()).isEqualTo(now);
        model.previousMonth();
        assertThat(model.monthProperty().get()).isEqualTo(now.minusMonths(1));
        assertThat(model.escalationsProperty().get()).isEqualTo("0 : 10");
        assertThat(MetricsText.trend(model.agents().get(0))).isEqualTo("new this month");
        assertThat(model.reviewers()).isEmpty();
        assertThat(model.timeToDetectProperty().get()).isEqualTo("—");
        assertThat(model.falsePositiveRateProperty().get()).isEqualTo("—");

        model.monthProperty().set(model.months().get(model.months().size() - 1));
        for (int i = 0; i < 5; i++) {
            model.previousMonth(); // the oldest month offered stays
        }
        YearMonth oldest = now.minusMonths(MetricsViewModel.MONTHS_OFFERED - 1);
        assertThat(model.monthProperty().get()).isEqualTo(oldest);
        assertThat(model.emptyProperty().get()).isTrue();
        assertThat(model.agents()).isEmpty();
        assertThat(model.emptyTextProperty().get()).startsWith("No decisions in " + MetricsText.month(oldest)
                + " — run agents through the gateway");
    }

    @Test
    void aBurstOfRefreshesCostsOneMoreReadAndAnOldMonthsReadIsNeverShown() {
        decision(Instant.now(), "ops-bot", "gated", "allow");
        HeldRunner held = new HeldRunner();
        MetricsViewModel m = new MetricsViewModel(ws.metrics(), ws.clock(), held, new StatusMessage((d, t) -> { }), WRITER);
        m.refresh();
        for (int i = 0; i < 50; i++) {
            m.refresh();
        }
        assertThat(held.waiting.size()).isEqualTo(1);
        assertThat(m.loadingProperty().get()).isTrue();
        held.runNext(); // the first read shows, and exactly one more starts
        assertThat(m.escalationsProperty().get()).isEqualTo("1 : 0");
        assertThat(held.waiting.size()).isEqualTo(1);
        decision(Instant.now(), "ops-bot", "autonomous", "allow");
        held.runNext();
        assertThat(held.waiting).isEmpty();
        assertThat(m.loadingProperty().get()).isFalse();
        assertThat(m.escalationsProperty().get()).isEqualTo("1 : 1");

        m.refresh(); // the current month's read is under way when the person picks the month before
        m.previousMonth();
        held.runNext(); // the current month's figures arrive late: not shown
        assertThat(m.escalationsProperty().get()).isEqualTo("1 : 1");
        assertThat(m.metricsProperty().get().month()).isEqualTo(now);
        held.runNext();
        assertThat(m.metricsProperty().get().month()).isEqualTo(now.minusMonths(1));
        assertThat(m.emptyProperty().get()).isTrue();
        assertThat(held.waiting).isEmpty();
    }

    @Test
    void aReadThatFailsSaysWhichMonthAndKeepsTheModelUsable() {
        Workspace closed = TestWorkspaces.open(dir.resolve("closed"));
        MetricsViewModel m = new MetricsViewModel(closed.metrics(), closed.clock(), new CurrentThreadTaskRunner(),
                new StatusMessage((d, t) -> { }), WRITER);
        closed.close();
        m.refresh();
        assertThat(m.status().errorProperty().get()).isTrue();
        assertThat(m.status().textProperty().get()).startsWith("Could not read the metrics of "
                + MetricsText.month(now));
        assertThat(m.loadingProperty().get()).isFalse();
    }

    @Test
    void aWindowLeftOpenOverTheMonthsEndOffersTheNewMonth() {
        Instant endOfMonth = now.atEndOfMonth().atTime(23, 59, 30).toInstant(ZoneOffset.UTC);
        Clock[] clock = {Clock.fixed(endOfMonth, ZoneOffset.UTC)};
        Clock moving = new Clock() {
            @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return clock[0].instant(); }
        };
        MetricsViewModel m = new MetricsViewModel(ws.metrics(), moving, new CurrentThreadTaskRunner(),
                new StatusMessage((d, t) -> { }), WRITER);
        m.refresh();
        assertThat(m.latestProperty().get()).isTrue();
        clock[0] = Clock.fixed(endOfMonth.plusSeconds(60), ZoneOffset.UTC);
        m.refresh();
        assertThat(m.months().get(0)).isEqualTo(now.plusMonths(1));
        assertThat(m.months()).hasSize(MetricsViewModel.MONTHS_OFFERED);
        assertThat(m.monthProperty().get()).isEqualTo(now); // still on the month the person was reading
        assertThat(m.latestProperty().get()).isFalse();
        m.nextMonth();
        assertThat(m.monthProperty().get()).isEqualTo(now.plusMonths(1));
        assertThat(m.latestProperty().get()).isTrue();
    }

    @Test
    void exportsTheMonthShownAsAReviewPdfAndSaysWhereOrWhyNot() throws Exception {
        decision(Instant.now(), "ops-bot", "gated", "allow");
        model.refresh();
        Path pdf = dir.resolve("review.pdf");
        model.exportReview(pdf);
        assertThat(model.exportingProperty().get()).isFalse();
        assertThat(model.status().errorProperty().get()).isFalse();
        assertThat(model.status().textProperty().get()).isEqualTo("Wrote the governance review of "
                + MetricsText.month(now) + " to " + pdf.toAbsolutePath());
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(doc)).contains("Governance review",
                    MetricsText.month(now), "ops-bot", "1 : 0");
        }

        Path blocked = dir.resolve("not-a-directory");
        java.nio.file.Files.writeString(blocked, "x");
        model.exportReview(blocked.resolve("review.pdf"));
        assertThat(model.status().errorProperty().get()).isTrue();
        assertThat(model.status().textProperty().get()).startsWith("Could not write the governance review: ")
                .contains("review.pdf").doesNotContain("Exception");
        assertThat(model.exportingProperty().get()).isFalse();
    }

    private void decision(Instant at, String agent, String tier, String decision) {
        ws.ledger().append(AuditEntry.of("decision").timestamp(at).agentId(agent).action("read:tickets")
                .decision(decision).tier(tier).reasonCode("allow".equals(decision) ? "ALLOWED_BY_POLICY"
                        : "DENIED_BY_POLICY").actor("gateway").detail(AuditDetail.of("reason", "test")).build());
    }

    /** Holds each read until the test lets it run, as a slow database would. */
    private static final class HeldRunner implements TaskRunner {
        final Deque<Runnable> waiting = new ArrayDeque<>();

        @Override
        public <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
            waiting.add(() -> {
                T result;
                try {
                    result = work.call();
                } catch (Exception e) {
                    onFailure.accept(e);
                    return;
                }
                onSuccess.accept(result);
            });
        }

        void runNext() {
            waiting.removeFirst().run();
        }
    }
}
