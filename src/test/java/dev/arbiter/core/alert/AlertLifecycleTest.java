package dev.arbiter.core.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.AgentProfile;
import dev.arbiter.core.agent.AgentStatus;
import dev.arbiter.core.audit.AuditAppended;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.audit.LedgerEntry;
import dev.arbiter.core.policy.DailyBudget;
import dev.arbiter.testing.StoreKind;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Automatic responses, triage, restarts and overload, on real stores. */
class AlertLifecycleTest {

    @TempDir
    Path dir;

    private static LedgerEntry deny(Workspace ws, Instant at) {
        return ws.ledger().append(SyntheticStream.decision(SyntheticStream.AGENT, at, "read:tickets", "deny",
                "DENIED_BY_POLICY", 0.1, 0.9, null));
    }

    private static void burst(Workspace ws, Instant from, int n) {
        LedgerEntry last = null;
        for (int i = 0; i < n; i++) {
            last = deny(ws, from.plusSeconds(i));
        }
        long seq = last.seq();
        await().atMost(Duration.ofSeconds(60)).until(() -> ws.alerts().detector().lastExaminedSeq() >= seq);
    }

    private static List<LedgerEntry> entries(Workspace ws, String event) {
        return ws.auditReader().newest(new AuditQuery(null, null, null, event, null), 100);
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aRuleWithPauseAsResponsePausesTheAgentAsTheRule(StoreKind kind) {
        try (Workspace ws = kind.fresh(dir).open(1)) {
            ws.agents().add(new AgentProfile(SyntheticStream.AGENT, "Ops bot", "Ops", "", "", "", "", Set.of(),
                    DailyBudget.NONE, null, null), "test");
            ws.alerts().rules().save(AlertRules.agentScope(SyntheticStream.AGENT),
                    "alert_rules:\n  denial_burst:\n    response: pause\n", "lead");
            burst(ws, Instant.now(), 10);
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    ws.agents().find(SyntheticStream.AGENT).orElseThrow().status() == AgentStatus.PAUSED);
            LedgerEntry paused = entries(ws, "agent.paused").get(0);
            assertThat(paused.entry().actor()).isEqualTo("rule:denial_burst");
            await().atMost(Duration.ofSeconds(60)).until(() -> !entries(ws, "alert.response").isEmpty());
            LedgerEntry response = entries(ws, "alert.response").get(0);
            assertThat(response.entry().detail()).contains("\"outcome\":\"agent paused\"");
            assertThat(entries(ws, "alert.rules_changed")).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void triageIsAuditedAndTheFirstTriageWins(StoreKind kind) {
        StoreKind.Place place = kind.fresh(dir);
        try (Workspace ws = place.open(1); Workspace other = place.open(2)) {
            burst(ws, Instant.now(), 10);
            Alert alert = ws.alerts().service().list(true, 10).get(0);
            assertThatThrownBy(() -> ws.alerts().service().triage(alert.id(), AlertStatus.FALSE_POSITIVE, "  ", "dana"))
                    .isInstanceOf(AlertTriageException.class).hasMessageContaining("note is required");
            Alert done = ws.alerts().service().triage(alert.id(), AlertStatus.FALSE_POSITIVE, "load test", "dana");
            assertThat(done.status()).isEqualTo(AlertStatus.FALSE_POSITIVE);
            assertThat(done.triagedBy()).isEqualTo("dana");
            assertThatThrownBy(() -> other.alerts().service().triage(alert.id(), AlertStatus.TRUE_POSITIVE, "real",
                    "sam")).isInstanceOf(AlertTriageException.class)
                    .hasMessageContaining("already triaged as false positive by dana");
            assertThat(ws.alerts().service().openCount()).isZero();
            LedgerEntry triaged = entries(ws, "alert.triaged").get(0);
            assertThat(triaged.entry().actor()).isEqualTo("dana");
            assertThat(triaged.entry().detail()).contains("\"verdict\":\"false_positive\"", "\"note\":\"load test\"");
            assertThatThrownBy(() -> ws.alerts().service().triage("al-000000000000", AlertStatus.TRUE_POSITIVE, "x",
                    "dana")).hasMessageContaining("No alert al-000000000000");
        }
    }

    @Test
    void aRestartKeepsDeduplicationBaselinesAndSeenActions() {
        Instant t0 = Instant.parse("2026-11-30T10:00:00Z");
        try (Workspace ws = Workspace.open(new dev.arbiter.core.store.DataDirectory(dir))) {
            burst(ws, t0, 10);
            ws.ledger().append(SyntheticStream.allowed(t0.plusSeconds(70), "read:kb/articles"));
            ws.ledger().append(SyntheticStream.allowed(t0.plusSeconds(130), "read:kb/articles"));
        }
        try (Workspace ws = Workspace.open(new dev.arbiter.core.store.DataDirectory(dir))) {
            burst(ws, t0.plusSeconds(20), 10); // same rule, same agent, inside the minute: no second alert
            assertThat(ws.alerts().service().list(false, 10)).hasSize(1);
            burst(ws, t0.plusSeconds(200), 10); // the next window: a new alert
            assertThat(ws.alerts().service().list(false, 10)).hasSize(2);
            java.util.Set<String> seen = ws.database().read(c -> AlertStore.seenActions(c, SyntheticStream.AGENT));
            assertThat(seen).contains("read:tickets", "read:kb/articles");
            assertThat(ws.database().read(c -> AlertStore.baseline(c, SyntheticStream.AGENT)).orElseThrow().minutes())
                    .isPositive();
        }
    }

    @Test
    void aFloodBeyondTheQueueIsCountedAndRaisesDetectorOverloaded() {
        try (Workspace ws = Workspace.open(new dev.arbiter.core.store.DataDirectory(dir))) {
            LedgerEntry one = deny(ws, Instant.now());
            List<LedgerEntry> flood = new ArrayList<>();
            for (int i = 0; i < AlertDetector.CAPACITY * 2; i++) {
                flood.add(one);
            }
            ws.events().publish(new AuditAppended(flood));
            assertThat(ws.alerts().detector().dropped()).isPositive();
            await().atMost(Duration.ofSeconds(60)).until(() -> ws.alerts().service().list(true, 50).stream()
                    .anyMatch(a -> a.rule() == RuleKind.DETECTOR_OVERLOADED));
            Alert overloaded = ws.alerts().service().list(true, 50).stream()
                    .filter(a -> a.rule() == RuleKind.DETECTOR_OVERLOADED).findFirst().orElseThrow();
            // the drops counted until the report; later ones go into the next window's alert
            long reported = Long.parseLong(overloaded.figures().replaceAll(".*\"dropped_total\":(\\d+).*", "$1"));
            assertThat(reported).isPositive().isLessThanOrEqualTo(ws.alerts().detector().dropped());
            assertThat(overloaded.agentId()).isNull();
        }
    }
}
