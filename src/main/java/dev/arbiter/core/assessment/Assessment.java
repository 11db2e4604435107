package dev.arbiter.core.assessment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * One version of a system's risk assessment with its workflow state. Versions
 * of one assessment share the id; only the newest can change, and only while
 * it is a draft (reviews and exceptions are added while it is in review).
 *
 * @param decision       the final approval or rejection, null before
 * @param nextReviewDate when an approved version is due to be redone, null otherwise
 */
public record Assessment(long id, int version, AssessmentStatus status, AssessmentContent content,
                         List<Review> reviews, List<RiskException> exceptions, String createdBy,
                         Instant createdAt, String updatedBy, Instant updatedAt, String submittedBy,
                         Instant submittedAt, Decision decision, LocalDate nextReviewDate) {

    public Assessment {
        reviews = List.copyOf(reviews);
        exceptions = List.copyOf(exceptions);
    }

    /** "RA-7": how people refer to an assessment, in the list, the report and the CLI. */
    public String reference() {
        return reference(id);
    }

    public static String reference(long id) {
        return "RA-" + id;
    }

    public boolean isEditable() {
        return status == AssessmentStatus.DRAFT;
    }

    public Optional<Review> review(ReviewKind kind) {
        return reviews.stream().filter(r -> r.kind() == kind).findFirst();
    }

    public Optional<RiskException> exceptionFor(String category) {
        return exceptions.stream().filter(e -> e.category().equalsIgnoreCase(category)).findFirst();
    }

    /** The scored risk with the highest residual score (ties: the first listed), if any is scored. */
    public Optional<Risk> highestResidual() {
        return highestResidual(content.risks());
    }

    static Optional<Risk> highestResidual(List<Risk> risks) {
        Risk highest = null;
        for (Risk risk : risks) {
            if (risk.residual() != null && (highest == null || risk.residual().score() > highest.residual().score())) {
                highest = risk;
            }
        }
        return Optional.ofNullable(highest);
    }
}
