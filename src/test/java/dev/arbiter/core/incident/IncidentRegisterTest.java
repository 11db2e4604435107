package dev.arbiter.core.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.AgentProfile;
import dev.arbiter.core.agent.AgentStatus;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.decision.TestClock;
import dev.arbiter.core.policy.DailyBudget;
import dev.arbiter.testing.StoreKind;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IncidentRegisterTest {

    static final String POLICY = """
            agent_policy:
              name: ops
              allowed_actions:
                - read:tickets
            """;

    @TempDir
    Path dir;

    final TestClock clock = new TestClock(Instant.parse("2026-11-30T09:00:00Z"));

    private Workspace seeded(StoreKind.Place place) {
        Workspace ws = place.open(1, clock);
        ws.policies().save(POLICY, "test", null, true);
        ws.agents().add(new AgentProfile("ops-bot", "Ops bot", "Ops", "", "", "", "", Set.of(), DailyBudget.NONE,
                "ops", null), "test");
        for (int i = 0; i < 5; i++) {
            ws.ledger().append(AuditEntry.of("decision").agentId("ops-bot").traceId("t-" + i).build());
        }
        return ws;
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void openingFreezesTheRangeAndRecordsThePolicyInForceAndEveryStepIsAudited(StoreKind kind) {
        try (Workspace ws = seeded(kind.fresh(dir))) {
            long first = ws.ledger().headSeq() - 3;
            Incident i = ws.incidents().open(NewIncident.of("Refund loop", Severity.HIGH, List.of("OPS-BOT"))
                    .withRange(new LedgerRange(first, first + 1)).withEntries(List.of(first + 3)), "alice");

            assertThat(i.status()).isEqualTo(IncidentStatus.OPEN);
            assertThat(i.agents()).containsExactly("ops-bot");
            assertThat(i.pinned()).contains(new LedgerRange(first, first + 3));
            assertThat(i.policies()).containsExactly("ops v1 (ops-bot)");
            assertThat(i.timeline()).extracting(TimelineEvent::kind).containsExactly(TimelineKind.DETECTED);

            ws.incidents().acknowledge(i.id(), "on it", "bob");
            clock.advance(Duration.ofMinutes(5));
            ws.incidents().move(i.id(), IncidentStatus.CONTAINED, "agent paused", "bob");
            ws.incidents().move(i.id(), IncidentStatus.RESOLVED, null, "bob");
            ws.incidents().setRootCause(i.id(), "Retry without back-off", "bob");
            ws.incidents().addFollowUp(i.id(), "Add a rate limit on refunds", "bob");
            Incident closed = ws.incidents().move(i.id(), IncidentStatus.CLOSED, "done", "carol");

            assertThat(closed.status()).isEqualTo(IncidentStatus.CLOSED);
            assertThat(closed.followUps()).containsExactly("Add a rate limit on refunds");
            assertThat(closed.first(TimelineKind.CONTAINED).orElseThrow().at())
                    .isEqualTo(Instant.parse("2026-11-30T09:05:00Z"));
            assertThat(closed.first(TimelineKind.CLOSED).orElseThrow().actor()).isEqualTo("carol");
            for (TimelineEvent e : closed.timeline()) {
                var entry = ws.auditReader().newest(AuditQuery.all(), 100).stream()
                        .filter(le -> le.seq() == e.auditSeq()).findFirst();
                assertThat(entry).as("audit entry of %s", e.kind()).isPresent();
                assertThat(entry.get().entry().event()).startsWith("incident.");
                assertThat(entry.get().entry().actor()).isEqualTo(e.actor());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void illegalStepsAreRefusedWithAMessageAndChangeNothing(StoreKind kind) {
        try (Workspace ws = seeded(kind.fresh(dir))) {
            long id = ws.incidents().open(NewIncident.of("Leak", Severity.CRITICAL, List.of()), "alice").id();
            long head = ws.ledger().headSeq();

            assertThatThrownBy(() -> ws.incidents().move(id, IncidentStatus.RESOLVED, null, "bob"))
                    .isInstanceOf(IncidentRuleException.class)
                    .hasMessage("Incident " + id + " is open: it can only be contained next (contain), not resolved");
            assertThatThrownBy(() -> ws.incidents().move(id, IncidentStatus.OPEN, null, "bob"))
                    .hasMessageContaining("is open already");
            ws.incidents().move(id, IncidentStatus.CONTAINED, null, "bob");
            ws.incidents().move(id, IncidentStatus.RESOLVED, null, "bob");
            assertThatThrownBy(() -> ws.incidents().move(id, IncidentStatus.CLOSED, null, "bob"))
                    .hasMessageContaining("no root cause yet");
            assertThat(ws.incidents().get(id).status()).isEqualTo(IncidentStatus.RESOLVED);
            assertThat(ws.ledger().headSeq()).isEqualTo(head + 2);

            ws.incidents().setRootCause(id, "Prompt injection", "bob");
            ws.incidents().move(id, IncidentStatus.CLOSED, null, "bob");
            assertThatThrownBy(() -> ws.incidents().addNote(id, "late", "bob"))
                    .isInstanceOf(IncidentRuleException.class).hasMessageContaining("closed and locked");
            assertThatThrownBy(() -> ws.incidents().move(id, IncidentStatus.OPEN, null, "bob"))
                    .hasMessageContaining("closed and locked");
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void badInputNamesTheField(StoreKind kind) {
        try (Workspace ws = seeded(kind.fresh(dir))) {
            var r = ws.incidents();
            assertThatThrownBy(() -> r.open(NewIncident.of("  ", Severity.LOW, List.of()), "a"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("title: required");
            assertThatThrownBy(() -> r.open(NewIncident.of("x", Severity.LOW, List.of("ghost")), "a"))
                    .hasMessageStartingWith("agents: there is no agent 'ghost'");
            assertThatThrownBy(() -> r.open(NewIncident.of("x", Severity.LOW, List.of())
                    .withEntries(List.of(999L)), "a")).hasMessageStartingWith("entries: there is no ledger entry 999");
            assertThatThrownBy(() -> r.open(NewIncident.of("x", Severity.LOW, List.of())
                    .detectedAt(clock.instant().plus(Duration.ofHours(1))), "a"))
                    .hasMessageStartingWith("detected: ");
            assertThat(r.list()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void art73ClocksRunFromAwarenessAndFollowTheClassification(StoreKind kind) {
        try (Workspace ws = seeded(kind.fresh(dir))) {
            Instant aware = clock.instant().minus(Duration.ofHours(6));
            Incident i = ws.incidents().open(NewIncident.of("Wrong dosage advice", Severity.CRITICAL, List.of())
                    .detectedAt(aware), "alice");
            // not yet assessed: the shortest clock (Art. 73(3), 2 days)
            assertThat(i.deadline().orElseThrow().due()).isEqualTo(aware.plus(Duration.ofDays(2)));

            i = ws.incidents().classify(i.id(), SeriousIncidentClass.DEATH, "patient died", "alice");
            ReportingDeadline d = i.deadline().orElseThrow();
            assertThat(d.due()).isEqualTo(aware.plus(Duration.ofDays(10)));
            assertThat(d.stateAt(clock.instant())).isEqualTo(ReportingDeadline.State.PENDING);
            clock.advance(Duration.ofDays(10));
            assertThat(d.stateAt(clock.instant())).isEqualTo(ReportingDeadline.State.OVERDUE);
            assertThat(d.describeAt(clock.instant())).startsWith("OVERDUE since 2026-12-10 03:00 UTC");

            i = ws.incidents().markReported(i.id(), null, "MSA-2026-17", "alice");
            assertThat(i.deadline().orElseThrow().stateAt(clock.instant())).isEqualTo(ReportingDeadline.State.LATE);
            assertThatThrownBy(() -> ws.incidents().markReported(i2(ws), null, null, "a"))
                    .hasMessageContaining("no Art. 73 report is due");
        }
    }

    private static long i2(Workspace ws) {
        long id = ws.incidents().open(NewIncident.of("Typo in a reply", Severity.LOW, List.of())
                .classified(SeriousIncidentClass.NOT_SERIOUS), "alice").id();
        assertThat(ws.incidents().get(id).deadline()).isEmpty();
        return id;
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void anActionTakenFromTheIncidentRunsAuditedAndIsLinked(StoreKind kind) {
        try (Workspace ws = seeded(kind.fresh(dir))) {
            long id = ws.incidents().open(NewIncident.of("Runaway cost", Severity.HIGH, List.of("ops-bot")), "a").id();

            Incident i = ws.incidents().takeAction(id, new IncidentAction.PauseAgent("Ops-Bot", "stop the loop"), "a");
            assertThat(ws.agents().find("ops-bot").orElseThrow().status()).isEqualTo(AgentStatus.PAUSED);
            TimelineEvent action = i.actions().get(0);
            var entry = ws.auditReader().newest(AuditQuery.all(), 50).stream()
                    .filter(e -> e.seq() == action.auditSeq()).findFirst().orElseThrow();
            assertThat(entry.entry().event()).isEqualTo("agent.paused");
            assertThat(entry.entry().detail()).contains("incident " + id);

            i = ws.incidents().takeAction(id, new IncidentAction.KillSwitch(null, "contain"), "a");
            assertThat(ws.killSwitch().global().engaged()).isTrue();
            assertThat(i.actions()).hasSize(2);
            assertThatThrownBy(() -> ws.incidents().linkAction(id, 9999, null, "a"))
                    .hasMessageStartingWith("entry: there is no ledger entry 9999");
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void anotherProcessSeesTheIncidentAndItsFreeze(StoreKind kind) {
        StoreKind.Place place = kind.fresh(dir);
        try (Workspace one = seeded(place); Workspace two = place.open(2, clock)) {
            long id = one.incidents().open(NewIncident.of("Token leak", Severity.HIGH, List.of())
                    .withRange(new LedgerRange(2, 3)), "alice").id();
            assertThat(two.incidents().get(id).title()).isEqualTo("Token leak");
            assertThat(two.incidents().refusal(1, 2)).hasValueSatisfying(
                    why -> assertThat(why).contains("incident " + id + " (Token leak) freezes ledger entries 2..3"));
            assertThat(two.incidents().refusal(4, 10)).isEmpty();
        }
    }
}
