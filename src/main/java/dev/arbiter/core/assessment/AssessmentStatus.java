package dev.arbiter.core.assessment;

/** Where one assessment version is in its workflow: draft, then in review, then approved or rejected. */
public enum AssessmentStatus {
    DRAFT("Draft"),
    IN_REVIEW("In review"),
    APPROVED("Approved"),
    REJECTED("Rejected");

    private final String label;

    AssessmentStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Approved and rejected versions are never changed again; a new version carries changes. */
    public boolean isFinal() {
        return this == APPROVED || this == REJECTED;
    }
}
