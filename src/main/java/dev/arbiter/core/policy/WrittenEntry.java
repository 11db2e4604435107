package dev.arbiter.core.policy;

import java.util.Optional;

/**
 * A policy list entry known by the text it was written as ({@link ActionPattern},
 * {@link NetworkTarget}): two entries are equal when their text is, and the text
 * is what error messages and diffs show.
 */
abstract class WrittenEntry {

    private final String text;

    WrittenEntry(String text) {
        this.text = text;
    }

    /** The entry as written in the policy. */
    public String text() {
        return text;
    }

    /**
     * The first character of {@code s} that is neither an ASCII letter or digit
     * nor one of {@code punctuation}, as a message shows it ("a space" for white
     * space); empty when every character is allowed.
     */
    static Optional<String> unexpectedCharacter(String s, String punctuation) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && punctuation.indexOf(c) < 0) {
                return Optional.of(Character.isWhitespace(c) ? "a space" : String.valueOf(c));
            }
        }
        return Optional.empty();
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((WrittenEntry) o).text.equals(text);
    }

    @Override
    public final int hashCode() {
        return text.hashCode();
    }

    @Override
    public final String toString() {
        return text;
    }
}
