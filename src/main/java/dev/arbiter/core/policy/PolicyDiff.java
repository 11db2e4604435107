package dev.arbiter.core.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * A side-by-side, line-by-line comparison of two policy texts: rows that pair
 * a left line with a right line, where either side may be missing. Removed and
 * added runs that sit together are paired up as changed lines, which is how a
 * reviewer reads "this limit went from 30 to 20".
 */
public record PolicyDiff(List<Row> rows) {

    public enum Kind { SAME, CHANGED, REMOVED, ADDED }

    /** One row; a missing side has line 0 and null text. */
    public record Row(Kind kind, int leftLine, String left, int rightLine, String right) {
    }

    /** Beyond this many differing lines on each side, the texts are shown as wholly replaced. */
    private static final int MAX_COMPARED = 4000;

    public PolicyDiff {
        rows = List.copyOf(rows);
    }

    public boolean isIdentical() {
        return rows.stream().allMatch(r -> r.kind() == Kind.SAME);
    }

    public long changes() {
        return rows.stream().filter(r -> r.kind() != Kind.SAME).count();
    }

    public static PolicyDiff between(String leftText, String rightText) {
        String[] a = lines(leftText);
        String[] b = lines(rightText);
        int prefix = 0;
        while (prefix < a.length && prefix < b.length && a[prefix].equals(b[prefix])) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.length - prefix && suffix < b.length - prefix
                && a[a.length - 1 - suffix].equals(b[b.length - 1 - suffix])) {
            suffix++;
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < prefix; i++) {
            rows.add(new Row(Kind.SAME, i + 1, a[i], i + 1, b[i]));
        }
        middle(a, prefix, a.length - suffix, b, prefix, b.length - suffix, rows);
        for (int k = suffix; k > 0; k--) {
            int i = a.length - k;
            int j = b.length - k;
            rows.add(new Row(Kind.SAME, i + 1, a[i], j + 1, b[j]));
        }
        return new PolicyDiff(rows);
    }

    /** Longest-common-subsequence alignment of the differing middle part. */
    private static void middle(String[] a, int aFrom, int aTo, String[] b, int bFrom, int bTo, List<Row> rows) {
        int n = aTo - aFrom;
        int m = bTo - bFrom;
        if (n > MAX_COMPARED || m > MAX_COMPARED) {
            flush(a, aFrom, aTo, b, bFrom, bTo, rows);
            return;
        }
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a[aFrom + i].equals(b[bFrom + j]) ? lcs[i + 1][j + 1] + 1
                        : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        int runA = 0;
        int runB = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a[aFrom + i].equals(b[bFrom + j])) {
                flush(a, aFrom + runA, aFrom + i, b, bFrom + runB, bFrom + j, rows);
                rows.add(new Row(Kind.SAME, aFrom + i + 1, a[aFrom + i], bFrom + j + 1, b[bFrom + j]));
                i++;
                j++;
                runA = i;
                runB = j;
            } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
                j++;
            } else {
                i++;
            }
        }
        flush(a, aFrom + runA, aFrom + n, b, bFrom + runB, bFrom + m, rows);
    }

    /** A run of removed lines next to a run of added lines: paired as changes, the rest one-sided. */
    private static void flush(String[] a, int aFrom, int aTo, String[] b, int bFrom, int bTo, List<Row> rows) {
        int paired = Math.min(aTo - aFrom, bTo - bFrom);
        for (int k = 0; k < paired; k++) {
            rows.add(new Row(Kind.CHANGED, aFrom + k + 1, a[aFrom + k], bFrom + k + 1, b[bFrom + k]));
        }
        for (int k = aFrom + paired; k < aTo; k++) {
            rows.add(new Row(Kind.REMOVED, k + 1, a[k], 0, null));
        }
        for (int k = bFrom + paired; k < bTo; k++) {
            rows.add(new Row(Kind.ADDED, 0, null, k + 1, b[k]));
        }
    }

    private static String[] lines(String text) {
        if (text.isEmpty()) {
            return new String[0];
        }
        String normalized = text.replace("\r\n", "\n");
        if (normalized.endsWith("\n")) {
            normalized = normalized.substring(0, normalized.length() - 1);
        }
        return normalized.split("\n", -1);
    }
}
