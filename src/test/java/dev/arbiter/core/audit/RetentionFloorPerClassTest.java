package dev.arbiter.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.Workspace;
import dev.arbiter.testing.StoreKind;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Retention floors per record class (issue 18), on a real SQLite file and a real PostgreSQL server. */
class RetentionFloorPerClassTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final Instant THREE_YEARS_AGO = NOW.minus(Duration.ofDays(3 * 365));

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void pruneRefusesToGoUnderAnyClasssFloorNamingTheClassItsFloorAndTheOldestDateYouMayPrune(StoreKind kind) {
        try (Workspace ws = kind.fresh(dir).open(1, Clock.fixed(NOW, ZoneOffset.UTC))) {
            for (String event : new String[] {"decision", "decision", "review.approved", "action.outcome", "decision"}) {
                ws.ledger().append(AuditEntry.of(event).agentId("a").timestamp(THREE_YEARS_AGO).build());
            }
            ws.ledger().append(AuditEntry.of("decision").agentId("a").build());
            RetentionFloor floor = new RetentionFloor(ws.database(), ws.settings(), ws.clock());
            floor.setDays(RecordClass.APPROVALS, 4 * 365);

            assertThatThrownBy(() -> ws.retention().prune(2, "alice")).isInstanceOf(RetentionRefused.class)
                    .hasMessageContaining("approvals and sign-offs (review.approved)")
                    .hasMessageContaining("floor of approvals and sign-offs of 1460 days")
                    .hasMessageContaining("you may prune approvals and sign-offs written before "
                            + AuditTime.format(NOW.minus(Duration.ofDays(1460))));
            assertThat(ws.auditReader().seqRange(null, null).orElseThrow()[0]).isEqualTo(1);

            // A floor under six months is refused, naming the class; a lawful one lets the prune through.
            assertThatThrownBy(() -> floor.setDays(RecordClass.APPROVALS, 90))
                    .hasMessageContaining("approvals and sign-offs").hasMessageContaining("180 days");
            assertThat(floor.days(RecordClass.APPROVALS)).isEqualTo(1460);
            floor.setDays(RecordClass.APPROVALS, 180);
            assertThat(ws.retention().prune(2, "alice")).get().extracting(LedgerRetention.Pruned::entries)
                    .isEqualTo(5L);

            // The default floor of 180 days holds for every class: the fresh decision may not go.
            assertThat(floor.refusal(6, 6)).get().asString().contains("decisions and outcomes (decision)")
                    .contains("180 days").contains("Art. 26(6)");
        }
    }

    @Test
    void everyEventBelongsToExactlyOneClass() {
        assertThat(RecordClass.of("decision")).isEqualTo(RecordClass.DECISIONS);
        assertThat(RecordClass.of("mcp.call.denied")).isEqualTo(RecordClass.DECISIONS);
        assertThat(RecordClass.of("review.timed_out")).isEqualTo(RecordClass.APPROVALS);
        assertThat(RecordClass.of("assessment.approved")).isEqualTo(RecordClass.APPROVALS);
        assertThat(RecordClass.of("policy.rolled_back")).isEqualTo(RecordClass.POLICY_CHANGES);
        assertThat(RecordClass.of("alert.rules_changed")).isEqualTo(RecordClass.POLICY_CHANGES);
        assertThat(RecordClass.of("alert.raised")).isEqualTo(RecordClass.INCIDENTS);
        assertThat(RecordClass.of("incident.opened")).isEqualTo(RecordClass.INCIDENTS);
        assertThat(RecordClass.of("kill_switch.engaged")).isEqualTo(RecordClass.SYSTEM);
        assertThat(RecordClass.of("decisionx")).isEqualTo(RecordClass.SYSTEM);
        assertThat(RecordClass.parse("Policy_Changes")).contains(RecordClass.POLICY_CHANGES);
        assertThat(RecordClass.parse("nope")).isEmpty();
    }
}
