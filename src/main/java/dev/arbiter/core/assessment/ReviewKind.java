package dev.arbiter.core.assessment;

/** The three reviews of the guide's "Approval" block; final approval needs all of them passed. */
public enum ReviewKind {
    SECURITY("Security review"),
    COMPLIANCE("Compliance review"),
    ARCHITECTURE("Architecture review");

    private final String label;

    ReviewKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
