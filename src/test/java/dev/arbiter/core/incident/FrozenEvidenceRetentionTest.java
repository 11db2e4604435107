package dev.arbiter.core.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.decision.TestClock;
import dev.arbiter.testing.StoreKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Issue 17: an open incident's ledger range survives {@code audit prune}; closing releases it. */
class FrozenEvidenceRetentionTest {

    @TempDir
    Path dir;

    final TestClock clock = new TestClock(Instant.parse("2026-11-30T09:00:00Z"));

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aFrozenRangeSurvivesAPruneUntilTheIncidentIsClosed(StoreKind kind) throws Exception {
        StoreKind.Place place = kind.fresh(dir);
        try (Workspace ws = place.open(1, clock); Workspace other = place.open(2, clock)) {
            Instant old = clock.instant().minus(Duration.ofDays(365 * 3));
            for (int i = 0; i < 10; i++) {
                ws.ledger().append(AuditEntry.of("decision").traceId("old-" + i).timestamp(old).build());
            }
            long evidence = ws.ledger().headSeq() - 4;
            // opened in another process: the guard reads the database, not a cache
            long id = other.incidents().open(NewIncident.of("Exfiltration", Severity.CRITICAL, List.of())
                    .withEntries(List.of(evidence)), "alice").id();
            long before = ws.auditReader().count(AuditQuery.all());

            assertThatThrownBy(() -> ws.retention().prune(2, "bob"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("Nothing was pruned: incident " + id + " (Exfiltration) freezes ledger entries "
                            + evidence + ".." + evidence + " until it is closed");
            assertThat(ws.auditReader().count(AuditQuery.all())).isEqualTo(before);
            assertThat(archives()).isEmpty();

            other.incidents().move(id, IncidentStatus.CONTAINED, null, "alice");
            other.incidents().move(id, IncidentStatus.RESOLVED, null, "alice");
            assertThatThrownBy(() -> ws.retention().prune(2, "bob")).hasMessageContaining("freezes");
            other.incidents().setRootCause(id, "Over-broad tool scope", "alice");
            other.incidents().move(id, IncidentStatus.CLOSED, null, "alice");

            var pruned = ws.retention().prune(2, "bob").orElseThrow();
            assertThat(pruned.entries()).isEqualTo(10);
            assertThat(ws.verifier().verify().intact()).isTrue();
        }
    }

    private List<Path> archives() throws Exception {
        Path root = dir;
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().startsWith("audit-to-")).toList();
        }
    }
}
