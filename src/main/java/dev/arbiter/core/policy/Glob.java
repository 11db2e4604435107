package dev.arbiter.core.policy;

/**
 * A {@code *} wildcard match over part of a string, ignoring ASCII case,
 * without regular expressions or allocation: the gateway matches patterns on
 * every request.
 */
final class Glob {

    private final String pattern;
    private final boolean any;

    Glob(String pattern) {
        this.pattern = pattern;
        this.any = pattern.equals("*");
    }

    /** Matches {@code s[from, to)} against the whole pattern. */
    boolean matches(String s, int from, int to) {
        if (any) {
            return true;
        }
        int p = 0;
        int i = from;
        int star = -1;
        int resume = 0;
        int n = pattern.length();
        while (i < to) {
            if (p < n && pattern.charAt(p) == '*') {
                star = p++;
                resume = i;
            } else if (p < n && sameIgnoringCase(pattern.charAt(p), s.charAt(i))) {
                p++;
                i++;
            } else if (star >= 0) {
                p = star + 1;
                i = ++resume;
            } else {
                return false;
            }
        }
        while (p < n && pattern.charAt(p) == '*') {
            p++;
        }
        return p == n;
    }

    boolean matches(String s) {
        return matches(s, 0, s.length());
    }

    private static boolean sameIgnoringCase(char a, char b) {
        if (a == b) {
            return true;
        }
        if (a >= 'A' && a <= 'Z') {
            a = (char) (a + 32);
        }
        if (b >= 'A' && b <= 'Z') {
            b = (char) (b + 32);
        }
        return a == b;
    }
}
