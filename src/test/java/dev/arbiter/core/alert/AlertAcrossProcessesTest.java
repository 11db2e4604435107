package dev.arbiter.core.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.audit.LedgerEntry;
import dev.arbiter.testing.StoreKind;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two gateways on one database see the same anomaly (each its own share of the agent's traffic):
 * one alert per rule, agent and window in all, one {@code alert.raised} entry, and the next window
 * still raises. Run on SQLite and on a real PostgreSQL, one after the other and at the same time.
 */
class AlertAcrossProcessesTest {

    @TempDir
    Path dir;

    private static long burst(Workspace ws, Instant from) {
        LedgerEntry last = null;
        for (int i = 0; i < 12; i++) {
            last = ws.ledger().append(SyntheticStream.decision(SyntheticStream.AGENT, from.plusSeconds(i),
                    "read:tickets", "deny", "DENIED_BY_POLICY", 0.1, 0.9, null));
        }
        return last.seq();
    }

    private static void settle(Workspace ws, long seq) {
        await().atMost(Duration.ofSeconds(60)).until(() -> ws.alerts().detector().lastExaminedSeq() >= seq);
    }

    private static long raisedEntries(Workspace ws) {
        return ws.auditReader().newest(new AuditQuery(null, null, null, "alert.raised", null), 100).size();
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void theSecondGatewayRaisesNothingForTheSameRuleAgentAndWindow(StoreKind kind) {
        StoreKind.Place place = kind.fresh(dir);
        Instant t0 = Instant.parse("2026-11-30T10:00:00Z");
        try (Workspace a = place.open(1); Workspace b = place.open(2)) {
            settle(a, burst(a, t0));
            settle(b, burst(b, t0.plusSeconds(5))); // inside a's minute
            assertThat(a.alerts().service().list(false, 10)).hasSize(1);
            assertThat(raisedEntries(a)).isEqualTo(1);

            settle(b, burst(b, t0.plusSeconds(120))); // the next window, from the other gateway
            assertThat(a.alerts().service().list(false, 10)).hasSize(2);
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void twoGatewaysRacingRaiseOneAlert(StoreKind kind) {
        StoreKind.Place place = kind.fresh(dir);
        Instant t0 = Instant.parse("2026-11-30T10:00:00Z");
        try (Workspace a = place.open(1); Workspace b = place.open(2)) {
            for (int round = 0; round < 5; round++) {
                Instant at = t0.plus(Duration.ofMinutes(2L * round));
                CompletableFuture<Long> fa = CompletableFuture.supplyAsync(() -> burst(a, at));
                CompletableFuture<Long> fb = CompletableFuture.supplyAsync(() -> burst(b, at.plusMillis(300)));
                settle(a, fa.join());
                settle(b, fb.join());
                assertThat(a.alerts().service().list(false, 100)).as("round %d", round).hasSize(round + 1);
            }
            assertThat(raisedEntries(b)).isEqualTo(5);
            assertThat(a.verifier().verify().intact()).isTrue();
        }
    }
}
