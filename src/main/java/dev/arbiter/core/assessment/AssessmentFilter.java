package dev.arbiter.core.assessment;

import java.time.LocalDate;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The list's search and filters: free text over reference, system name, owner
 * and agent ids; a status (null: any); residual risks at or above a band (null:
 * any); and only assessments whose re-assessment is overdue.
 */
public record AssessmentFilter(String text, AssessmentStatus status, RiskBand minimumResidual, boolean overdueOnly,
                               LocalDate today) implements Predicate<AssessmentSummary> {

    public static AssessmentFilter none(LocalDate today) {
        return new AssessmentFilter("", null, null, false, today);
    }

    @Override
    public boolean test(AssessmentSummary s) {
        if (status != null && s.status() != status) {
            return false;
        }
        if (minimumResidual != null
                && (s.highestResidual() == null || s.highestResidual().band().compareTo(minimumResidual) < 0)) {
            return false;
        }
        if (overdueOnly && !s.isOverdue(today)) {
            return false;
        }
        return matchesText(s);
    }

    private boolean matchesText(AssessmentSummary s) {
        if (text == null || text.isBlank()) {
            return true;
        }
        String needle = text.strip().toLowerCase(Locale.ROOT);
        return contains(s.reference(), needle) || contains(s.systemName(), needle) || contains(s.owner(), needle)
                || s.agentIds().stream().anyMatch(a -> contains(a, needle));
    }

    private static boolean contains(String haystack, String needle) {
        return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(needle);
    }
}
