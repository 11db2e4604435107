package dev.arbiter.core.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditDetail;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.audit.LedgerEntry;
import dev.arbiter.testing.StoreKind;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A synthetic decision stream through a real ledger: three office days of normal traffic raise no
 * alert; then each planted anomaly raises exactly one alert of its rule, within a second of the
 * entry that crossed it, with the evidence's seq range; repeats inside the window raise nothing.
 */
class AlertDetectionTest {

    private static final Instant START = Instant.parse("2026-11-02T00:00:00Z");
    private static final Instant DAY4 = START.plus(Duration.ofDays(3));

    @TempDir
    Path dir;

    private final List<Alert> raised = new CopyOnWriteArrayList<>();

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void everyPlantedAnomalyRaisesOneAlertInTimeAndTheNormalStreamNone(StoreKind kind) throws Exception {
        StoreKind.Place place = kind.fresh(dir);
        try (Workspace ws = place.open(1)) {
            ws.events().subscribe(AlertRaised.class, e -> raised.add(e.alert()));
            appendAll(ws, SyntheticStream.normal(SyntheticStream.AGENT, START, 3, 5, 42));
            assertThat(raised).as("alerts on the normal stream").isEmpty();

            // rate: 40 actions in one minute against a baseline of about 5
            plant(ws, RuleKind.RATE_ABOVE_BASELINE, at(10, 0), 40,
                    t -> SyntheticStream.allowed(t, "read:tickets"));
            // a burst of policy denials
            plant(ws, RuleKind.DENIAL_BURST, at(10, 15), 12, t -> SyntheticStream.decision(SyntheticStream.AGENT, t,
                    "read:tickets", "deny", "DENIED_BY_POLICY", 0.1, 0.9, null));
            plant(ws, RuleKind.RATE_LIMITED_BURST, at(10, 30), 25, t -> SyntheticStream.decision(SyntheticStream.AGENT,
                    t, "read:tickets", "deny", "RATE_LIMITED", 0.1, 0.9, null));
            plant(ws, RuleKind.NEW_ACTION, at(11, 0), 1, t -> SyntheticStream.allowed(t, "delete:customer/records"));
            plant(ws, RuleKind.HIGH_RISK_RUN, at(11, 10), 6, t -> SyntheticStream.decision(SyntheticStream.AGENT, t,
                    "read:kb/articles", "allow", "ALLOWED", 0.9, 0.9, null));
            plant(ws, RuleKind.LOW_CONFIDENCE_RUN, at(11, 20), 6, t -> SyntheticStream.decision(SyntheticStream.AGENT,
                    t, "read:kb/articles", "allow", "ALLOWED", 0.1, 0.2, null));
            plant(ws, RuleKind.BUDGET_ALERT, at(11, 30), 2, t -> AuditEntry.of("budget.alert").timestamp(t)
                    .agentId(SyntheticStream.AGENT).actor("gateway").detail(AuditDetail.of("alert_at_percent", 80))
                    .build());
            plant(ws, RuleKind.BUDGET_EXHAUSTED, at(11, 40), 3, t -> SyntheticStream.decision(SyntheticStream.AGENT,
                    t, "read:tickets", "deny", "BUDGET_EXCEEDED", 0.1, 0.9, null));
            plant(ws, RuleKind.COST_PER_HOUR, at(12, 0), 12, t -> SyntheticStream.decision(SyntheticStream.AGENT, t,
                    "send:email/customer", "allow", "ALLOWED", 0.1, 0.9, 10.0));
            plant(ws, RuleKind.AUTH_REFUSED_SPIKE, at(12, 30), 3, t -> AuditEntry.of("gateway.auth_refused")
                    .timestamp(t).agentId(SyntheticStream.AGENT).actor("gateway")
                    .detail(AuditDetail.of("source", "10.0.0.9", "count", 8)).build());
            plant(ws, RuleKind.OFF_HOURS, DAY4.plus(Duration.ofHours(27)).plusSeconds(60), 2,
                    t -> SyntheticStream.allowed(t, "read:tickets"));

            assertThat(raised).extracting(Alert::rule).containsExactly(RuleKind.RATE_ABOVE_BASELINE,
                    RuleKind.DENIAL_BURST, RuleKind.RATE_LIMITED_BURST, RuleKind.NEW_ACTION, RuleKind.HIGH_RISK_RUN,
                    RuleKind.LOW_CONFIDENCE_RUN, RuleKind.BUDGET_ALERT, RuleKind.BUDGET_EXHAUSTED,
                    RuleKind.COST_PER_HOUR, RuleKind.AUTH_REFUSED_SPIKE, RuleKind.OFF_HOURS);
            List<LedgerEntry> audited = ws.auditReader().newest(new AuditQuery(null, null, null, "alert.raised", null), 100);
            assertThat(audited).hasSize(RuleKind.values().length - 1);
            assertThat(ws.alerts().service().openCount()).isEqualTo(RuleKind.values().length - 1);
            Alert burst = raised.get(1);
            assertThat(burst.figures()).contains("\"count\":10");
            assertThat(burst.lastSeq() - burst.firstSeq()).isEqualTo(9);
            assertThat(burst.firstAnomalyAt()).isEqualTo(at(10, 15));
        }
    }

    private static Instant at(int hour, int minute) {
        return DAY4.plus(Duration.ofHours(hour)).plus(Duration.ofMinutes(minute));
    }

    /**
     * Appends {@code count} entries two seconds apart from {@code from}, one at a time, each waited for
     * until the detector has examined it. Exactly one alert, of {@code rule}, must follow, committed
     * within a second of the append of the entry that crossed the rule, and naming that entry as the
     * end of its evidence.
     */
    private void plant(Workspace ws, RuleKind rule, Instant from, int count, Function<Instant, AuditEntry> entry) {
        int before = raised.size();
        for (int i = 0; i < count; i++) {
            LedgerEntry written = ws.ledger().append(entry.apply(from.plusSeconds(2L * i)));
            long appended = System.nanoTime();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(1))
                    .until(() -> ws.alerts().detector().lastExaminedSeq() >= written.seq());
            long examined = System.nanoTime();
            if (raised.size() > before && raised.get(before).lastSeq() == written.seq()) {
                assertThat(Duration.ofNanos(examined - appended)).as("time to alert for " + rule.key())
                        .isLessThan(Duration.ofSeconds(1));
            }
        }
        assertThat(raised).as("one alert for " + rule.key()).hasSize(before + 1);
        Alert alert = raised.get(before);
        assertThat(alert.rule()).isEqualTo(rule);
        assertThat(alert.agentId()).isEqualTo(SyntheticStream.AGENT);
        assertThat(ws.alerts().detector().dropped()).isZero();
    }

    private static void appendAll(Workspace ws, List<AuditEntry> entries) {
        List<CompletableFuture<LedgerEntry>> futures = new ArrayList<>();
        for (AuditEntry e : entries) {
            futures.add(ws.ledger().appendAsync(e));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        long last = futures.get(futures.size() - 1).join().seq();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> ws.alerts().detector().lastExaminedSeq() >= last);
    }
}
