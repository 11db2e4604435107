package dev.arbiter.core.agent;

/** A form field that cannot be saved as entered, and why. */
public record FieldProblem(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
