package dev.arbiter.core.readiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.audit.LedgerEntry;
import dev.arbiter.core.store.StoreException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadinessTest {

    @TempDir
    Path dir;
    Workspace workspace;
    Readiness readiness;

    @BeforeEach
    void open() {
        workspace = TestWorkspaces.open(dir);
        readiness = workspace.readiness();
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    private Assessment completed(String subject, LocalDate on, int... scores) {
        Assessment draft = readiness.start(subject, on, "山田 太郎", "test");
        Dimension[] all = Dimension.values();
        for (int i = 0; i < all.length; i++) {
            draft = draft.withScore(all[i], scores[i]).withNotes(all[i], "evidence " + i);
        }
        readiness.saveDraft(draft);
        return readiness.complete(draft.id(), "test");
    }

    private List<LedgerEntry> ledger(String event) {
        return workspace.auditReader().newest(new AuditQuery(null, null, null, event, null), 100);
    }

    @Test
    void everyEditOfADraftIsKeptAcrossARestart() {
        Assessment draft = readiness.start("Payments BU", LocalDate.of(2026, 3, 16), "Zoë Ñúñez", "test");
        readiness.saveDraft(draft.withScore(Dimension.OBSERVABILITY, 4)
                .withNotes(Dimension.OBSERVABILITY, "Central logging in Datadog; alerts on 3 of 7 agents"));
        workspace.close();
        workspace = TestWorkspaces.open(dir);

        Assessment reread = workspace.readiness().require(draft.id());

        assertThat(reread.status()).isEqualTo(AssessmentStatus.DRAFT);
        assertThat(reread.assessor()).isEqualTo("Zoë Ñúñez");
        assertThat(reread.score(Dimension.OBSERVABILITY).score()).isEqualTo(4);
        assertThat(reread.score(Dimension.OBSERVABILITY).notes()).startsWith("Central logging");
        assertThat(reread.score(Dimension.SECURITY_INFRASTRUCTURE).isScored()).isFalse();
    }

    @Test
    void completingIsAuditedWithTotalAndVerdict() {
        Assessment done = completed("Acme", LocalDate.of(2026, 3, 16), 4, 4, 3, 4, 3, 4);

        assertThat(done.isCompleted()).isTrue();
        assertThat(readiness.verdict(done).headline()).isEqualTo("Ready: 22/30 (minimum 20)");
        List<LedgerEntry> entries = ledger("readiness.completed");
        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.entry().actor()).isEqualTo("test");
            assertThat(e.entry().decision()).isEqualTo("ready");
            assertThat(e.entry().detail()).contains("\"total\":22").contains("\"verdict\":\"ready\"")
                    .contains("\"human_oversight\":4");
        });
        assertThat(workspace.verifier().verify().intact()).isTrue();
    }

    @Test
    void aDraftWithOpenDimensionsCannotBeCompletedAndSaysWhich() {
        Assessment draft = readiness.start("Acme", LocalDate.of(2026, 3, 16), "", "test");
        readiness.saveDraft(draft.withScore(Dimension.SECURITY_INFRASTRUCTURE, 3));

        assertThatThrownBy(() -> readiness.complete(draft.id(), "test"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name the assessor")
                .hasMessageContaining("Compliance Framework")
                .hasMessageNotContaining("Security Infrastructure");
        assertThat(ledger("readiness.completed")).isEmpty();
        assertThat(readiness.require(draft.id()).isCompleted()).isFalse();
    }

    @Test
    void completedAssessmentsAreReadOnly() {
        Assessment done = completed("Acme", LocalDate.of(2026, 3, 16), 3, 3, 3, 3, 3, 3);

        assertThatThrownBy(() -> readiness.saveDraft(done.withScore(Dimension.OBSERVABILITY, 5)))
                .hasMessageContaining("read-only").hasMessageContaining("copy it");
        assertThatThrownBy(() -> readiness.discardDraft(done.id(), "test")).hasMessageContaining("kept");
        // even SQL that bypasses the service cannot change it
        assertThatThrownBy(() -> workspace.database().write(tx -> tx.connection().createStatement()
                .executeUpdate("UPDATE readiness_score SET score = 5 WHERE assessment_id = " + done.id())))
                .isInstanceOf(StoreException.class).hasMessageContaining("read-only");
        assertThat(readiness.require(done.id()).score(Dimension.OBSERVABILITY).score()).isEqualTo(3);
    }

    @Test
    void aCompletedAssessmentKeepsItsVerdictWhenTheThresholdChangesLater() {
        Assessment done = completed("Acme", LocalDate.of(2026, 3, 16), 4, 4, 3, 3, 3, 3);
        workspace.settings().put(ReadinessThresholds.READY_MINIMUM, "24");

        Assessment draft = readiness.copy(done.id(), LocalDate.of(2026, 6, 16), "", "test");

        assertThat(readiness.verdict(readiness.require(done.id())).ready()).isTrue();
        assertThat(readiness.verdict(draft).outcome()).isEqualTo(Verdict.Outcome.NOT_READY);
        assertThat(readiness.verdict(draft).headline()).contains("4 short of 24");
    }

    @Test
    void aBrokenThresholdSettingFallsBackToTheGuide() {
        workspace.settings().put(ReadinessThresholds.READY_MINIMUM, "99");

        assertThat(readiness.thresholds()).isEqualTo(ReadinessThresholds.GUIDE);
    }

    @Test
    void copyStartsTheNextDraftFromTheLastAndLeavesItAlone() {
        Assessment q1 = completed("Acme", LocalDate.of(2026, 1, 10), 2, 3, 3, 3, 3, 3);

        Assessment q2 = readiness.copy(q1.id(), LocalDate.of(2026, 4, 10), "Zoë Ñúñez", "test");
        readiness.saveDraft(q2.withScore(Dimension.SECURITY_INFRASTRUCTURE, 4).withScore(Dimension.OBSERVABILITY, 2));

        assertThat(q2.status()).isEqualTo(AssessmentStatus.DRAFT);
        assertThat(q2.copiedFrom()).isEqualTo(q1.id());
        assertThat(q2.score(Dimension.COMPLIANCE_FRAMEWORK).notes()).isEqualTo("evidence 1");
        assertThat(readiness.require(q1.id()).score(Dimension.SECURITY_INFRASTRUCTURE).score()).isEqualTo(2);
        Comparison comparison = readiness.snapshot(q2.id()).comparison().orElseThrow();
        assertThat(comparison.previous().id()).isEqualTo(q1.id());
        assertThat(comparison.improved()).containsExactly(Dimension.SECURITY_INFRASTRUCTURE);
        assertThat(comparison.fellBack()).containsExactly(Dimension.OBSERVABILITY);
    }

    @Test
    void historyListsEveryAssessmentWithTotalAndVerdictAndTheTrendIsPerSubject() {
        Assessment older = completed("Acme", LocalDate.of(2025, 12, 15), 3, 3, 3, 3, 3, 2);
        Assessment newer = completed("Acme", LocalDate.of(2026, 3, 16), 4, 4, 3, 4, 3, 4);
        completed("Payments BU", LocalDate.of(2026, 2, 1), 1, 1, 1, 1, 1, 1);
        Assessment draft = readiness.start("Acme", LocalDate.of(2026, 6, 1), "x", "test");

        List<HistoryEntry> history = readiness.history();
        List<HistoryEntry> trend = readiness.trendOf("acme ");

        assertThat(history).hasSize(4);
        assertThat(history.get(0).assessment().id()).isEqualTo(draft.id());
        assertThat(history).filteredOn(h -> h.assessment().isCompleted())
                .extracting(h -> h.verdict().totalText() + " " + h.verdict().outcome())
                .containsExactly("22/30 READY", "6/30 NOT_READY", "17/30 NOT_READY");
        assertThat(trend).extracting(h -> h.assessment().id()).containsExactly(older.id(), newer.id());
        assertThat(readiness.previous(readiness.require(newer.id()))).map(Assessment::id).contains(older.id());
        assertThat(readiness.previous(readiness.require(older.id()))).isEmpty();
        assertThat(readiness.latestCompleted()).map(Assessment::id).contains(newer.id());
        // an older assessment's own trend stops at it; a draft's shows all completed ones
        assertThat(readiness.snapshot(older.id()).trend()).extracting(h -> h.assessment().id())
                .containsExactly(older.id());
        assertThat(readiness.snapshot(draft.id()).trend()).hasSize(2);
    }

    @Test
    void recommendedStepsBecomeATrackedChecklist() {
        Assessment done = completed("Acme", LocalDate.of(2026, 3, 16), 4, 4, 4, 1, 4, 4);
        ReadinessSnapshot snapshot = readiness.snapshot(done.id());
        RoadmapStep escalation = snapshot.nextSteps().stream().map(Recommendation::step)
                .filter(s -> s.key().equals("roadmap.tiered-escalation")).findFirst().orElseThrow();

        ChecklistItem item = readiness.track(done.id(), escalation.key(), "Priya (CISO)", "test");
        ChecklistItem again = readiness.track(done.id(), escalation.key(), "someone else", "test");
        ChecklistItem planned = readiness.plan(item.id(), "Priya (CISO)", LocalDate.of(2026, 4, 30));
        ChecklistItem ticked = readiness.setDone(item.id(), true, "test");

        assertThat(again.id()).isEqualTo(item.id());
        assertThat(item.dimension()).isEqualTo(Dimension.HUMAN_OVERSIGHT);
        assertThat(item.dueOn()).isEqualTo(LocalDate.of(2026, 3, 16).plusDays(60));
        assertThat(planned.dueOn()).isEqualTo(LocalDate.of(2026, 4, 30));
        assertThat(ticked.done()).isTrue();
        assertThat(readiness.checklist(done.id())).singleElement()
                .satisfies(i -> assertThat(i.owner()).isEqualTo("Priya (CISO)"));
        assertThat(ledger("readiness.step_tracked")).hasSize(1);
        // the tracker carries over to the next assessment of the same organisation, and only to it
        Assessment next = readiness.copy(done.id(), LocalDate.of(2026, 6, 16), "", "test");
        Assessment other = readiness.start("Payments BU", LocalDate.of(2026, 6, 16), "x", "test");
        assertThat(readiness.checklist(next.id())).extracting(ChecklistItem::id).containsExactly(item.id());
        assertThat(readiness.track(next.id(), escalation.key(), "", "test").id()).isEqualTo(item.id());
        assertThat(readiness.checklist(other.id())).isEmpty();
        assertThat(ledger("readiness.step_done")).singleElement()
                .satisfies(e -> assertThat(e.entry().detail()).contains("tiered escalation model"));
    }

    @Test
    void discardingADraftRemovesItAndIsAudited() {
        Assessment draft = readiness.start("Acme", null, "x", "test");

        readiness.discardDraft(draft.id(), "test");

        assertThat(readiness.find(draft.id())).isEmpty();
        assertThat(ledger("readiness.discarded")).hasSize(1);
        assertThat(ledger("readiness.started")).hasSize(1);
    }
}
