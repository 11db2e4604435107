package dev.arbiter.core.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.audit.LedgerEntry;
import dev.arbiter.core.store.DataDirectory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssessmentServiceTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-03-16T09:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    @TempDir
    Path dir;
    ManualClock clock = new ManualClock();
    Workspace workspace;
    AssessmentService service;

    @BeforeEach
    void open() {
        workspace = Workspace.open(new DataDirectory(dir), clock);
        service = workspace.assessments();
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    private void reopen() {
        workspace.close();
        open();
    }

    private Assessment readyForReview() {
        Assessment a = service.create("Customer support assistant", "Priya Shah", "lead");
        return service.saveDraft(a.id(), a.version(), ApprovalRulesTest.complete(), "lead");
    }

    private void passAllReviews(long id) {
        for (ReviewKind kind : ReviewKind.values()) {
            service.recordReview(id, kind, Verdict.PASS, "Reviewer " + kind.name(), "ok", "lead");
        }
    }

    private List<String> auditEvents() {
        List<String> events = new ArrayList<>();
        workspace.auditReader().forEach(AuditQuery.all(), e -> events.add(e.entry().event()));
        return events;
    }

    @Test
    void newAssessmentStartsAsDraftWithTheGuidesSixRisksUnscored() {
        Assessment a = service.create("Refunds automation", "Marco Rossi", "lead");

        assertThat(a.status()).isEqualTo(AssessmentStatus.DRAFT);
        assertThat(a.version()).isEqualTo(1);
        assertThat(a.content().risks()).extracting(Risk::category).containsExactlyElementsOf(Risk.GUIDE_CATEGORIES);
        assertThat(a.content().risks()).allMatch(r -> r.inherent() == null && r.fromGuide());
        assertThat(auditEvents()).containsExactly("assessment.created");
    }

    @Test
    void everyDraftEditSurvivesReopeningTheWorkspaceEvenHalfScored() {
        Assessment a = service.create("Refunds automation", "Marco Rossi", "lead");
        List<Risk> risks = new ArrayList<>(a.content().risks());
        risks.set(0, new Risk("Data exfiltration", true, 4, null, "DLP on outbound mail", "", null, null));
        risks.add(Risk.unscored("Prompt injection", false));
        service.saveDraft(a.id(), 1, a.content().withRisks(risks), "lead");

        reopen();
        Assessment reloaded = service.get(a.id());

        assertThat(reloaded.content().risks()).hasSize(7);
        assertThat(reloaded.content().risks().get(0).likelihood()).isEqualTo(4);
        assertThat(reloaded.content().risks().get(0).impact()).isNull();
        assertThat(reloaded.content().risks().get(0).mitigation()).isEqualTo("DLP on outbound mail");
        assertThat(reloaded.content().risks().get(6).fromGuide()).isFalse();
    }

    @Test
    void changeHistoryNamesWhoChangedWhatAndFoldsTyping() {
        Assessment a = service.create("Refunds", "Marco Rossi", "lead");
        for (String typed : List.of("Refunds a", "Refunds aut", "Refunds automation")) {
            clock.advance(Duration.ofSeconds(1));
            a = service.saveDraft(a.id(), 1, a.content().withOverview(new SystemOverview(typed, "", 1, List.of(),
                    List.of(), "Marco Rossi")), "lead");
        }
        clock.advance(Duration.ofSeconds(5));
        List<Risk> risks = new ArrayList<>(a.content().risks());
        risks.set(5, new Risk("Cost overruns", true, 3, null, "", "", null, null));
        service.saveDraft(a.id(), 1, a.content().withRisks(risks), "anna");

        assertThat(service.changes(a.id(), 1)).extracting(FieldChange::actor, FieldChange::field,
                FieldChange::before, FieldChange::after).containsExactly(
                org.assertj.core.groups.Tuple.tuple("lead", "System name", "Refunds", "Refunds automation"),
                org.assertj.core.groups.Tuple.tuple("anna", "Risk 'Cost overruns': likelihood", "not scored", "3"));
    }

    @Test
    void incompleteDraftCannotBeSubmittedAndSaysWhy() {
        Assessment a = service.create("", "", "lead");

        assertThatThrownBy(() -> service.submit(a.id(), "lead"))
                .isInstanceOf(AssessmentRuleException.class)
                .hasMessageStartingWith("RA-" + a.id() + " is not ready for review:")
                .satisfies(e -> assertThat(((AssessmentRuleException) e).problems()).contains("System name is empty."));
        assertThat(service.get(a.id()).status()).isEqualTo(AssessmentStatus.DRAFT);
    }

    @Test
    void fullWorkflowLocksTheApprovedVersionAndAuditsEveryStep() {
        Assessment a = readyForReview();
        service.submit(a.id(), "lead");
        assertThatThrownBy(() -> service.saveDraft(a.id(), 1, ApprovalRulesTest.complete()
                .withOverview(SystemOverview.empty()), "lead"))
                .hasMessageContaining("is in review and cannot be edited");

        service.recordReview(a.id(), ReviewKind.SECURITY, Verdict.PASS, "Ана Иванова", "", "lead");
        service.recordReview(a.id(), ReviewKind.COMPLIANCE, Verdict.PASS, "Lena Park", "GDPR DPA on file", "lead");
        assertThatThrownBy(() -> service.approve(a.id(), "", "cto"))
                .hasMessageContaining("Architecture review has not been recorded.");
        service.recordReview(a.id(), ReviewKind.ARCHITECTURE, Verdict.PASS, "Tom Ng", "", "lead");

        Assessment approved = service.approve(a.id(), "Go", "cto");

        assertThat(approved.status()).isEqualTo(AssessmentStatus.APPROVED);
        assertThat(approved.nextReviewDate()).isEqualTo(LocalDate.parse("2026-06-16"));
        assertThat(approved.review(ReviewKind.SECURITY)).map(Review::reviewer).contains("Ана Иванова");
        assertThat(auditEvents()).containsExactly("assessment.created", "assessment.submitted",
                "assessment.reviewed", "assessment.reviewed", "assessment.reviewed", "assessment.approved");
        assertThatThrownBy(() -> service.saveDraft(a.id(), 1, ApprovalRulesTest.complete(), "lead"))
                .hasMessageContaining("is approved and cannot be edited")
                .hasMessageContaining("Start a new version");
        assertThat(workspace.verifier().verify().intact()).isTrue();
    }

    @Test
    void reviewEntryInTheLedgerNamesReviewerAndVerdict() {
        Assessment a = readyForReview();
        service.submit(a.id(), "lead");
        service.recordReview(a.id(), ReviewKind.SECURITY, Verdict.FAIL, "Ана Иванова", "Tokens never expire",
                "lead");

        LedgerEntry entry = workspace.auditReader().newest(
                new AuditQuery(null, null, null, "assessment.reviewed", null), 1).get(0);
        assertThat(entry.entry().actor()).isEqualTo("lead");
        assertThat(entry.entry().detail()).contains("\"review\":\"security\"", "\"verdict\":\"fail\"",
                "Ана Иванова", "Tokens never expire");
        assertThatThrownBy(() -> service.approve(a.id(), "", "cto"))
                .hasMessageContaining("Security review failed (Ана Иванова): Tokens never expire");
    }

    @Test
    void failedReviewNeedsAComment() {
        Assessment a = readyForReview();
        service.submit(a.id(), "lead");
        assertThatThrownBy(() -> service.recordReview(a.id(), ReviewKind.ARCHITECTURE, Verdict.FAIL, "Tom", " ",
                "lead")).hasMessage("A failed architecture review needs a comment saying what must change.");
    }

    @Test
    void residualAboveTheConfiguredToleranceNeedsAnException() {
        Assessment a = service.create("Refunds automation", "Marco Rossi", "lead");
        List<Risk> risks = new ArrayList<>(ApprovalRulesTest.complete().risks());
        risks.set(1, Risk.of("Unauthorized actions", true, new Rating(4, 5), "Gate refunds over $100", "Marco",
                new Rating(3, 4)));
        service.saveDraft(a.id(), 1, ApprovalRulesTest.complete().withRisks(risks), "lead");
        service.submit(a.id(), "lead");
        passAllReviews(a.id());

        assertThatThrownBy(() -> service.approve(a.id(), "", "cto"))
                .hasMessageContaining("Residual risk 'Unauthorized actions' is High (12)");
        assertThatThrownBy(() -> service.acceptException(a.id(), "Data exfiltration", "why not", "cto"))
                .hasMessageContaining("is within the tolerance (medium); it needs no exception");

        service.setTolerance(RiskBand.HIGH, "cto");
        assertThat(service.rules().blockersToApproval(service.get(a.id()))).isEmpty();
        service.setTolerance(RiskBand.MEDIUM, "cto");

        service.acceptException(a.id(), "unauthorized actions", "Refund volume capped at $5k/day", "cto");
        Assessment approved = service.approve(a.id(), "", "cto");
        assertThat(approved.exceptions()).extracting(RiskException::category).containsExactly("Unauthorized actions");
        assertThat(auditEvents()).contains("assessment.tolerance_changed", "assessment.exception_accepted");
    }

    @Test
    void returningToDraftWithdrawsReviews() {
        Assessment a = readyForReview();
        service.submit(a.id(), "lead");
        passAllReviews(a.id());

        Assessment back = service.returnToDraft(a.id(), "Add the new payments tool", "lead");

        assertThat(back.status()).isEqualTo(AssessmentStatus.DRAFT);
        assertThat(back.reviews()).isEmpty();
    }

    @Test
    void changingAnApprovedAssessmentStartsANewVersionAndKeepsTheOld() {
        Assessment a = readyForReview();
        service.submit(a.id(), "lead");
        passAllReviews(a.id());
        service.approve(a.id(), "", "cto");
        clock.advance(Duration.ofDays(30));

        Assessment v2 = service.startNewVersion(a.id(), "lead");
        AssessmentContent changed = v2.content().withOverview(new SystemOverview("Customer support assistant",
                "Answers billing and refund questions", 2, List.of("support-agent-v2", "refunds-agent"), List.of(),
                "Priya Shah"));
        service.saveDraft(a.id(), 2, changed, "lead");

        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.status()).isEqualTo(AssessmentStatus.DRAFT);
        assertThat(service.get(a.id(), 1).status()).isEqualTo(AssessmentStatus.APPROVED);
        assertThat(service.get(a.id(), 1).content().overview().agentCount()).isEqualTo(1);
        assertThat(service.versions(a.id())).extracting(VersionSummary::version, VersionSummary::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, AssessmentStatus.APPROVED),
                        org.assertj.core.groups.Tuple.tuple(2, AssessmentStatus.DRAFT));
        assertThat(service.changes(a.id(), 2)).extracting(FieldChange::field)
                .containsExactly("Business purpose", "Agent count", "Agent ids", "External tools/APIs");
        assertThatThrownBy(() -> service.saveDraft(a.id(), 1, changed, "lead"))
                .hasMessageContaining("no longer the newest version (v2 is)");

        AssessmentSummary row = service.list().get(0);
        assertThat(row.status()).isEqualTo(AssessmentStatus.DRAFT);
        assertThat(row.version()).isEqualTo(2);
        assertThat(row.nextReviewDate()).isEqualTo(LocalDate.parse("2026-06-16"));
        assertThat(row.highestResidual()).isEqualTo(new Rating(2, 2));
    }

    @Test
    void theDatabaseRefusesToChangeAnApprovedVersion() throws SQLException {
        Assessment a = readyForReview();
        service.submit(a.id(), "lead");
        passAllReviews(a.id());
        service.approve(a.id(), "", "cto");

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("arbiter.db"));
             Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.executeUpdate("UPDATE assessment_version SET system_name = 'x'"))
                    .hasMessageContaining("decided and locked");
            assertThatThrownBy(() -> st.executeUpdate("UPDATE assessment_risk SET likelihood = 1"))
                    .hasMessageContaining("only change while the assessment is a draft");
            assertThatThrownBy(() -> st.executeUpdate("DELETE FROM assessment_review"))
                    .hasMessageContaining("sign-offs of a decided assessment are kept");
        }
    }

    @Test
    void rejectionNeedsAReasonAndLocksTheVersion() {
        Assessment a = readyForReview();
        service.submit(a.id(), "lead");
        assertThatThrownBy(() -> service.reject(a.id(), "", "cto")).hasMessage("A rejection needs a reason.");

        Assessment rejected = service.reject(a.id(), "No fallback when the LLM API is down", "cto");

        assertThat(rejected.status()).isEqualTo(AssessmentStatus.REJECTED);
        assertThat(rejected.decision().comment()).isEqualTo("No fallback when the LLM API is down");
        assertThat(rejected.nextReviewDate()).isNull();
        assertThat(service.startNewVersion(a.id(), "lead").status()).isEqualTo(AssessmentStatus.DRAFT);
    }

    @Test
    void unknownIdIsNamed() {
        assertThatThrownBy(() -> service.get(42)).isInstanceOf(UnknownAssessmentException.class)
                .hasMessage("There is no risk assessment RA-42 in this workspace.");
    }
}
