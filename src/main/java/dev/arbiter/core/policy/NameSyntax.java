package dev.arbiter.core.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The grammar shared by action names and action patterns (see {@link ActionName}
 * for the rule), with messages that say what to write instead. Patterns may
 * also hold {@code *} inside a segment or as a whole segment.
 */
final class NameSyntax {

    private NameSyntax() {
    }

    /**
     * Why {@code text} is not a canonical name (letter case aside), or empty.
     *
     * @param wildcards true for policy patterns, which may use {@code *}
     * @param what      "action" or "pattern", for the message
     */
    static Optional<String> problem(String text, boolean wildcards, String what) {
        return text != null && wellFormed(text, wildcards) ? Optional.empty() : explain(text, wildcards, what);
    }

    /** The common case, without building any message: the gateway reads a name on every request. */
    private static boolean wellFormed(String text, boolean wildcards) {
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1 || colon > ActionName.MAX_PART
                || text.length() - colon - 1 > ActionName.MAX_PART || text.indexOf(':', colon + 1) >= 0) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
                    || c == '-' || c == '/' || c == '.' || c == ':' || wildcards && c == '*';
            if (!allowed) {
                return false;
            }
        }
        return !hasEmptySegment(text, 0, colon) && !hasEmptySegment(text, colon + 1, text.length());
    }

    private static Optional<String> explain(String text, boolean wildcards, String what) {
        String example = wildcards ? "read:customer_profile or delete:*" : "read:customer_profile";
        if (text == null || text.isEmpty()) {
            return Optional.of("\"\" is empty; write verb:resource, e.g. " + example);
        }
        String quoted = quote(text);
        String plural = wildcards ? "patterns" : "action names";
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String at = " at position " + (i + 1);
            if (c > 127) {
                int cp = text.codePointAt(i);
                return Optional.of(quoted + " contains " + describe(cp) + at + ", which is not ASCII; " + plural
                        + " use a-z 0-9 _ - . / only" + suggestion(text, wildcards, what));
            }
            if (Character.isWhitespace(c)) {
                return Optional.of(quoted + " contains white space" + at + "; " + plural
                        + " have no spaces, not even at the ends" + suggestion(text, wildcards, what));
            }
            if (Character.isISOControl(c)) {
                return Optional.of(quoted + " contains the control character " + String.format(Locale.ROOT, "U+%04X",
                        (int) c) + at + "; remove it" + suggestion(text, wildcards, what));
            }
            if (c == '%') {
                return Optional.of(quoted + " contains '%'" + at + ": percent-encoding is not decoded in " + plural
                        + "; write the characters themselves" + suggestion(text, wildcards, what));
            }
            if (c == '\\') {
                return Optional.of(quoted + " contains a backslash" + at + "; segments are separated by / or ."
                        + suggestion(text, wildcards, what));
            }
            if (c == '*' && !wildcards) {
                return Optional.of(quoted + " contains '*'" + at + "; * is for policy patterns, an action names "
                        + "one resource");
            }
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '/' || c == ':'
                    || c == '*')) {
                return Optional.of(quoted + " contains '" + c + "'" + at + "; " + plural + " use letters, digits, "
                        + "_ - . / only" + (wildcards ? " (and * as a wildcard)" : ""));
            }
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            return Optional.of(quoted + " is not an " + what + ": write verb:resource, e.g. " + example);
        }
        if (text.indexOf(':', colon + 1) >= 0) {
            return Optional.of(quoted + " has more than one colon; write verb:resource with one colon"
                    + suggestion(text, wildcards, what));
        }
        Optional<String> verb = side(text, 0, colon, "verb", quoted);
        if (verb.isPresent()) {
            return verb.map(m -> m + suggestion(text, wildcards, what));
        }
        return side(text, colon + 1, text.length(), "resource", quoted).map(m -> m + suggestion(text, wildcards, what));
    }

    private static Optional<String> side(String text, int from, int to, String part, String quoted) {
        if (from == to) {
            return Optional.of(quoted + " has no " + part + "; write verb:resource (use * in a pattern for any)");
        }
        if (to - from > ActionName.MAX_PART) {
            return Optional.of(quoted + " has a " + part + " of " + (to - from) + " characters; at most "
                    + ActionName.MAX_PART);
        }
        if (hasEmptySegment(text, from, to)) {
            String s = text.substring(from, to);
            boolean dots = s.startsWith("./") || s.startsWith("../") || s.contains("/./") || s.contains("/../")
                    || s.endsWith("/.") || s.endsWith("/..") || s.equals(".") || s.equals("..");
            return Optional.of(quoted + (dots ? " has a . or .. segment in its " + part
                    + "; name the resource itself" : " has an empty segment in its " + part
                    + " (a leading, trailing or doubled / or .)"));
        }
        return Optional.empty();
    }

    /**
     * True when {@code text[from, to)} starts or ends with a separator or has two in a row (which
     * is also how . and .. segments look, . being a separator). A scan, not split(): the gateway
     * reads a name on every request.
     */
    private static boolean hasEmptySegment(String text, int from, int to) {
        if (isSeparator(text.charAt(from)) || isSeparator(text.charAt(to - 1))) {
            return true;
        }
        for (int i = from + 1; i < to; i++) {
            if (isSeparator(text.charAt(i)) && isSeparator(text.charAt(i - 1))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSeparator(char c) {
        return c == '/' || c == '.';
    }

    /** "; write X instead" when the name can be repaired without guessing, else "". */
    private static String suggestion(String text, boolean wildcards, String what) {
        String stripped = text.strip().replace('\\', '/');
        int colon = stripped.indexOf(':');
        if (colon < 0 || stripped.chars().anyMatch(c -> c > 127 || c == '%' || Character.isISOControl(c)
                || Character.isWhitespace(c))) {
            return "";
        }
        String verb = tidy(stripped.substring(0, colon));
        String resource = tidy(stripped.substring(colon + 1).replaceAll(":+$", ""));
        if (verb == null || resource == null) {
            return "";
        }
        String candidate = (verb + ":" + resource).toLowerCase(Locale.ROOT);
        return candidate.equals(text) || problem(candidate, wildcards, what).isPresent() ? ""
                : "; write " + candidate + " instead";
    }

    /** Drops empty segments, keeping each kept segment's own separator; null when a ".." makes it a guess. */
    private static String tidy(String side) {
        if (side.equals("..") || side.startsWith("../") || side.contains("/../") || side.endsWith("/..")) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        char separator = 0;
        int start = 0;
        for (int i = 0; i <= side.length(); i++) {
            char c = i < side.length() ? side.charAt(i) : '/';
            if (c == '/' || c == '.') {
                if (i > start) {
                    if (out.length() > 0) {
                        out.append(separator);
                    }
                    out.append(side, start, i);
                }
                separator = c;
                start = i + 1;
            }
        }
        return out.length() == 0 ? null : out.toString();
    }

    static String quote(String text) {
        // never cut between the halves of a surrogate pair: a lone half is text PostgreSQL refuses in the ledger
        int cut = text.length() > 120 && Character.isHighSurrogate(text.charAt(119)) ? 119 : 120;
        String shown = text.length() > 120 ? text.substring(0, cut) + "..." : text;
        StringBuilder out = new StringBuilder("\"");
        shown.codePoints().forEach(cp -> {
            if (cp < 32 || cp == 127) {
                out.append(String.format(Locale.ROOT, "\\u%04X", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.append('"').toString();
    }

    private static String describe(int cp) {
        String name = Character.getName(cp);
        String glyph = Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT
                || Character.isWhitespace(cp) || Character.isSpaceChar(cp) ? ""
                : "'" + new String(Character.toChars(cp)) + "' ";
        return glyph + String.format(Locale.ROOT, "(U+%04X%s)", cp, name == null ? "" : " " + name);
    }
}
