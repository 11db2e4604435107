package dev.arbiter.report.assessment;

import dev.arbiter.core.assessment.Rating;
import dev.arbiter.core.assessment.RiskBand;
import dev.arbiter.report.ChartDescription;
import dev.arbiter.report.Charts;
import dev.arbiter.report.ReportFonts;
import dev.arbiter.report.TextStyle;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import dev.arbiter.core.assessment.CellPacking;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.PlotState;

/**
 * The 5 x 5 heat map for the PDF, drawn like the desktop's: likelihood up,
 * impact across, cells in their band's colour, each risk a numbered marker
 * (a ring before mitigation, a dot after). Wrapped in a {@link JFreeChart} so
 * the shared report blocks draw it as vector graphics in the report fonts.
 */
final class HeatMapPlot extends Plot implements ChartDescription.Described {

    /** One marker: the risk's row number and where it sits. */
    record Marker(int number, Rating rating) {
    }

    /** The band colours, the same as the desktop's (assessment.css). */
    static Color colour(RiskBand band) {
        return switch (band) {
            case LOW -> new Color(0xA8, 0xDA, 0xB5);
            case MEDIUM -> new Color(0xFD, 0xE2, 0x93);
            case HIGH -> new Color(0xFC, 0xB9, 0x7D);
            case CRITICAL -> new Color(0xF2, 0x8B, 0x82);
        };
    }

    private final List<Marker> markers;
    private final boolean filled;

    private HeatMapPlot(List<Marker> markers, boolean filled) {
        this.markers = List.copyOf(markers);
        this.filled = filled;
        setOutlineVisible(false);
        setBackgroundPaint(Color.WHITE);
    }

    /** A titled heat map; {@code filled} markers are residual ratings, rings inherent ones. */
    static JFreeChart chart(String title, List<Marker> markers, boolean filled) {
        return Charts.theme(new JFreeChart(title, ReportFonts.awt(10, true), new HeatMapPlot(markers, filled), false));
    }

    @Override
    public String getPlotType() {
        return "Risk heat map";
    }

    /** Where each marker sits, in the table's row order: what a screen reader says for the map. */
    @Override
    public String describe() {
        if (markers.isEmpty()) {
            return "Likelihood 1 to 5 against impact 1 to 5; no risk is rated.";
        }
        List<String> placed = new ArrayList<>();
        markers.stream().sorted(java.util.Comparator.comparingInt(Marker::number)).forEach(m -> placed.add(
                "risk " + m.number() + " at likelihood " + m.rating().likelihood() + ", impact " + m.rating().impact()
                        + " (score " + m.rating().score() + ", " + m.rating().band().label() + ")"));
        return "Likelihood 1 to 5 against impact 1 to 5, risks numbered as the rows of the table: "
                + String.join("; ", placed) + ".";
    }

    @Override
    public void draw(Graphics2D g, Rectangle2D area, Point2D anchor, PlotState parentState, PlotRenderingInfo info) {
        double axis = 30;
        double size = Math.min(area.getWidth() - axis, area.getHeight() - axis) / 5;
        double left = area.getX() + axis;
        double top = area.getY();
        Font small = ReportFonts.awt(7.5f, false);
        g.setFont(small);
        FontMetrics fm = g.getFontMetrics();
        for (int l = 1; l <= 5; l++) {
            for (int i = 1; i <= 5; i++) {
                Rating cell = new Rating(l, i);
                Rectangle2D r = new Rectangle2D.Double(left + (i - 1) * size + 1, top + (5 - l) * size + 1, size - 2,
                        size - 2);
                g.setPaint(colour(cell.band()));
                g.fill(r);
                g.setPaint(new Color(0, 0, 0, 90));
                String score = String.valueOf(cell.score());
                g.drawString(score, (float) (r.getMaxX() - fm.stringWidth(score) - 3), (float) (r.getMaxY() - 3));
            }
        }
        g.setPaint(TextStyle.MUTED);
        for (int n = 1; n <= 5; n++) {
            String s = String.valueOf(n);
            g.drawString(s, (float) (left - 8 - fm.stringWidth(s)), (float) (top + (5 - n) * size + size / 2 + 3));
            g.drawString(s, (float) (left + (n - 1) * size + size / 2 - fm.stringWidth(s) / 2.0),
                    (float) (top + 5 * size + 11));
        }
        String impact = "Impact \u2192";
        g.drawString(impact, (float) (left + 2.5 * size - fm.stringWidth(impact) / 2.0), (float) (top + 5 * size + 23));
        AffineTransform saved = g.getTransform();
        String likelihood = "Likelihood \u2192";
        g.rotate(-Math.PI / 2, left - 20, top + 2.5 * size);
        g.drawString(likelihood, (float) (left - 20 - fm.stringWidth(likelihood) / 2.0), (float) (top + 2.5 * size));
        g.setTransform(saved);
        drawMarkers(g, left, top, size);
    }

    /** Markers sharing a cell are packed by the desktop's rule ({@link CellPacking}); a "+N" disc counts the rest. */
    private void drawMarkers(Graphics2D g, double left, double top, double size) {
        double radius = Math.min(8, size / 5);
        Map<Rating, List<Marker>> byCell = new LinkedHashMap<>();
        for (Marker m : markers) {
            byCell.computeIfAbsent(m.rating(), r -> new ArrayList<>()).add(m);
        }
        for (Map.Entry<Rating, List<Marker>> cell : byCell.entrySet()) {
            double cellX = left + (cell.getKey().impact() - 1) * size + 1;
            double cellY = top + (5 - cell.getKey().likelihood()) * size + 1;
            CellPacking.Packing packing = CellPacking.pack(cell.getValue().size(), size - 2, 1, radius,
                    Math.min(radius, 5));
            for (int k = 0; k < packing.markers().size(); k++) {
                disc(g, cellX, cellY, packing.markers().get(k), String.valueOf(cell.getValue().get(k).number()),
                        filled);
            }
            packing.more().ifPresent(slot -> disc(g, cellX, cellY, slot, "+" + packing.moreCount(), true));
        }
    }

    private static void disc(Graphics2D g, double cellX, double cellY, CellPacking.Slot slot, String label,
            boolean filled) {
        double x = cellX + slot.x();
        double y = cellY + slot.y();
        double radius = slot.radius();
        Font font = ReportFonts.awt((float) (radius * (label.length() > 2 ? 0.8 : 1.05)), true);
        g.setFont(font);
        FontMetrics fm = g.getFontMetrics();
        Ellipse2D circle = new Ellipse2D.Double(x - radius, y - radius, 2 * radius, 2 * radius);
        g.setPaint(filled ? TextStyle.INK : Color.WHITE);
        g.fill(circle);
        g.setPaint(TextStyle.INK);
        g.setStroke(new BasicStroke(1.2f));
        g.draw(circle);
        g.setPaint(filled ? Color.WHITE : TextStyle.INK);
        g.drawString(label, (float) (x - fm.stringWidth(label) / 2.0), (float) (y + fm.getAscent() * 0.36));
    }
}
