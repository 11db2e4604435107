package dev.arbiter.core.assessment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One line of the assessments list: the newest version of each assessment.
 *
 * @param highestResidual the highest residual rating of that version, null when nothing is scored yet
 * @param nextReviewDate  due date of the latest approved version (an approved v1 stays due while v2 is drafted)
 */
public record AssessmentSummary(long id, int version, String systemName, AssessmentStatus status, String owner,
                                List<String> agentIds, Rating highestResidual, LocalDate nextReviewDate,
                                Instant updatedAt) {

    public AssessmentSummary {
        agentIds = List.copyOf(agentIds);
    }

    public String reference() {
        return Assessment.reference(id);
    }

    public boolean isOverdue(LocalDate today) {
        return nextReviewDate != null && nextReviewDate.isBefore(today);
    }
}
