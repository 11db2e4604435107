package dev.arbiter.core.assessment;

/** A review's outcome: the template's Pass / Fail boxes. */
public enum Verdict {
    PASS("Pass"),
    FAIL("Fail");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
