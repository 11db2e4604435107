package dev.arbiter.cli;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * Text an agent or a user typed, made safe and bounded for a terminal. Control
 * characters (which could move the cursor or recolour the screen: an agent
 * controls its summary and reasoning), invisible format characters such as
 * bidi overrides (which can make text read other than it is; the zero-width
 * joiners that scripts and emoji need are kept) and lone surrogates become U+FFFD;
 * line breaks and tabs become spaces. Widths are terminal columns: two for East
 * Asian wide and full-width characters (Unicode UAX #11, as terminals draw
 * them), none for combining marks, one for the rest.
 */
final class TerminalText {

    private static final char REPLACEMENT = '\uFFFD';
    private static final String ELLIPSIS = "…";

    private TerminalText() {
    }

    /** One printable line: null becomes "-", blank runs of whitespace one space. */
    static String clean(String text) {
        if (text == null || text.isBlank()) {
            return "-";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || cp == 0x00A0) {
                if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
                    out.append(' ');
                }
            } else if (Character.isISOControl(cp) || Character.getType(cp) == Character.SURROGATE
                    || Character.getType(cp) == Character.FORMAT && cp != 0x200C && cp != 0x200D) {
                out.append(REPLACEMENT);
            } else {
                out.appendCodePoint(cp);
            }
        }
        return out.toString().strip();
    }

    /** The terminal columns {@code text} takes. */
    static int width(String text) {
        return text.codePoints().map(TerminalText::columns).sum();
    }

    private static int columns(int cp) {
        int type = Character.getType(cp);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || cp == 0x200C || cp == 0x200D) {
            return 0;
        }
        int eaw = UCharacter.getIntPropertyValue(cp, UProperty.EAST_ASIAN_WIDTH);
        return eaw == UCharacter.EastAsianWidth.WIDE || eaw == UCharacter.EastAsianWidth.FULLWIDTH ? 2 : 1;
    }

    /** {@code text} cut to at most {@code max} columns, ending in "…" when cut. */
    static String truncate(String text, int max) {
        if (width(text) <= max) {
            return text;
        }
        return prefix(text, max - 1) + ELLIPSIS;
    }

    /** The longest start of {@code text} that fits in {@code max} columns. */
    private static String prefix(String text, int max) {
        int used = 0;
        int end = 0;
        while (end < text.length()) {
            int cp = text.codePointAt(end);
            if (used + columns(cp) > max) {
                break;
            }
            used += columns(cp);
            end += Character.charCount(cp);
        }
        return text.substring(0, end);
    }

    /** {@code text} padded with spaces to {@code columns}. */
    static String pad(String text, int columns) {
        return text + " ".repeat(Math.max(0, columns - width(text)));
    }

    /**
     * Cleaned {@code text} wrapped at word boundaries to lines of at most
     * {@code width} columns, at most {@code maxLines} of them; the last ends in
     * "…" when text was left out.
     */
    static List<String> wrap(String text, int width, int maxLines) {
        List<String> lines = new ArrayList<>();
        String rest = clean(text);
        while (!rest.isEmpty() && lines.size() < maxLines) {
            if (width(rest) <= width) {
                lines.add(rest);
                rest = "";
                break;
            }
            int limit = prefix(rest, width).length();
            int cut = rest.lastIndexOf(' ', limit);
            if (cut <= 0) {
                cut = Math.max(limit, rest.offsetByCodePoints(0, 1));
            }
            lines.add(rest.substring(0, cut).strip());
            rest = rest.substring(cut).strip();
        }
        if (!rest.isEmpty()) {
            int last = lines.size() - 1;
            lines.set(last, truncate(lines.get(last) + " " + rest, width));
        }
        return lines;
    }
}
