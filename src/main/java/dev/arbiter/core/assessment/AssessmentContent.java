package dev.arbiter.core.assessment;

import java.util.List;
import java.util.Objects;

/**
 * What the governance lead fills in: everything of one assessment version that
 * is edited as a draft and frozen once submitted.
 */
public record AssessmentContent(SystemOverview overview, DataClassification data, List<Risk> risks,
                                ReviewCadence cadence) {

    public AssessmentContent {
        overview = Objects.requireNonNullElse(overview, SystemOverview.empty());
        data = Objects.requireNonNullElse(data, DataClassification.empty());
        risks = risks == null ? List.of() : List.copyOf(risks);
        cadence = Objects.requireNonNullElse(cadence, ReviewCadence.QUARTERLY);
    }

    /** A new assessment: the guide's six risk categories, unscored, reviewed quarterly. */
    public static AssessmentContent blank(String systemName, String owner) {
        return new AssessmentContent(new SystemOverview(systemName, "", 1, List.of(), List.of(), owner),
                DataClassification.empty(), Risk.guideDefaults(), ReviewCadence.QUARTERLY);
    }

    public AssessmentContent withOverview(SystemOverview o) {
        return new AssessmentContent(o, data, risks, cadence);
    }

    public AssessmentContent withData(DataClassification d) {
        return new AssessmentContent(overview, d, risks, cadence);
    }

    public AssessmentContent withRisks(List<Risk> r) {
        return new AssessmentContent(overview, data, r, cadence);
    }
}
