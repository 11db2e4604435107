package dev.arbiter.core.audit;

/**
 * Cutting text short for the ledger without splitting a character: a cut between the two UTF-16 halves of a
 * surrogate pair (an emoji) leaves a lone surrogate, which PostgreSQL's {@code jsonb} refuses
 * ({@link UnstorableText}), so an entry holding it is refused on a team database.
 */
public final class TextCut {

    private TextCut() {
    }

    /**
     * The first {@code maxChars} UTF-16 units of {@code text} (all of it when shorter), one fewer when the cut
     * would fall inside a surrogate pair.
     *
     * @param maxChars at least 1
     */
    public static String prefix(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
        return text.substring(0, end);
    }
}
