package dev.arbiter.desktop.assessment;

import dev.arbiter.core.assessment.Rating;
import dev.arbiter.core.assessment.RiskBand;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.text.Text;

/**
 * The 5 x 5 risk heat map: likelihood up, impact across, each cell coloured by
 * the band of its score. A risk shows as a ring at its inherent rating and a
 * filled dot at its residual rating, both labelled with its row number, joined
 * by a line when mitigation moves it.
 */
public final class HeatMap extends Region {

    private static final double AXIS = 44;
    private static final double MARKER_RADIUS = 11;

    private final ObservableList<HeatMapPoint> points = FXCollections.observableArrayList();
    private final BooleanProperty showInherent = new SimpleBooleanProperty(true);
    private final BooleanProperty showResidual = new SimpleBooleanProperty(true);
    private final Region[][] cells = new Region[5][5];
    private final List<Node> markers = new ArrayList<>();
    private final List<Line> arrows = new ArrayList<>();
    private final List<Text> axisLabels = new ArrayList<>();

    public HeatMap() {
        getStyleClass().add("heat-map");
        setAccessibleRole(AccessibleRole.IMAGE_VIEW);
        setAccessibleText("Risk heat map");
        for (int l = 1; l <= 5; l++) {
            for (int i = 1; i <= 5; i++) {
                Rating rating = new Rating(l, i);
                Region cell = new Region();
                cell.getStyleClass().addAll("heat-cell", bandStyle(rating.band()));
                cell.setId("heat-cell-" + l + "-" + i);
                Tooltip.install(cell, new Tooltip("Likelihood " + l + " (" + Rating.LIKELIHOOD_SCALE.get(l - 1)
                        + ") \u00d7 impact " + i + " (" + Rating.IMPACT_SCALE.get(i - 1) + ") = " + rating.score()
                        + ", " + rating.band().label()));
                cells[l - 1][i - 1] = cell;
                getChildren().add(cell);
            }
        }
        for (int n = 1; n <= 5; n++) {
            axisLabels.add(axisText(String.valueOf(n)));   // likelihood n, index n-1
        }
        for (int n = 1; n <= 5; n++) {
            axisLabels.add(axisText(String.valueOf(n)));   // impact n, index 4+n
        }
        axisLabels.add(axisText("Likelihood \u2191"));
        axisLabels.add(axisText("Impact \u2192"));
        getChildren().addAll(axisLabels);
        points.addListener((ListChangeListener<HeatMapPoint>) c -> rebuildMarkers());
        showInherent.addListener(o -> rebuildMarkers());
        showResidual.addListener(o -> rebuildMarkers());
        setMinSize(260, 260);
        setPrefSize(380, 360);
    }

    /** The markers to draw; the view keeps this in step with the risk table. */
    public ObservableList<HeatMapPoint> points() { return points; }
    public BooleanProperty showInherentProperty() { return showInherent; }
    public BooleanProperty showResidualProperty() { return showResidual; }

    /** The markers now drawn, each with its {@link HeatMapPoint} as user data (for tests and accessibility). */
    public List<Node> markers() {
        return List.copyOf(markers);
    }

    static String bandStyle(RiskBand band) {
        return "band-" + band.name().toLowerCase(Locale.ROOT);
    }

    private Text axisText(String s) {
        Text t = new Text(s);
        t.getStyleClass().add("heat-axis");
        return t;
    }

    private void rebuildMarkers() {
        getChildren().removeAll(markers);
        getChildren().removeAll(arrows);
        markers.clear();
        arrows.clear();
        Map<Integer, HeatMapPoint> inherentByRisk = new HashMap<>();
        Map<Integer, HeatMapPoint> residualByRisk = new HashMap<>();
        for (HeatMapPoint p : points) {
            if (p.residual() ? showResidual.get() : showInherent.get()) {
                markers.add(marker(p));
                (p.residual() ? residualByRisk : inherentByRisk).put(p.number(), p);
            }
        }
        for (Map.Entry<Integer, HeatMapPoint> e : inherentByRisk.entrySet()) {
            HeatMapPoint to = residualByRisk.get(e.getKey());
            if (to != null && !to.rating().equals(e.getValue().rating())) {
                Line line = new Line();
                line.getStyleClass().add("heat-arrow");
                line.setUserData(new HeatMapPoint[] {e.getValue(), to});
                line.setMouseTransparent(true);
                arrows.add(line);
            }
        }
        getChildren().addAll(arrows);
        getChildren().addAll(markers);
        requestLayout();
    }

    private Node marker(HeatMapPoint p) {
        Circle circle = new Circle(MARKER_RADIUS);
        circle.getStyleClass().add("heat-marker-shape");
        Label number = new Label(String.valueOf(p.number()));
        number.getStyleClass().add("heat-marker-label");
        StackPane marker = new StackPane(circle, number);
        marker.getStyleClass().addAll("heat-marker", p.residual() ? "residual" : "inherent");
        marker.setUserData(p);
        marker.setAccessibleText(p.describe());
        marker.setAlignment(Pos.CENTER);
        Tooltip.install(marker, new Tooltip(p.describe()));
        marker.setManaged(false);
        return marker;
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth() - snappedLeftInset() - snappedRightInset();
        double h = getHeight() - snappedTopInset() - snappedBottomInset();
        double size = Math.max(50, Math.min(w - AXIS, h - AXIS) / 5);
        double left = snappedLeftInset() + AXIS;
        double top = snappedTopInset();
        for (int l = 1; l <= 5; l++) {
            for (int i = 1; i <= 5; i++) {
                cells[l - 1][i - 1].resizeRelocate(left + (i - 1) * size, top + (5 - l) * size, size - 2, size - 2);
            }
        }
        for (int n = 1; n <= 5; n++) {
            place(axisLabels.get(n - 1), left - 14, top + (5 - n) * size + size / 2);
            place(axisLabels.get(4 + n), left + (n - 1) * size + size / 2, top + 5 * size + 12);
        }
        Text likelihood = axisLabels.get(10);
        likelihood.setRotate(-90);
        place(likelihood, left - 34, top + 2.5 * size);
        place(axisLabels.get(11), left + 2.5 * size, top + 5 * size + 30);
        layoutMarkers(left, top, size);
    }

    private static void place(Text t, double centerX, double centerY) {
        double bw = t.getLayoutBounds().getWidth();
        double bh = t.getLayoutBounds().getHeight();
        t.relocate(centerX - bw / 2, centerY - bh / 2);
    }

    /** Several markers in one cell sit side by side, wrapping within the cell. */
    private void layoutMarkers(double left, double top, double size) {
        Map<String, Integer> perCell = new HashMap<>();
        Map<HeatMapPoint, double[]> centres = new HashMap<>();
        double step = MARKER_RADIUS * 2 + 3;
        int perRow = Math.max(1, (int) ((size - 6) / step));
        for (Node marker : markers) {
            HeatMapPoint p = (HeatMapPoint) marker.getUserData();
            String key = p.rating().likelihood() + "-" + p.rating().impact();
            int k = perCell.merge(key, 1, Integer::sum) - 1;
            double cellX = left + (p.rating().impact() - 1) * size;
            double cellY = top + (5 - p.rating().likelihood()) * size;
            double x = cellX + 4 + MARKER_RADIUS + (k % perRow) * step;
            double y = cellY + 4 + MARKER_RADIUS + (k / perRow) * step;
            marker.resizeRelocate(x - MARKER_RADIUS, y - MARKER_RADIUS, MARKER_RADIUS * 2, MARKER_RADIUS * 2);
            centres.put(p, new double[] {x, y});
        }
        for (Line line : arrows) {
            HeatMapPoint[] ends = (HeatMapPoint[]) line.getUserData();
            double[] from = centres.get(ends[0]);
            double[] to = centres.get(ends[1]);
            line.setStartX(from[0]);
            line.setStartY(from[1]);
            line.setEndX(to[0]);
            line.setEndY(to[1]);
        }
    }
}
