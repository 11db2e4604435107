package dev.arbiter.core.hold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.audit.RetentionFloor;
import dev.arbiter.core.audit.RetentionRefused;
import dev.arbiter.core.store.DataDirectory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Legal holds, the retention floor and checkpoint coverage as retention guards, on a real SQLite workspace. */
class RetentionGuardsTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    @TempDir
    Path dir;

    private static void oldAndNew(Workspace ws) {
        for (int i = 0; i < 10; i++) {
            ws.ledger().append(AuditEntry.of("decision").agentId(i % 2 == 0 ? "held-agent" : "other")
                    .traceId("old-" + i).timestamp(NOW.minus(Duration.ofDays(365 * 3))).build());
        }
        for (int i = 0; i < 5; i++) {
            ws.ledger().append(AuditEntry.of("decision").traceId("new-" + i).build());
        }
    }

    private static long count(Workspace ws, String event) {
        return ws.auditReader().count(new AuditQuery(null, null, null, event, null, null));
    }

    @Test
    void anAgentHoldBlocksPruningUntilReleasedAndBothAreAudited() {
        try (Workspace ws = Workspace.open(new DataDirectory(dir), Clock.fixed(NOW, ZoneOffset.UTC))) {
            oldAndNew(ws);
            LegalHold hold = ws.legalHolds().place("held-agent", 1, null, "Matter 2026-17", "counsel");

            assertThatThrownBy(() -> ws.retention().prune(2, "alice")).isInstanceOf(RetentionRefused.class)
                    .hasMessageContaining("Legal hold #" + hold.id()).hasMessageContaining("held-agent");
            assertThat(count(ws, LegalHolds.PLACED)).isEqualTo(1);

            ws.legalHolds().release(hold.id(), "matter closed", "counsel");
            assertThat(ws.retention().prune(2, "alice")).isPresent();
            assertThat(count(ws, LegalHolds.RELEASED)).isEqualTo(1);
            assertThatThrownBy(() -> ws.legalHolds().release(hold.id(), "again", "counsel"))
                    .hasMessageContaining("no active legal hold");
        }
    }

    @Test
    void aHoldOnAnotherAgentOrAnotherRangeDoesNotBlock() {
        try (Workspace ws = Workspace.open(new DataDirectory(dir), Clock.fixed(NOW, ZoneOffset.UTC))) {
            oldAndNew(ws);
            ws.legalHolds().place("nobody-here", 1, null, "unrelated", "counsel");
            ws.legalHolds().place(null, 12, 14L, "only recent entries", "counsel");
            assertThat(ws.retention().prune(2, "alice")).isPresent();
        }
    }

    @Test
    void prunedEntriesStayProvableAgainstTheCheckpointSignedBeforehand() {
        try (Workspace ws = Workspace.open(new DataDirectory(dir), Clock.fixed(NOW, ZoneOffset.UTC))) {
            oldAndNew(ws);
            assertThat(ws.checkpoints().all()).isEmpty();

            assertThat(ws.retention().prune(2, "alice")).isPresent();

            // The coverage guard signed a checkpoint before anything went; the archive still proves it.
            assertThat(ws.checkpoints().all()).hasSize(1);
            ws.checkpoints().checkpoint();
            var outcome = ws.checkpointVerifier().verify();
            assertThat(outcome.intact()).as(outcome.summary()).isTrue();
            assertThat(outcome.summary()).contains("2 signed checkpoints verified");
        }
    }

    @Test
    void theRetentionFloorCannotBeLoweredBelow180Days() {
        try (Workspace ws = Workspace.open(new DataDirectory(dir), Clock.fixed(NOW, ZoneOffset.UTC))) {
            ws.settings().put(RetentionFloor.SETTING, "30");
            var floor = new RetentionFloor(ws.database(), ws.settings(), ws.clock());
            assertThat(floor.days()).isEqualTo(180);
            ws.ledger().append(AuditEntry.of("decision").timestamp(NOW.minus(Duration.ofDays(100))).build());
            assertThat(floor.refusal(1, 1)).get().asString().contains("Art. 26(6)");
            ws.settings().put(RetentionFloor.SETTING, "3650");
            ws.ledger().append(AuditEntry.of("decision").timestamp(NOW.minus(Duration.ofDays(900))).build());
            assertThat(floor.refusal(2, 2)).isPresent();
            ws.settings().put(RetentionFloor.SETTING, "180");
            assertThat(floor.refusal(2, 2)).isEmpty();
        }
    }
}
