package dev.arbiter.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.taggedpdf.PDTableAttributeObject;

/**
 * Lays out a {@link Table} across the content width of a {@link PageFlow}: a header row, then the rows,
 * each split at the page bottom when it does not fit and continued under a repeated header. Tagged as a
 * table of rows, the first of header cells that head their columns; a header repeated on a later page is
 * drawn as an artifact, so it is read once.
 */
final class TableBlock {

    private static final float CELL_PAD = 4;

    private final PageFlow flow;
    private final TextWrap wrap;
    private final StructureTree tree;
    private final Table table;
    private final float[] widths;

    TableBlock(PageFlow flow, TextWrap wrap, StructureTree tree, Table table) {
        this.flow = flow;
        this.wrap = wrap;
        this.tree = tree;
        this.table = table;
        List<Table.Column> columns = table.columns();
        float total = 0;
        for (Table.Column c : columns) {
            total += c.weight();
        }
        this.widths = new float[columns.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = PageFlow.CONTENT_WIDTH * columns.get(i).weight() / total;
        }
    }

    /** Draws the whole table, starting a page if there is none and moving past the table when done. */
    void draw() {
        flow.ensurePage();
        TextStyle headerStyle = table.bodyStyle().bolder().withColor(TextStyle.INK);
        List<Table.Cell> header = table.columns().stream().map(c -> Table.Cell.of(c.header()).style(headerStyle)
                .fill(Table.HEADER_FILL)).toList();
        List<Table.Cell> first = table.rows().isEmpty() ? header : table.rows().get(0);
        flow.keepTogether(rowHeight(header) + rowHeight(first));
        PDStructureElement element = flow.block("Table");
        drawRow(header, null, true, null, cells(element, "TH", header.size()));
        int index = 0;
        for (List<Table.Cell> row : table.rows()) {
            Color stripe = table.striped() && index++ % 2 == 1 ? Table.STRIPE_FILL : null;
            drawRow(row, stripe, false, header, cells(element, "TD", row.size()));
        }
        flow.down(8);
    }

    private float rowHeight(List<Table.Cell> row) {
        float h = 0;
        for (int i = 0; i < row.size(); i++) {
            TextStyle s = styleOf(row.get(i));
            h = Math.max(h, wrap.lines(row.get(i).text(), s, widths[i] - 2 * CELL_PAD).size() * s.leading());
        }
        return h + 2 * CELL_PAD;
    }

    private TextStyle styleOf(Table.Cell cell) {
        return cell.style() != null ? cell.style() : table.bodyStyle();
    }

    /** A row of {@code count} cells of {@code type} (TH or TD) under {@code element}; TH cells head their column. */
    private List<PDStructureElement> cells(PDStructureElement element, String type, int count) {
        PDStructureElement row = tree.add(element, "TR");
        List<PDStructureElement> cells = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            PDStructureElement cell = tree.add(row, type);
            if (type.equals("TH")) {
                PDTableAttributeObject scope = new PDTableAttributeObject();
                scope.setScope(PDTableAttributeObject.SCOPE_COLUMN);
                cell.addAttribute(scope);
            }
            cells.add(cell);
        }
        return cells;
    }

    /**
     * Draws a row, splitting it at the page bottom when it does not fit: the
     * rest continues on the next page under a repeated {@code header}. Each cell's text is content of its
     * element in {@code tagged}; a null {@code tagged} draws the whole row as an artifact.
     */
    private void drawRow(List<Table.Cell> row, Color stripe, boolean isHeader, List<Table.Cell> header,
                         List<PDStructureElement> tagged) {
        List<List<String>> lines = new ArrayList<>();
        float leading = 0;
        for (int i = 0; i < row.size(); i++) {
            TextStyle s = styleOf(row.get(i));
            lines.add(wrap.lines(row.get(i).text(), s, widths[i] - 2 * CELL_PAD));
            leading = Math.max(leading, s.leading());
        }
        int maxLines = lines.stream().mapToInt(List::size).max().orElse(1);
        int done = 0;
        while (done < maxLines) {
            int fit = (int) Math.floor((flow.remaining() - 2 * CELL_PAD) / leading);
            boolean wholeRowFitsOnFreshPage = (maxLines - done) * leading + 2 * CELL_PAD
                    <= PageFlow.TOP - PageFlow.BOTTOM;
            if (fit < maxLines - done && (fit < 2 || wholeRowFitsOnFreshPage && done == 0)) {
                flow.newPage();
                if (header != null) {
                    drawRow(header, null, true, null, null);
                }
                continue;
            }
            int count = Math.min(fit, maxLines - done);
            float height = count * leading + 2 * CELL_PAD;
            float top = flow.y();
            float x = PageFlow.MARGIN;
            for (int i = 0; i < row.size(); i++) {
                drawCell(i, row.get(i), lines.get(i), new Slice(done, count, x, top, height, leading), stripe,
                        tagged == null ? null : tagged.get(i));
                x += widths[i];
            }
            float bottom = top - height;
            Canvas canvas = flow.canvas();
            flow.artifact(() -> canvas.line(PageFlow.MARGIN, bottom, PageFlow.MARGIN + PageFlow.CONTENT_WIDTH,
                    bottom, Table.RULE, isHeader ? 0.9f : 0.4f));
            flow.moveTo(bottom);
            done += count;
        }
    }

    /** The part of a row drawn on one page: lines {@code from} to {@code from + count}, in a box at x, top. */
    private record Slice(int from, int count, float x, float top, float height, float leading) {
    }

    /** One cell's fill and its lines in {@code slice}; the text is content of {@code element} (null: an artifact). */
    private void drawCell(int column, Table.Cell cell, List<String> cellLines, Slice slice, Color stripe,
                          PDStructureElement element) {
        Color fill = cell.fill() != null ? cell.fill() : stripe;
        float w = widths[column];
        TextStyle s = styleOf(cell);
        Table.Align align = table.columns().get(column).align();
        Canvas canvas = flow.canvas();
        if (fill != null) {
            flow.artifact(() -> canvas.fill(slice.x(), slice.top() - slice.height(), w, slice.height(), fill));
        }
        StructureTree.Drawing content = () -> {
            float baseline = slice.top() - CELL_PAD - s.size();
            for (int l = slice.from(); l < Math.min(slice.from() + slice.count(), cellLines.size()); l++) {
                String text = cellLines.get(l);
                switch (align) {
                    case LEFT -> canvas.text(slice.x() + CELL_PAD, baseline, text, s);
                    case CENTER -> canvas.textCentered(slice.x() + w / 2, baseline, text, s);
                    case RIGHT -> canvas.textRight(slice.x() + w - CELL_PAD, baseline, text, s);
                }
                baseline -= slice.leading();
            }
        };
        if (element == null) {
            flow.artifact(content);
        } else if (slice.from() < cellLines.size()) {
            flow.tagged(element, content);
        }
    }
}
