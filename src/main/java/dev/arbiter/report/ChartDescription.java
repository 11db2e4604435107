package dev.arbiter.report;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.SpiderWebPlot;
import org.jfree.data.category.CategoryDataset;

/**
 * The alternate text of a chart in a report: what a screen reader says instead of the picture (PDF/UA-1,
 * ISO 14289-1 §7.3; WCAG 2.1 1.1.1 "non-text content"). It is made from the chart's own data, so it says the
 * figures the picture shows: the title, then each series with its value per category, e.g.
 * "Scores by dimension (radar chart). Current: Strategy 4, Data 3. Previous: Strategy 2, Data 3."
 * A plot of our own says what it shows through {@link Described}.
 */
public final class ChartDescription {

    /** A plot that describes its own content in words (e.g. the risk heat map's markers). */
    public interface Described {
        /** One or more sentences naming everything the plot shows; never empty. */
        String describe();
    }

    private static final DecimalFormat NUMBER = new DecimalFormat("0.#", DecimalFormatSymbols.getInstance(Locale.ROOT));

    private ChartDescription() {
    }

    /** The chart's alternate text: its title, its kind and the figures it shows. */
    public static String of(JFreeChart chart) {
        String title = chart.getTitle() == null ? "" : chart.getTitle().getText().strip();
        Plot plot = chart.getPlot();
        String body;
        String kind;
        if (plot instanceof Described described) {
            kind = plot.getPlotType().toLowerCase(Locale.ROOT);
            body = described.describe();
        } else if (plot instanceof SpiderWebPlot radar) {
            kind = "radar chart";
            body = series(radar.getDataset(), "");
        } else if (plot instanceof CategoryPlot category) {
            ValueAxis axis = category.getRangeAxis();
            String unit = axis == null || axis.getLabel() == null ? "" : axis.getLabel().strip();
            kind = category.getRenderer() instanceof org.jfree.chart.renderer.category.LineAndShapeRenderer
                    ? "line chart" : "bar chart";
            body = series(category.getDataset(), unit);
        } else {
            kind = "chart";
            body = "";
        }
        String head = title.isEmpty() ? capitalised(kind) : title + " (" + kind + ")";
        return body.isEmpty() ? head + "." : head + ". " + body;
    }

    /**
     * Each series of {@code data} as "name: category value, …." On a percentage axis (its label starts with
     * "%") each value carries "%", and a series named just "%" is not named; a series whose name starts with a
     * thin space is drawing only (a radar's scale rings) and is left out; a missing value reads "no value".
     */
    private static String series(CategoryDataset data, String unit) {
        if (data == null) {
            return "";
        }
        boolean percent = unit.startsWith("%");
        List<String> sentences = new ArrayList<>();
        for (int row = 0; row < data.getRowCount(); row++) {
            String name = String.valueOf(data.getRowKey(row));
            if (name.startsWith("\u2009")) {
                continue;
            }
            List<String> values = new ArrayList<>();
            for (int column = 0; column < data.getColumnCount(); column++) {
                Number value = data.getValue(row, column);
                values.add(data.getColumnKey(column) + " "
                        + (value == null ? "no value" : NUMBER.format(value.doubleValue()) + (percent ? "%" : "")));
            }
            String line = String.join(", ", values);
            sentences.add((name.equals("%") ? line : name + ": " + line) + ".");
        }
        return String.join(" ", sentences);
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
