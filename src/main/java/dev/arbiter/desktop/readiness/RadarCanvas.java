package dev.arbiter.desktop.readiness;

import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * A radar chart of the six dimensions on a canvas that follows its region's
 * size: rings at 1 to 5, the previous assessment in grey, the current one in
 * the verdict's colour. Unscored dimensions sit at the centre.
 */
final class RadarCanvas extends Region {

    private static final Color GRID = Color.web("#d0d7de");
    private static final Color PREVIOUS = Color.web("#8c959f");
    private static final Color LABEL = Color.web("#57606a");

    private final Canvas canvas = new Canvas();
    private List<String> axes = List.of();
    private List<Integer> current = List.of();
    private List<Integer> previous = List.of();
    private Color color = Color.web("#0969da");

    RadarCanvas() {
        getChildren().add(canvas);
        getStyleClass().add("radar");
        setMinSize(260, 220);
        setPrefSize(340, 290);
    }

    void show(List<String> axisNames, List<Integer> now, List<Integer> before, Color lineColor) {
        this.axes = List.copyOf(axisNames);
        this.current = now;
        this.previous = before;
        this.color = lineColor;
        draw();
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        draw();
    }

    private void draw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        int n = axes.size();
        if (n == 0 || w <= 0 || h <= 0) {
            return;
        }
        double cx = w / 2;
        double cy = h / 2 + 4;
        double r = Math.max(10, Math.min(w / 2 - 82, h / 2 - 40));
        g.setLineWidth(1);
        for (int ring = 1; ring <= 5; ring++) {
            g.setStroke(GRID);
            g.setLineWidth(ring == 5 ? 1.2 : 0.6);
            polygon(g, cx, cy, r, n, i -> 1.0, ring / 5.0, false);
        }
        g.setFont(Font.font(10.5));
        g.setFill(LABEL);
        g.setTextBaseline(VPos.CENTER);
        for (int i = 0; i < n; i++) {
            double a = angle(i, n);
            g.setStroke(GRID);
            g.setLineWidth(0.6);
            g.strokeLine(cx, cy, cx + Math.cos(a) * r, cy + Math.sin(a) * r);
            double lx = cx + Math.cos(a) * (r + 10);
            double ly = cy + Math.sin(a) * (r + 10);
            double cos = Math.cos(a);
            g.setTextAlign(Math.abs(cos) < 0.2 ? TextAlignment.CENTER : cos > 0 ? TextAlignment.LEFT : TextAlignment.RIGHT);
            // two words on two lines keeps the side labels narrow enough for a small pane
            g.fillText(axes.get(i).replaceFirst(" ", "\n"), lx,
                    ly + (Math.abs(cos) < 0.2 ? Math.signum(Math.sin(a)) * 12 : 0));
        }
        if (!previous.isEmpty()) {
            g.setStroke(PREVIOUS);
            g.setFill(PREVIOUS.deriveColor(0, 1, 1, 0.15));
            g.setLineWidth(1.2);
            polygon(g, cx, cy, r, n, i -> value(previous, i), 0.2, true);
        }
        if (!current.isEmpty()) {
            g.setStroke(color);
            g.setFill(color.deriveColor(0, 1, 1, 0.22));
            g.setLineWidth(2);
            polygon(g, cx, cy, r, n, i -> value(current, i), 0.2, true);
            g.setFill(color);
            for (int i = 0; i < n; i++) {
                double a = angle(i, n);
                double d = r * value(current, i) / 5.0;
                g.fillOval(cx + Math.cos(a) * d - 3, cy + Math.sin(a) * d - 3, 6, 6);
            }
        }
    }

    private interface Values {
        double at(int i);
    }

    /** A closed polygon through the axes at {@code values * scale} of the radius (scale 0.2 = score/5). */
    private static void polygon(GraphicsContext g, double cx, double cy, double r, int n, Values values,
                                double scale, boolean fill) {
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            double a = angle(i, n);
            double d = r * values.at(i) * scale;
            xs[i] = cx + Math.cos(a) * d;
            ys[i] = cy + Math.sin(a) * d;
        }
        if (fill) {
            g.fillPolygon(xs, ys, n);
        }
        g.strokePolygon(xs, ys, n);
    }

    private static double value(List<Integer> values, int i) {
        return i < values.size() && values.get(i) != null ? values.get(i) : 0;
    }

    /** Clockwise from the top, like the PDF's radar. */
    private static double angle(int i, int n) {
        return -Math.PI / 2 + 2 * Math.PI * i / n;
    }
}
