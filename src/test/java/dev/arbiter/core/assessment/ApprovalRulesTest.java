package dev.arbiter.core.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApprovalRulesTest {

    private static final ApprovalRules RULES = new ApprovalRules(RiskBand.MEDIUM);
    private static final Instant NOW = Instant.parse("2026-03-16T14:00:00Z");

    static AssessmentContent complete() {
        List<Risk> risks = new ArrayList<>();
        for (String category : Risk.GUIDE_CATEGORIES) {
            risks.add(Risk.of(category, true, new Rating(3, 3), "Scoped tokens and output checks", "Priya Shah",
                    new Rating(2, 2)));
        }
        return new AssessmentContent(
                new SystemOverview("Customer support assistant", "Answers billing questions", 1,
                        List.of("support-agent-v2"), List.of("crm-api", "email-service"), "Priya Shah"),
                new DataClassification(Set.of(DataClass.PII), Set.of(Regulation.GDPR), "EU only", "13 months"),
                risks, ReviewCadence.QUARTERLY);
    }

    static Assessment inReview(AssessmentContent content, List<Review> reviews, List<RiskException> exceptions) {
        return new Assessment(1, 1, AssessmentStatus.IN_REVIEW, content, reviews, exceptions, "lead", NOW, "lead",
                NOW, "lead", NOW, null, null);
    }

    static List<Review> allPassed() {
        return List.of(review(ReviewKind.SECURITY, Verdict.PASS), review(ReviewKind.COMPLIANCE, Verdict.PASS),
                review(ReviewKind.ARCHITECTURE, Verdict.PASS));
    }

    static Review review(ReviewKind kind, Verdict verdict) {
        return new Review(kind, verdict, "Reviewer", NOW, verdict == Verdict.FAIL ? "Tokens never expire" : "",
                "lead");
    }

    @Test
    void scoreIsLikelihoodTimesImpactAndBandsCoverEveryProduct() {
        assertThat(new Rating(3, 4).score()).isEqualTo(12);
        assertThat(new Rating(1, 4).band()).isEqualTo(RiskBand.LOW);
        assertThat(new Rating(1, 5).band()).isEqualTo(RiskBand.MEDIUM);
        assertThat(new Rating(3, 3).band()).isEqualTo(RiskBand.MEDIUM);
        assertThat(new Rating(2, 5).band()).isEqualTo(RiskBand.HIGH);
        assertThat(new Rating(4, 4).band()).isEqualTo(RiskBand.HIGH);
        assertThat(new Rating(4, 5).band()).isEqualTo(RiskBand.CRITICAL);
        assertThat(new Rating(5, 5).band()).isEqualTo(RiskBand.CRITICAL);
        for (int l = 1; l <= 5; l++) {
            for (int i = 1; i <= 5; i++) {
                Rating r = new Rating(l, i);
                assertThat(r.score()).isBetween(r.band().lowest(), r.band().highest());
            }
        }
    }

    @Test
    void ratingsOutsideOneToFiveAreRefused() {
        assertThatThrownBy(() -> new Rating(0, 3)).hasMessageContaining("likelihood is rated 1 to 5, not 0");
        assertThatThrownBy(() -> new Risk("X", false, 6, null, "", "", null, null))
                .hasMessageContaining("likelihood is rated 1 to 5, not 6");
    }

    @Test
    void halfScoredRiskHasNoRatingYet() {
        Risk risk = new Risk("Cost overruns", true, 4, null, "", "", null, null);
        assertThat(risk.inherent()).isNull();
        assertThat(risk.likelihood()).isEqualTo(4);
    }

    @Test
    void dataClassesSuggestTheirRegulations() {
        assertThat(DataClass.suggestionsFor(List.of(DataClass.PHI))).containsExactly(Regulation.HIPAA);
        assertThat(DataClass.suggestionsFor(List.of(DataClass.PII, DataClass.FINANCIAL)))
                .containsExactly(Regulation.GDPR, Regulation.CCPA, Regulation.PCI_DSS, Regulation.SOC_2,
                        Regulation.FINRA);
        assertThat(DataClass.suggestionsFor(List.of(DataClass.PUBLIC))).isEmpty();
        DataClassification chosen = new DataClassification(Set.of(DataClass.PII), Set.of(Regulation.GDPR), "", "");
        assertThat(chosen.unconfirmedSuggestions()).containsExactly(Regulation.CCPA);
    }

    @Test
    void completeDraftCanBeSubmitted() {
        assertThat(RULES.problemsBeforeReview(complete())).isEmpty();
    }

    @Test
    void blankDraftListsEveryMissingItemByName() {
        List<String> problems = RULES.problemsBeforeReview(AssessmentContent.blank("", ""));

        assertThat(problems).contains("System name is empty.", "Business purpose is empty.", "Owner is empty.",
                "Data residency is empty.", "Retention is empty.",
                "Risk 'Data exfiltration' needs a likelihood and an impact (1-5).");
        assertThat(problems).anyMatch(p -> p.startsWith("Data classification: tick at least one data type"));
        assertThat(problems).filteredOn(p -> p.contains("needs a likelihood")).hasSize(6);
    }

    @Test
    void mediumOrHigherRiskNeedsMitigationAndOwnerAndResidualMayNotExceedInherent() {
        AssessmentContent content = complete().withRisks(List.of(
                new Risk("Data exfiltration", true, 4, 4, "", "", 2, 2),
                new Risk("Cost overruns", true, 1, 2, "", "", 1, 2),
                new Risk("Prompt injection", false, 2, 2, "Input filter", "Sam", 3, 3),
                new Risk("prompt injection", false, 1, 1, "", "", 1, 1)));

        assertThat(RULES.problemsBeforeReview(content)).containsExactly(
                "Risk 'Data exfiltration' is high before mitigation and needs a mitigation.",
                "Risk 'Data exfiltration' is high before mitigation and needs an owner.",
                "Risk 'Prompt injection': the residual score 9 is above the inherent score 4; a mitigation cannot"
                        + " raise a risk.",
                "Risk 'prompt injection' is listed twice; give each risk its own name.");
    }

    @Test
    void agentIdsCannotOutnumberTheAgentCount() {
        AssessmentContent content = complete().withOverview(new SystemOverview("S", "P", 1,
                List.of("a", "b"), List.of(), "O"));
        assertThat(RULES.problemsBeforeReview(content))
                .containsExactly("Agent count is 1 but 2 agent ids are listed; raise the count or remove ids.");
    }

    @Test
    void approvalNeedsAllThreeReviewsPassed() {
        assertThat(RULES.blockersToApproval(inReview(complete(), allPassed(), List.of()))).isEmpty();

        List<Review> twoPassedOneFailed = List.of(review(ReviewKind.SECURITY, Verdict.FAIL),
                review(ReviewKind.COMPLIANCE, Verdict.PASS));
        assertThat(RULES.blockersToApproval(inReview(complete(), twoPassedOneFailed, List.of()))).containsExactly(
                "Security review failed (Reviewer): Tokens never expire",
                "Architecture review has not been recorded.");
    }

    @Test
    void onlyAnAssessmentInReviewCanBeApproved() {
        Assessment draft = new Assessment(4, 2, AssessmentStatus.DRAFT, complete(), allPassed(), List.of(), "l",
                NOW, "l", NOW, null, null, null, null);
        assertThat(RULES.blockersToApproval(draft))
                .containsExactly("Only an assessment in review can be approved; RA-4 v2 is draft.");
    }

    @Test
    void residualAboveToleranceNeedsAnAcceptedException() {
        List<Risk> risks = new ArrayList<>(complete().risks());
        risks.set(5, Risk.of("Cost overruns", true, new Rating(5, 5), "Budget cap", "Finance", new Rating(3, 4)));
        AssessmentContent content = complete().withRisks(risks);

        assertThat(RULES.aboveTolerance(content)).extracting(Risk::category).containsExactly("Cost overruns");
        assertThat(RULES.blockersToApproval(inReview(content, allPassed(), List.of()))).containsExactly(
                "Residual risk 'Cost overruns' is High (12), above the tolerance medium; accept an exception, or"
                        + " return the assessment to draft to lower it.");

        RiskException accepted = new RiskException("Cost overruns", "Capped by provider budget", "CFO", NOW);
        assertThat(RULES.blockersToApproval(inReview(content, allPassed(), List.of(accepted)))).isEmpty();
        assertThat(new ApprovalRules(RiskBand.HIGH).blockersToApproval(inReview(content, allPassed(), List.of())))
                .isEmpty();
    }

    @Test
    void highestResidualIsTheLargestScore() {
        Assessment a = inReview(complete().withRisks(List.of(
                Risk.of("A", false, new Rating(3, 3), "m", "o", new Rating(2, 3)),
                Risk.of("B", false, new Rating(4, 4), "m", "o", new Rating(3, 3)),
                Risk.unscored("C", false))), List.of(), List.of());
        assertThat(a.highestResidual()).map(Risk::category).contains("B");
    }

    @Test
    void filterMatchesTextStatusBandAndOverdue() {
        LocalDate today = LocalDate.parse("2026-03-16");
        AssessmentSummary support = new AssessmentSummary(1, 1, "Customer support assistant",
                AssessmentStatus.APPROVED, "Priya Shah", List.of("support-agent-v2"), new Rating(2, 2),
                LocalDate.parse("2026-03-01"), NOW);
        AssessmentSummary refunds = new AssessmentSummary(2, 1, "Refunds automation", AssessmentStatus.IN_REVIEW,
                "Marco Rossi", List.of("refunds-agent"), new Rating(3, 4), null, NOW);

        assertThat(new AssessmentFilter("REFUNDS-agent", null, null, false, today).test(refunds)).isTrue();
        assertThat(new AssessmentFilter("refunds", null, null, false, today).test(support)).isFalse();
        assertThat(new AssessmentFilter("ra-1", null, null, false, today).test(support)).isTrue();
        assertThat(new AssessmentFilter("", AssessmentStatus.IN_REVIEW, null, false, today).test(support)).isFalse();
        assertThat(new AssessmentFilter("", null, RiskBand.HIGH, false, today).test(refunds)).isTrue();
        assertThat(new AssessmentFilter("", null, RiskBand.HIGH, false, today).test(support)).isFalse();
        assertThat(new AssessmentFilter("", null, null, true, today).test(support)).isTrue();
        assertThat(new AssessmentFilter("", null, null, true, today).test(refunds)).isFalse();
    }
}
