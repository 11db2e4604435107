package dev.arbiter.report;

import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;
import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2DFontTextDrawer;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.SpiderWebPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Charts for reports, in the report's fonts and colours, and their drawing
 * into a PDF as vector graphics (PdfBoxGraphics2D), so they stay sharp when
 * printed or zoomed and their labels remain text.
 */
public final class Charts {

    /** One line of a chart: a name for the legend, a colour, a value per axis or point (null for none). */
    public record Series(String name, Color color, List<Double> values) {
    }

    /** One point of a trend: its label on the horizontal axis and its value. */
    public record Point(String label, double value) {
    }

    static final Color GRID = new Color(0xD0, 0xD7, 0xDE);

    private Charts() {
    }

    /**
     * A radar (spider web) chart: one axis per name in {@code axes}, from 0 at
     * the centre to {@code maxValue} at the rim, with a ring at every whole
     * value. The first series is drawn last (on top).
     */
    public static JFreeChart radar(String title, List<String> axes, List<Series> series, int maxValue) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (int ring = 1; ring <= maxValue; ring++) {
            for (String axis : axes) {
                data.addValue(ring, RadarPlot.RING + ring, axis);
            }
        }
        for (int s = series.size() - 1; s >= 0; s--) {
            Series one = series.get(s);
            for (int i = 0; i < axes.size(); i++) {
                Double v = i < one.values().size() ? one.values().get(i) : null;
                data.addValue(v == null ? 0 : v, one.name(), axes.get(i));
            }
        }
        RadarPlot plot = new RadarPlot(data, maxValue);
        plot.setMaxValue(maxValue);
        plot.setStartAngle(90);
        plot.setInteriorGap(0.22);
        plot.setAxisLabelGap(0.06);
        plot.setLabelFont(ReportFonts.awt(7.5f, false));
        plot.setLabelPaint(TextStyle.INK);
        plot.setAxisLinePaint(GRID);
        plot.setWebFilled(true);
        plot.setWebFillAlpha(0.18f);
        plot.setOutlineVisible(false);
        plot.setBackgroundPaint(Color.WHITE);
        for (int s = 0; s < series.size(); s++) {
            int row = maxValue + (series.size() - 1 - s);
            plot.setSeriesPaint(row, series.get(s).color());
            plot.setSeriesOutlinePaint(row, series.get(s).color());
            plot.setSeriesOutlineStroke(row, new BasicStroke(s == 0 ? 1.8f : 1.1f));
        }
        return theme(new JFreeChart(title, ReportFonts.awt(10, true), plot, series.size() > 1));
    }

    /**
     * A line of values over time with the points labelled, on a fixed value
     * range, and an optional horizontal threshold (e.g. "ready at 20").
     */
    public static JFreeChart trend(String title, String valueAxisLabel, List<Point> points, double min, double max,
                                   OptionalDouble threshold, String thresholdLabel, Color color) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        Set<String> seen = new HashSet<>();
        for (Point p : points) {
            String label = p.label();
            for (int n = 2; !seen.add(label); n++) {
                label = p.label() + " (" + n + ")";
            }
            data.addValue(p.value(), valueAxisLabel, label);
        }
        CategoryAxis x = new CategoryAxis();
        x.setTickLabelFont(ReportFonts.awt(7.5f, false));
        x.setTickLabelPaint(TextStyle.MUTED);
        x.setAxisLinePaint(GRID);
        x.setTickMarksVisible(false);
        x.setCategoryMargin(0.1);
        if (points.size() > 6) {
            x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        NumberAxis y = new NumberAxis(valueAxisLabel);
        y.setRange(min, max);
        y.setLabelFont(ReportFonts.awt(8, false));
        y.setLabelPaint(TextStyle.MUTED);
        y.setTickLabelFont(ReportFonts.awt(7.5f, false));
        y.setTickLabelPaint(TextStyle.MUTED);
        y.setAxisLinePaint(GRID);
        y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        LineAndShapeRenderer renderer = new LineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, color);
        renderer.setSeriesStroke(0, new BasicStroke(1.8f));
        renderer.setSeriesShape(0, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator());
        renderer.setDefaultItemLabelFont(ReportFonts.awt(8, true));
        renderer.setDefaultItemLabelPaint(TextStyle.INK);
        renderer.setDefaultItemLabelsVisible(true);
        CategoryPlot plot = new CategoryPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setRangeGridlinePaint(GRID);
        plot.setRangeGridlineStroke(new BasicStroke(0.5f));
        threshold.ifPresent(t -> {
            ValueMarker marker = new ValueMarker(t, TextStyle.WARN, new BasicStroke(1f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 10, new float[] {4, 3}, 0));
            marker.setLabel(thresholdLabel);
            marker.setLabelFont(ReportFonts.awt(7.5f, false));
            marker.setLabelPaint(TextStyle.WARN);
            marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            marker.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            marker.setLabelOffset(new RectangleInsets(2, 4, 2, 2));
            marker.setLabelBackgroundColor(new Color(255, 255, 255, 0));
            plot.addRangeMarker(marker);
        });
        return theme(new JFreeChart(title, ReportFonts.awt(10, true), plot, false));
    }

    /**
     * One bar per period (e.g. a month) with its value printed above it, on an axis from 0 to a little
     * above the largest value. A null value draws no bar (nothing to measure that period), unlike 0.
     *
     * @param format how a bar's value is printed, e.g. {@code "{2}%"} or {@code "{2}"} ({@code {2}} is the value)
     */
    public static JFreeChart periodBars(String title, String valueAxisLabel, List<String> periods, List<Double> values,
                                        Color color, String format) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        double top = 0;
        for (int i = 0; i < periods.size(); i++) {
            Double v = i < values.size() ? values.get(i) : null;
            data.addValue(v, valueAxisLabel, periods.get(i));
            top = v == null ? top : Math.max(top, v);
        }
        NumberAxis y = valueAxis(valueAxisLabel);
        y.setRange(0, top <= 0 ? 1 : top * 1.25);
        BarRenderer renderer = new BarRenderer();
        renderer.setSeriesPaint(0, color);
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setMaximumBarWidth(0.12);
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator(format,
                new java.text.DecimalFormat("0.#", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT))));
        renderer.setDefaultItemLabelFont(ReportFonts.awt(7.5f, true));
        renderer.setDefaultItemLabelPaint(TextStyle.INK);
        renderer.setDefaultItemLabelsVisible(true);
        CategoryAxis x = categoryAxis();
        x.setMaximumCategoryLabelLines(2); // "Nov 2026" may wrap under a narrow bar rather than become "..."
        CategoryPlot plot = new CategoryPlot(data, x, y, renderer);
        plain(plot);
        return theme(new JFreeChart(title, ReportFonts.awt(9, true), plot, false));
    }

    /**
     * One horizontal bar per category (e.g. an agent), split into the series' shares of its total (each
     * bar runs 0 to 100 %), with a legend naming the series. {@code series.get(s).values().get(c)} is
     * series {@code s} of category {@code c}; a category whose values sum to 0 draws an empty bar.
     */
    public static JFreeChart shareBars(String title, List<String> categories, List<Series> series) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (int c = 0; c < categories.size(); c++) {
            double total = 0;
            for (Series one : series) {
                Double v = c < one.values().size() ? one.values().get(c) : null;
                total += v == null ? 0 : v;
            }
            for (Series one : series) {
                Double v = c < one.values().size() ? one.values().get(c) : null;
                data.addValue(total == 0 || v == null ? 0 : v * 100 / total, one.name(), categories.get(c));
            }
        }
        NumberAxis x = valueAxis("% of the agent's decisions");
        x.setRange(0, 100);
        StackedBarRenderer renderer = new StackedBarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setMaximumBarWidth(0.5);
        for (int s = 0; s < series.size(); s++) {
            renderer.setSeriesPaint(s, series.get(s).color());
        }
        CategoryAxis names = categoryAxis();
        names.setMaximumCategoryLabelWidthRatio(0.35f); // agent ids get up to a third of the width, on one line
        CategoryPlot plot = new CategoryPlot(data, names, x, renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plain(plot);
        return theme(new JFreeChart(title, ReportFonts.awt(9, true), plot, true));
    }

    private static CategoryAxis categoryAxis() {
        CategoryAxis x = new CategoryAxis();
        x.setTickLabelFont(ReportFonts.awt(7.5f, false));
        x.setTickLabelPaint(TextStyle.INK);
        x.setAxisLinePaint(GRID);
        x.setTickMarksVisible(false);
        x.setCategoryMargin(0.2);
        return x;
    }

    private static NumberAxis valueAxis(String label) {
        NumberAxis y = new NumberAxis(label);
        y.setLabelFont(ReportFonts.awt(7.5f, false));
        y.setLabelPaint(TextStyle.MUTED);
        y.setTickLabelFont(ReportFonts.awt(7, false));
        y.setTickLabelPaint(TextStyle.MUTED);
        y.setAxisLinePaint(GRID);
        return y;
    }

    private static void plain(CategoryPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setRangeGridlinePaint(GRID);
        plot.setRangeGridlineStroke(new BasicStroke(0.5f));
    }

    /**
     * Gives any chart the reports' look: white background, no border, title and
     * legend in the report font. Set axis and label fonts with {@link ReportFonts#awt}.
     */
    public static JFreeChart theme(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setBorderVisible(false);
        chart.setAntiAlias(true);
        TextTitle title = chart.getTitle();
        if (title != null) {
            title.setPaint(TextStyle.INK);
            title.setPosition(RectangleEdge.TOP);
            title.setHorizontalAlignment(org.jfree.chart.ui.HorizontalAlignment.LEFT);
            title.setPadding(new RectangleInsets(0, 0, 4, 0));
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setItemFont(ReportFonts.awt(7.5f, false));
            legend.setItemPaint(TextStyle.INK);
            legend.setFrame(BlockBorder.NONE);
            legend.setBackgroundPaint(Color.WHITE);
        }
        return chart;
    }

    /** Draws the chart into a PDF form of {@code width} x {@code height} points, its text in the report fonts. */
    static PDFormXObject toForm(PDDocument document, ReportFonts fonts, JFreeChart chart, float width, float height) {
        try (PdfBoxGraphics2DFontTextDrawer text = new PdfBoxGraphics2DFontTextDrawer()) {
            PdfBoxGraphics2D g = new PdfBoxGraphics2D(document, width, height);
            text.registerFont(ReportFonts.awt(10, false).getFontName(), fonts.primary(false));
            text.registerFont(ReportFonts.awt(10, true).getFontName(), fonts.primary(true));
            g.setFontTextDrawer(text);
            chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
            g.dispose();
            return g.getXFormObject();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not draw the chart '" + chart.getTitle().getText() + "'", e);
        }
    }

    /** A spider web plot that draws its scale rings as grey outlines and keeps them out of the legend. */
    private static final class RadarPlot extends SpiderWebPlot {

        static final String RING = "\u2009ring ";
        private final int rings;

        RadarPlot(DefaultCategoryDataset data, int rings) {
            super(data);
            this.rings = rings;
        }

        @Override
        protected void drawRadarPoly(Graphics2D g2, Rectangle2D plotArea, Point2D centre, PlotRenderingInfo info,
                                     int series, int catCount, double headH, double headW) {
            if (series >= rings) {
                super.drawRadarPoly(g2, plotArea, centre, info, series, catCount, headH, headW);
                return;
            }
            Path2D ring = new Path2D.Double();
            for (int cat = 0; cat < catCount; cat++) {
                double angle = getStartAngle() + getDirection().getFactor() * cat * 360.0 / catCount;
                Point2D p = getWebPoint(plotArea, angle, (series + 1) / getMaxValue());
                if (cat == 0) {
                    ring.moveTo(p.getX(), p.getY());
                } else {
                    ring.lineTo(p.getX(), p.getY());
                }
            }
            ring.closePath();
            g2.setPaint(GRID);
            g2.setStroke(new BasicStroke(series + 1 == rings ? 0.9f : 0.5f));
            g2.draw(ring);
            Point2D label = getWebPoint(plotArea, getStartAngle(), (series + 1) / getMaxValue());
            Font font = ReportFonts.awt(6.5f, false);
            g2.setFont(font);
            g2.setPaint(TextStyle.MUTED);
            g2.drawString(Integer.toString(series + 1), (float) label.getX() + 2, (float) label.getY() + 7);
        }

        @Override
        public LegendItemCollection getLegendItems() {
            LegendItemCollection all = super.getLegendItems();
            LegendItemCollection shown = new LegendItemCollection();
            for (int i = all.getItemCount() - 1; i >= 0; i--) {
                LegendItem item = all.get(i);
                if (!item.getLabel().startsWith(RING)) {
                    shown.add(item);
                }
            }
            return shown;
        }
    }
}
