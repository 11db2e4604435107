package dev.arbiter.core.audit;

/**
 * Lone UTF-16 surrogates: a high surrogate not followed by a low one, or a low
 * one not preceded by a high one. Java strings may hold them (an agent can send
 * {@code "\ud800"} in JSON), but UTF-8 cannot encode them, so a file writer
 * fails on them ("Input length = 1"). The ledger keeps them as sent (its
 * canonical form escapes them, so the hash chain is unaffected); only what
 * leaves Arbiter as a file is made encodable, here.
 */
final class LoneSurrogates {

    /** What a lone surrogate becomes in CSV: U+FFFD, Unicode's mark for an unrepresentable character. */
    static final char REPLACEMENT = '\uFFFD';

    private LoneSurrogates() {
    }

    /** True when {@code text} has a surrogate at {@code i} that is not half of a valid pair. */
    static boolean isLone(CharSequence text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
        }
        return false;
    }

    /**
     * Serialized JSON with each lone surrogate written as a {@code \}{@code uXXXX}
     * escape. Safe on any JSON text: JSON's structure is ASCII, so a surrogate can
     * only sit inside a string, where the escape is valid and parses back to the
     * very same Java string.
     */
    static String escapeInJson(String json) {
        return rewrite(json, (out, c) -> out.append(String.format("\\u%04x", (int) c)));
    }

    /** {@code text} with each lone surrogate replaced by {@link #REPLACEMENT}; null stays null. */
    static String replace(String text) {
        return text == null ? null : rewrite(text, (out, c) -> out.append(REPLACEMENT));
    }

    private interface Substitute {
        void write(StringBuilder out, char lone);
    }

    private static String rewrite(String text, Substitute substitute) {
        int first = firstLone(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isLone(text, i)) {
                substitute.write(out, c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int firstLone(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isSurrogate(text.charAt(i)) && isLone(text, i)) {
                return i;
            }
        }
        return -1;
    }
}
