package dev.arbiter.report;

import java.lang.Character.UnicodeScript;
import java.util.ArrayList;
import java.util.List;

/**
 * Breaks text into lines that fit a width: at spaces, between any two CJK
 * characters (those scripts do not use spaces), and inside a word only when
 * the word alone is wider than the line. Newlines in the text are kept.
 */
final class TextWrap {

    private final ReportFonts fonts;

    TextWrap(ReportFonts fonts) {
        this.fonts = fonts;
    }

    List<String> lines(String text, TextStyle style, float width) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : (text == null ? "" : text).split("\\R", -1)) {
            wrapParagraph(paragraph.stripTrailing(), style, width, lines);
        }
        return lines;
    }

    private void wrapParagraph(String paragraph, TextStyle style, float width, List<String> out) {
        if (paragraph.isEmpty()) {
            out.add("");
            return;
        }
        StringBuilder line = new StringBuilder();
        for (String token : tokens(paragraph)) {
            if (line.length() == 0 && token.isBlank()) {
                continue;
            }
            String candidate = line + token;
            if (fonts.width(candidate, style) <= width) {
                line.append(token);
                continue;
            }
            if (line.length() > 0 && !line.toString().isBlank()) {
                out.add(line.toString().stripTrailing());
                line.setLength(0);
            }
            if (token.isBlank()) {
                continue;
            }
            // a word wider than the whole line (an agent id, a model version, a path): cut it after the last
            // separator that fits, so "data-cleanup-" / "agent" rather than "data-cleanup-ag" / "ent"; mid-word
            // only when no separator fits
            String rest = token;
            while (fonts.width(rest, style) > width) {
                int cut = afterSeparator(rest, fit(rest, style, width));
                out.add(rest.substring(0, cut));
                rest = rest.substring(cut);
            }
            line.append(rest);
        }
        if (line.length() > 0 || out.isEmpty()) {
            out.add(line.toString().stripTrailing());
        }
    }

    /** Where to cut {@code s} at or before {@code fit}: just after its last separator there, else {@code fit}. */
    static int afterSeparator(String s, int fit) {
        for (int i = Math.min(fit, s.length()) - 1; i > 0; i--) {
            if (SEPARATORS.indexOf(s.charAt(i - 1)) >= 0) {
                return i;
            }
        }
        return fit;
    }

    /** Characters after which a long identifier may break: dash, underscore, dot, slash, colon, at. */
    private static final String SEPARATORS = "-_./:@";

    /** How many chars of {@code s} fit in {@code width}: at least one code point, so wrapping always advances. */
    private int fit(String s, TextStyle style, float width) {
        int end = s.offsetByCodePoints(0, 1);
        while (end < s.length()) {
            int next = s.offsetByCodePoints(end, 1);
            if (fonts.width(s.substring(0, next), style) > width) {
                break;
            }
            end = next;
        }
        return end;
    }

    /** Words with their trailing spaces, and each CJK character on its own. */
    static List<String> tokens(String s) {
        List<String> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            boolean space = Character.isWhitespace(cp);
            if (isCjk(cp)) {
                if (token.length() > 0) {
                    tokens.add(token.toString());
                    token.setLength(0);
                }
                tokens.add(new String(Character.toChars(cp)));
                continue;
            }
            if (!space && token.length() > 0 && Character.isWhitespace(token.charAt(token.length() - 1))) {
                tokens.add(token.toString());
                token.setLength(0);
            }
            token.appendCodePoint(cp);
        }
        if (token.length() > 0) {
            tokens.add(token.toString());
        }
        return tokens;
    }

    private static boolean isCjk(int cp) {
        UnicodeScript script = UnicodeScript.of(cp);
        return script == UnicodeScript.HAN || script == UnicodeScript.HIRAGANA || script == UnicodeScript.KATAKANA
                || script == UnicodeScript.HANGUL;
    }
}
