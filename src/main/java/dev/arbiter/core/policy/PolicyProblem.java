package dev.arbiter.core.policy;

/**
 * One thing wrong with a policy text, at a line and column, in words a person
 * can act on ("unknown key ... did you mean ...", "must not be negative").
 */
public record PolicyProblem(Position position, String message) {

    public PolicyProblem {
        if (position == null) {
            position = Position.START;
        }
    }

    public int line() {
        return position.line();
    }

    public int column() {
        return position.column();
    }

    /** {@code line:col: message}, the form compilers use; a file name goes in front. */
    @Override
    public String toString() {
        return position + ": " + message;
    }

    public String in(String fileName) {
        return fileName + ":" + this;
    }
}
