package dev.arbiter.core.policy;

/** A place in a policy text: 1-based line and column, as editors count them. */
public record Position(int line, int column) {

    public static final Position START = new Position(1, 1);

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
