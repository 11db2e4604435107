package dev.arbiter.core.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.decision.TestClock;
import dev.arbiter.testing.StoreKind;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Discarding a draft risk assessment and restoring it (issue #20), on SQLite and on PostgreSQL. */
class AssessmentDiscardTest {

    @TempDir
    Path dir;

    final TestClock clock = new TestClock(Instant.parse("2026-11-30T09:00:00Z"));

    private static List<String> eventsAfter(Workspace ws, long seq) {
        return ws.auditReader().newest(AuditQuery.all(), 100).stream().filter(e -> e.seq() > seq)
                .sorted(Comparator.comparingLong(e -> e.seq())).map(e -> e.entry().event()).toList();
    }

    private static Assessment approved(AssessmentService service) {
        Assessment a = service.create("Support assistant", "Priya Shah", "lead");
        service.saveDraft(a.id(), a.version(), ApprovalRulesTest.complete(), "lead");
        service.submit(a.id(), "lead");
        for (ReviewKind kind : ReviewKind.values()) {
            service.recordReview(a.id(), kind, Verdict.PASS, "Reviewer " + kind.name(), "ok", "lead");
        }
        return service.approve(a.id(), "", "cto");
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aDiscardedDraftLeavesTheListsAndComesBackAsItWas(StoreKind kind) {
        StoreKind.Place place = kind.fresh(dir);
        try (Workspace ws = place.open(1, clock); Workspace other = place.open(2, clock)) {
            AssessmentService service = ws.assessments();
            Assessment kept = service.create("Kept system", "Ann", "lead");
            Assessment draft = service.create("Started by mistake", "Ann", "lead");
            draft = service.saveDraft(draft.id(), 1, ApprovalRulesTest.complete(), "lead");
            long head = ws.ledger().headSeq();

            Assessment discarded = service.discard(draft.id(), "lead");

            assertThat(discarded.version()).isEqualTo(1);
            // another process sees the same: the draft is in no list and cannot be read or reported
            assertThat(other.assessments().list()).extracting(AssessmentSummary::id).containsExactly(kept.id());
            long id = draft.id();
            assertThatThrownBy(() -> other.assessments().get(id)).isInstanceOf(UnknownAssessmentException.class);
            assertThatThrownBy(() -> other.assessments().get(id, 1)).isInstanceOf(UnknownAssessmentException.class)
                    .hasMessageContaining("discarded draft").hasMessageContaining("arbiter assessment restore RA-" + id);
            assertThatThrownBy(() -> service.saveDraft(id, 1, AssessmentContent.blank("x", "y"), "lead"))
                    .isInstanceOf(UnknownAssessmentException.class);
            assertThatThrownBy(() -> service.discard(id, "lead")).isInstanceOf(UnknownAssessmentException.class);

            Assessment restored = other.assessments().restore(id, "lead");

            assertThat(restored.content()).isEqualTo(draft.content());
            assertThat(restored.status()).isEqualTo(AssessmentStatus.DRAFT);
            assertThat(service.list()).extracting(AssessmentSummary::id).containsExactlyInAnyOrder(kept.id(), id);
            assertThat(service.saveDraft(id, 1, AssessmentContent.blank("Renamed", "Ann"), "lead")
                    .content().overview().systemName()).isEqualTo("Renamed");
            assertThat(eventsAfter(ws, head)).containsExactly("assessment.discarded", "assessment.restored");
            assertThatThrownBy(() -> service.restore(id, "lead")).isInstanceOf(AssessmentRuleException.class)
                    .hasMessage("RA-" + id + " has no discarded draft to restore.");
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void discardingARevisionShowsTheDecidedVersionAgainAndNumbersAreNeverReused(StoreKind kind) {
        try (Workspace ws = kind.fresh(dir).open(1, clock)) {
            AssessmentService service = ws.assessments();
            Assessment v1 = approved(service);
            long id = v1.id();
            assertThatThrownBy(() -> service.discard(id, "lead")).isInstanceOf(AssessmentRuleException.class)
                    .hasMessageContaining("only a draft can be discarded");
            service.startNewVersion(id, "lead");

            service.discard(id, "lead");

            assertThat(service.get(id).version()).isEqualTo(1);
            assertThat(service.list()).singleElement().satisfies(s -> {
                assertThat(s.version()).isEqualTo(1);
                assertThat(s.status()).isEqualTo(AssessmentStatus.APPROVED);
            });
            assertThat(service.versions(id)).extracting(VersionSummary::version).containsExactly(1);

            Assessment v3 = service.startNewVersion(id, "lead");
            assertThat(v3.version()).isEqualTo(3);
            assertThat(service.versions(id)).extracting(VersionSummary::version).containsExactly(1, 3);

            service.discard(id, "lead");                       // v3 is the last discarded: it comes back
            assertThat(service.restore(id, "lead").version()).isEqualTo(3);
            service.discard(id, "lead");
            service.restore(id, "lead");
            assertThat(service.get(id).version()).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aRestoreNeverMakesTwoDrafts(StoreKind kind) {
        try (Workspace ws = kind.fresh(dir).open(1, clock)) {
            AssessmentService service = ws.assessments();
            long id = approved(service).id();
            service.startNewVersion(id, "lead");               // v2
            service.discard(id, "lead");
            clock.advance(java.time.Duration.ofSeconds(1));
            service.startNewVersion(id, "lead");               // v3, started after v2 was discarded
            service.discard(id, "lead");
            service.restore(id, "lead");                        // v3 back

            // v2 is now the only discarded one, but v3 is newer: restoring v2 would make a second draft
            assertThatThrownBy(() -> service.restore(id, "lead")).isInstanceOf(AssessmentRuleException.class)
                    .hasMessage("RA-" + id + " v2 stays discarded: v3 was started after it. Discard v3 first to go"
                            + " back to v2.");
            assertThatThrownBy(() -> service.restore(999, "lead")).isInstanceOf(UnknownAssessmentException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void theDatabaseRefusesToDiscardADecidedVersionOrChangeADiscardedDraft(StoreKind kind) {
        try (Workspace ws = kind.fresh(dir).open(1, clock)) {
            AssessmentService service = ws.assessments();
            long approvedId = approved(service).id();
            long draftId = service.create("Draft", "Ann", "lead").id();
            service.discard(draftId, "lead");

            assertThatThrownBy(() -> ws.database().write(tx -> {
                try (Statement st = tx.connection().createStatement()) {
                    return st.executeUpdate("INSERT INTO assessment_discard VALUES (" + approvedId
                            + ", 1, '2026-11-30T09:00:00.000Z', 'x')");
                }
            })).hasMessageContaining("only a draft can be discarded");
            assertThatThrownBy(() -> ws.database().write(tx -> {
                try (Statement st = tx.connection().createStatement()) {
                    return st.executeUpdate("UPDATE assessment_version SET system_name = 'x' WHERE assessment_id = "
                            + draftId);
                }
            })).hasMessageContaining("this draft is discarded; restore it to change it");
        }
    }
}
