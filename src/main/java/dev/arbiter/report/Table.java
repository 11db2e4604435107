package dev.arbiter.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A table to lay out with {@link ReportDocument#table(Table)}: columns with
 * relative widths, cells that wrap, optional per-cell style and fill. When a
 * table runs past the page bottom its header is repeated on the next page, and
 * a row taller than what is left continues there.
 *
 * <pre>{@code
 * Table t = Table.of(Table.column("Dimension", 3), Table.column("Score", 1, Table.Align.CENTER))
 *         .row("Observability", "4")
 *         .row(Table.Cell.of("Human Oversight"), Table.Cell.of("1").style(TextStyle.BODY_BOLD.withColor(TextStyle.BAD)));
 * }</pre>
 */
public final class Table {

    public enum Align { LEFT, CENTER, RIGHT }

    public record Column(String header, float weight, Align align) {
    }

    /** One cell: its text, and optionally its own style and background. */
    public record Cell(String text, TextStyle style, Color fill) {

        public static Cell of(String text) {
            return new Cell(text == null ? "" : text, null, null);
        }

        public Cell style(TextStyle s) {
            return new Cell(text, s, fill);
        }

        public Cell fill(Color c) {
            return new Cell(text, style, c);
        }
    }

    static final Color HEADER_FILL = new Color(0xEE, 0xF1, 0xF4);
    static final Color STRIPE_FILL = new Color(0xF8, 0xF9, 0xFA);
    static final Color RULE = new Color(0xD0, 0xD7, 0xDE);

    private final List<Column> columns;
    private final List<List<Cell>> rows = new ArrayList<>();
    private TextStyle bodyStyle = TextStyle.BODY.withSize(9);
    private boolean striped = true;

    private Table(List<Column> columns) {
        this.columns = List.copyOf(columns);
    }

    public static Table of(Column... columns) {
        return new Table(Arrays.asList(columns));
    }

    public static Column column(String header, float weight) {
        return new Column(header, weight, Align.LEFT);
    }

    public static Column column(String header, float weight, Align align) {
        return new Column(header, weight, align);
    }

    /** Adds a row; each value is a {@link Cell} or anything else, shown with {@code toString()}. */
    public Table row(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("a row of this table has " + columns.size() + " cells, not "
                    + values.length);
        }
        List<Cell> cells = new ArrayList<>();
        for (Object v : values) {
            cells.add(v instanceof Cell c ? c : Cell.of(v == null ? "" : v.toString()));
        }
        rows.add(cells);
        return this;
    }

    /** The style of cells that have none of their own (default: body text at 9 pt). */
    public Table bodyStyle(TextStyle style) {
        this.bodyStyle = style;
        return this;
    }

    /** Whether every other row gets a light background (default: yes). */
    public Table striped(boolean on) {
        this.striped = on;
        return this;
    }

    List<Column> columns() {
        return columns;
    }

    List<List<Cell>> rows() {
        return rows;
    }

    TextStyle bodyStyle() {
        return bodyStyle;
    }

    boolean striped() {
        return striped;
    }
}
