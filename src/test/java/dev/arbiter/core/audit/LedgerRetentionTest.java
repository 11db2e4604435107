package dev.arbiter.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.store.DataDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerRetentionTest {

    @TempDir
    Path dir;

    @Test
    void prunesOldEntriesAfterArchivingThemAndTheChainStillVerifies() throws Exception {
        Instant now = Instant.parse("2026-11-24T12:00:00Z");
        try (Workspace ws = Workspace.open(new DataDirectory(dir), Clock.fixed(now, ZoneOffset.UTC))) {
            for (int i = 0; i < 10; i++) {
                ws.ledger().append(AuditEntry.of("decision").traceId("old-" + i)
                        .timestamp(now.minus(Duration.ofDays(365 * 3))).build());
            }
            for (int i = 0; i < 5; i++) {
                ws.ledger().append(AuditEntry.of("decision").traceId("new-" + i).build());
            }

            var pruned = ws.retention().prune(2, "alice").orElseThrow();

            assertThat(pruned.entries()).isEqualTo(10);
            assertThat(Files.readAllLines(pruned.archive())).hasSize(10).allMatch(l -> l.contains("\"hash\""));
            assertThat(ws.auditReader().count(AuditQuery.all())).isEqualTo(6); // 5 kept + the prune entry
            VerificationResult result = ws.verifier().verify();
            assertThat(result.intact()).as(result.describe()).isTrue();
            assertThat(ws.ledger().append(AuditEntry.of("decision").build()).seq()).isEqualTo(17);
            assertThat(ws.verifier().verify().intact()).isTrue();
            assertThat(ws.retention().prune(2, "alice")).isEmpty();
        }
    }

    @Test
    void retentionIsOneToSevenYears() {
        assertThatThrownBy(() -> LedgerRetention.validYears(8)).hasMessageContaining("between 1 and 7");
        assertThatThrownBy(() -> LedgerRetention.validYears(0)).hasMessageContaining("between 1 and 7");
    }
}
