package dev.arbiter.core.decision;

import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * Generates spellings of an action that a lenient reader (a path normaliser, a
 * case-insensitive store, a URL decoder, a person reading the screen) would take
 * for the same action: case, dot and empty segments, doubled and leading or
 * trailing separators, white space and invisible characters at the ends,
 * look-alike and full-width letters, percent-encoding, backslashes, a trailing
 * colon. None of them names a different resource.
 */
final class Spellings {

    static final List<String> BASES = List.of("read:secrets", "read:secrets/api_key", "write:secrets",
            "delete:customer", "read:customer.profile", "read:orders", "write:orders/42", "read:public",
            "issue:refund", "export:audit_log");

    /** Cyrillic and Greek letters that look like Latin ones. */
    static final String LATIN = "aeocpsixyABEKMHOPCTX";
    static final String LOOK_ALIKE = "\u0430\u0435\u043E\u0441\u0440\u0455\u0456\u0445\u0443"
            + "\u0391\u0392\u0395\u039A\u039C\u0397\u039F\u03A1\u0421\u03A4\u03A7";
    private static final String[] INVISIBLE = {" ", "\t", "\n", "\r", "\u00A0", "\u200B", "\u2009", "\uFEFF",
            "\u0000", "\u001B"};
    static final int KINDS = 14;

    private Spellings() {
    }

    static Arbitrary<String> of(Arbitrary<String> bases) {
        Arbitrary<List<Tuple2<Integer, Integer>>> edits = Combinators.combine(
                Arbitraries.integers().between(0, KINDS - 1), Arbitraries.integers().between(0, 10_000))
                .as(Tuple::of).list().ofMaxSize(4);
        return Combinators.combine(bases, edits).as((base, list) -> {
            String s = base;
            for (Tuple2<Integer, Integer> edit : list) {
                s = apply(s, edit.get1(), edit.get2());
            }
            return s;
        });
    }

    static Arbitrary<String> ofBases() {
        return of(Arbitraries.of(BASES));
    }

    static String apply(String s, int kind, int seed) {
        int colon = Math.max(0, s.indexOf(':'));
        int at = s.isEmpty() ? 0 : seed % s.length();
        return switch (kind) {
            case 0 -> s.substring(0, at) + s.substring(at, at + (s.isEmpty() ? 0 : 1)).toUpperCase(Locale.ROOT)
                    + s.substring(Math.min(s.length(), at + 1));
            case 1 -> s.substring(0, colon + 1) + "./" + s.substring(colon + 1);
            case 2 -> s + (seed % 2 == 0 ? "/" : ".");
            case 3 -> s.substring(0, colon + 1) + "/" + s.substring(colon + 1);
            case 4 -> doubleASeparator(s, seed);
            case 5 -> {
                String ws = INVISIBLE[seed % INVISIBLE.length];
                yield switch (seed % 4) {
                    case 0 -> ws + s;
                    case 1 -> s + ws;
                    case 2 -> s.substring(0, colon) + ws + s.substring(colon);
                    default -> s.substring(0, colon + 1) + ws + s.substring(colon + 1);
                };
            }
            case 6 -> lookAlike(s, seed);
            case 7 -> fullWidth(s, at);
            case 8 -> percentEncode(s, at);
            case 9 -> s.contains("/") ? s.replaceFirst("/", "\\\\") : s + "\\";
            case 10 -> s + ":";
            case 11 -> s.substring(0, colon + 1) + "x/../" + s.substring(colon + 1);
            case 12 -> s.substring(0, at) + "\u200B" + s.substring(at);
            default -> s.toUpperCase(Locale.ROOT);
        };
    }

    private static String doubleASeparator(String s, int seed) {
        for (int i = seed % Math.max(1, s.length()), n = 0; n < s.length(); n++, i = (i + 1) % s.length()) {
            char c = s.charAt(i);
            if (c == '/' || c == '.' && i > s.indexOf(':')) {
                return s.substring(0, i) + c + s.substring(i);
            }
        }
        return s + "//";
    }

    private static String lookAlike(String s, int seed) {
        for (int n = 0; n < s.length(); n++) {
            int i = (seed + n) % s.length();
            int which = LATIN.indexOf(s.charAt(i));
            if (which >= 0) {
                return s.substring(0, i) + LOOK_ALIKE.charAt(which) + s.substring(i + 1);
            }
        }
        return s;
    }

    private static String fullWidth(String s, int at) {
        if (s.isEmpty()) {
            return s;
        }
        char c = s.charAt(at);
        return c > ' ' && c < 127 ? s.substring(0, at) + (char) (c + 0xFEE0) + s.substring(at + 1) : s;
    }

    private static String percentEncode(String s, int at) {
        if (s.isEmpty()) {
            return s;
        }
        return s.substring(0, at) + String.format(Locale.ROOT, "%%%02X", (int) s.charAt(at) & 0xFF)
                + s.substring(at + 1);
    }
}
