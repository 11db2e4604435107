package dev.arbiter.core.assessment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * When an assessment may go to review and when it may be approved. Each
 * problem is a sentence that names the field or risk and what to do, shown as
 * is by the desktop and the CLI.
 *
 * @param tolerance the highest residual band accepted without an exception
 *                  (workspace setting {@value #SETTING}, default {@link #DEFAULT_TOLERANCE})
 */
public record ApprovalRules(RiskBand tolerance) {

    public static final String SETTING = "assessment.residual_tolerance";
    public static final RiskBand DEFAULT_TOLERANCE = RiskBand.MEDIUM;

    /** What must be filled in before reviewers see the assessment; empty when it can be submitted. */
    public List<String> problemsBeforeReview(AssessmentContent content) {
        List<String> problems = new ArrayList<>();
        SystemOverview o = content.overview();
        requireText(problems, o.systemName(), "System name");
        requireText(problems, o.businessPurpose(), "Business purpose");
        requireText(problems, o.owner(), "Owner");
        if (o.agentCount() < 1) {
            problems.add("Agent count must be at least 1.");
        } else if (o.agentIds().size() > o.agentCount()) {
            problems.add("Agent count is " + o.agentCount() + " but " + o.agentIds().size()
                    + " agent ids are listed; raise the count or remove ids.");
        }
        DataClassification d = content.data();
        if (d.classes().isEmpty()) {
            problems.add("Data classification: tick at least one data type (PII, PHI, Financial, Public).");
        }
        requireText(problems, d.residency(), "Data residency");
        requireText(problems, d.retention(), "Retention");
        if (content.risks().isEmpty()) {
            problems.add("Risk evaluation: no risks are listed.");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < content.risks().size(); i++) {
            Risk risk = content.risks().get(i);
            if (risk.category().isEmpty()) {
                problems.add("Risk " + (i + 1) + " has no category name.");
                continue;
            }
            if (!seen.add(risk.category().toLowerCase(Locale.ROOT))) {
                problems.add("Risk '" + risk.category() + "' is listed twice; give each risk its own name.");
            }
            problems.addAll(riskProblems(risk));
        }
        return problems;
    }

    private static List<String> riskProblems(Risk risk) {
        List<String> problems = new ArrayList<>();
        String name = "Risk '" + risk.category() + "'";
        if (risk.inherent() == null) {
            problems.add(name + " needs a likelihood and an impact (1-5).");
            return problems;
        }
        if (risk.residual() == null) {
            problems.add(name + " needs a residual likelihood and impact (after mitigation).");
        } else if (risk.residual().score() > risk.inherent().score()) {
            problems.add(name + ": the residual score " + risk.residual().score() + " is above the inherent score "
                    + risk.inherent().score() + "; a mitigation cannot raise a risk.");
        }
        if (risk.inherent().band() != RiskBand.LOW) {
            if (risk.mitigation().isBlank()) {
                problems.add(name + " is " + risk.inherent().band().label().toLowerCase(Locale.ROOT)
                        + " before mitigation and needs a mitigation.");
            }
            if (risk.owner().isBlank()) {
                problems.add(name + " is " + risk.inherent().band().label().toLowerCase(Locale.ROOT)
                        + " before mitigation and needs an owner.");
            }
        }
        return problems;
    }

    private static void requireText(List<String> problems, String value, String field) {
        if (value == null || value.isBlank()) {
            problems.add(field + " is empty.");
        }
    }

    /** Risks whose residual rating is above the tolerance: each needs an accepted exception. */
    public List<Risk> aboveTolerance(AssessmentContent content) {
        return content.risks().stream()
                .filter(r -> r.residual() != null && r.residual().band().isAbove(tolerance))
                .toList();
    }

    /**
     * Why the final approval cannot be given yet; empty when it can. Final
     * approval needs the version in review, all three reviews passed, and an
     * accepted exception for every residual risk above the tolerance.
     */
    public List<String> blockersToApproval(Assessment assessment) {
        List<String> blockers = new ArrayList<>();
        if (assessment.status() != AssessmentStatus.IN_REVIEW) {
            blockers.add("Only an assessment in review can be approved; " + assessment.reference() + " v"
                    + assessment.version() + " is " + assessment.status().label().toLowerCase(Locale.ROOT) + ".");
        }
        for (ReviewKind kind : ReviewKind.values()) {
            assessment.review(kind).ifPresentOrElse(review -> {
                if (!review.passed()) {
                    blockers.add(kind.label() + " failed (" + review.reviewer() + ")"
                            + (review.comment().isBlank() ? "." : ": " + review.comment()));
                }
            }, () -> blockers.add(kind.label() + " has not been recorded."));
        }
        for (Risk risk : aboveTolerance(assessment.content())) {
            if (assessment.exceptionFor(risk.category()).isEmpty()) {
                blockers.add("Residual risk '" + risk.category() + "' is " + risk.residual().band().label()
                        + " (" + risk.residual().score() + "), above the tolerance "
                        + tolerance.label().toLowerCase(Locale.ROOT) + "; accept an exception, or return the assessment to draft to lower it.");
            }
        }
        return blockers;
    }
}
