package dev.arbiter.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A table for the terminal whose columns are as wide as their widest cell (up
 * to a cap per column, past which a cell is cut with "…"), so rows stay
 * aligned whatever the data: a long owner name widens or truncates its
 * column, never shifts the next one. Cells are cleaned with
 * {@link TerminalText#clean} (no control characters reach the terminal).
 */
final class TextTable {

    private final List<String> headers;
    private final int[] caps;
    private final List<List<String>> rows = new ArrayList<>();

    /**
     * @param headers column titles
     * @param caps    the widest each column may grow, in columns (one per header; the last column is never
     *                padded, only capped)
     */
    TextTable(List<String> headers, int... caps) {
        if (caps.length != headers.size()) {
            throw new IllegalArgumentException("one width cap per column");
        }
        this.headers = List.copyOf(headers);
        this.caps = caps.clone();
    }

    /** Adds a row; one cell per column, null shown as "-". */
    TextTable row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("one cell per column");
        }
        List<String> row = new ArrayList<>(cells.length);
        for (int c = 0; c < cells.length; c++) {
            row.add(TerminalText.truncate(TerminalText.clean(cells[c]), caps[c]));
        }
        rows.add(row);
        return this;
    }

    /** Prints the header and the rows, columns separated by two spaces. */
    void print(PrintWriter out) {
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = TerminalText.width(headers.get(c));
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], TerminalText.width(row.get(c)));
            }
        }
        printRow(out, headers, widths);
        rows.forEach(row -> printRow(out, row, widths));
    }

    private static void printRow(PrintWriter out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            boolean last = c == cells.size() - 1;
            line.append(last ? cells.get(c) : TerminalText.pad(cells.get(c), widths[c]) + "  ");
        }
        out.println(line.toString().stripTrailing());
    }
}
