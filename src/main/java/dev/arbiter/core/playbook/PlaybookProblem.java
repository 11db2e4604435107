package dev.arbiter.core.playbook;

/** A problem in a playbook file, at a line and column (both from 1), with what to do about it. */
public record PlaybookProblem(String file, int line, int column, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
