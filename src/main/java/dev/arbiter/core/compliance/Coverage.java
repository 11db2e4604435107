package dev.arbiter.core.compliance;

/** The state of a requirement, or of a whole regulation, for one agent. */
public enum Coverage {
    /** Applicable and not met: listed first, since it needs work. */
    GAP,
    MET,
    NOT_APPLICABLE;

    public String label() {
        return switch (this) {
            case GAP -> "gap";
            case MET -> "met";
            case NOT_APPLICABLE -> "n.a.";
        };
    }
}
