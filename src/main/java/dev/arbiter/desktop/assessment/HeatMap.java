package dev.arbiter.desktop.assessment;

import dev.arbiter.core.assessment.Rating;
import dev.arbiter.core.assessment.RiskBand;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.stream.Collectors;
import dev.arbiter.core.assessment.CellPacking;
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
    /** Below this a marker's number cannot be read; the cell counts its markers instead. */
    private static final double MIN_MARKER_RADIUS = 8;

    private final ObservableList<HeatMapPoint> points = FXCollections.observableArrayList();
    private final BooleanProperty showInherent = new SimpleBooleanProperty(true);
    private final BooleanProperty showResidual = new SimpleBooleanProperty(true);
    private final Region[][] cells = new Region[5][5];
    private final List<Node> markers = new ArrayList<>();
    private final List<Line> arrows = new ArrayList<>();
    private final List<Text> axisLabels = new ArrayList<>();
    private final StackPane[][] countMarkers = new StackPane[5][5];

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
        for (int l = 1; l <= 5; l++) {
            for (int i = 1; i <= 5; i++) {
                StackPane count = marker("+", "more");
                count.setId("heat-count-" + l + "-" + i);
                count.setVisible(false);
                countMarkers[l - 1][i - 1] = count;
                getChildren().add(count);
            }
        }
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
        for (StackPane[] row : countMarkers) {
            for (StackPane count : row) {
                count.toFront();
            }
        }
        requestLayout();
    }

    private Node marker(HeatMapPoint p) {
        StackPane marker = marker(String.valueOf(p.number()), p.residual() ? "residual" : "inherent");
        marker.setUserData(p);
        marker.setAccessibleText(p.describe());
        Tooltip.install(marker, new Tooltip(p.describe()));
        return marker;
    }

    private static StackPane marker(String text, String kind) {
        Circle circle = new Circle(MARKER_RADIUS);
        circle.getStyleClass().add("heat-marker-shape");
        Label number = new Label(text);
        number.getStyleClass().add("heat-marker-label");
        number.setMinWidth(Region.USE_PREF_SIZE);
        StackPane marker = new StackPane(circle, number);
        marker.getStyleClass().addAll("heat-marker", kind);
        marker.setAlignment(Pos.CENTER);
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

    /**
     * Markers sharing a cell are packed by the rule the PDF uses ({@link CellPacking}): each inside its
     * own cell, off the border; when they do not fit at a readable size, the cell's count marker
     * ("+N", its tooltip naming each) stands for the rest.
     */
    private void layoutMarkers(double left, double top, double size) {
        Map<Rating, List<Node>> byCell = new LinkedHashMap<>();
        for (Node marker : markers) {
            byCell.computeIfAbsent(((HeatMapPoint) marker.getUserData()).rating(), r -> new ArrayList<>()).add(marker);
        }
        Map<HeatMapPoint, double[]> centres = new HashMap<>();
        for (int l = 1; l <= 5; l++) {
            for (int i = 1; i <= 5; i++) {
                countMarkers[l - 1][i - 1].setVisible(false);
            }
        }
        for (Map.Entry<Rating, List<Node>> cell : byCell.entrySet()) {
            Rating rating = cell.getKey();
            List<Node> inCell = cell.getValue();
            double cellX = left + (rating.impact() - 1) * size;
            double cellY = top + (5 - rating.likelihood()) * size;
            CellPacking.Packing packing = CellPacking.pack(inCell.size(), size - 2, 2, MARKER_RADIUS,
                    MIN_MARKER_RADIUS);
            for (int k = 0; k < inCell.size(); k++) {
                Node marker = inCell.get(k);
                CellPacking.Slot slot = k < packing.markers().size() ? packing.markers().get(k)
                        : packing.more().orElseThrow();
                marker.setVisible(k < packing.markers().size());
                double x = cellX + slot.x();
                double y = cellY + slot.y();
                marker.resizeRelocate(x - slot.radius(), y - slot.radius(), slot.radius() * 2, slot.radius() * 2);
                scale(marker, slot.radius());
                centres.put((HeatMapPoint) marker.getUserData(), new double[] {x, y});
            }
            packing.more().ifPresent(slot -> {
                StackPane count = countMarkers[rating.likelihood() - 1][rating.impact() - 1];
                List<Node> hidden = inCell.subList(packing.markers().size(), inCell.size());
                ((Label) count.getChildren().get(1)).setText("+" + packing.moreCount());
                String names = hidden.stream().map(n -> ((HeatMapPoint) n.getUserData()).describe())
                        .collect(Collectors.joining("\n"));
                count.setAccessibleText(packing.moreCount() + " more markers: " + names);
                Tooltip.install(count, new Tooltip(names));
                count.setUserData(hidden.stream().map(n -> (HeatMapPoint) n.getUserData()).toList());
                count.resizeRelocate(cellX + slot.x() - slot.radius(), cellY + slot.y() - slot.radius(),
                        slot.radius() * 2, slot.radius() * 2);
                scale(count, slot.radius());
                count.setVisible(true);
                count.toFront();
            });
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

    private static void scale(Node marker, double radius) {
        ((Circle) ((StackPane) marker).getChildren().get(0)).setRadius(radius);
    }

    /** The "+N" marker of each cell, shown only when the cell's markers do not all fit. */
    public List<StackPane> visibleCountMarkers() {
        List<StackPane> visible = new ArrayList<>();
        for (StackPane[] row : countMarkers) {
            for (StackPane count : row) {
                if (count.isVisible()) {
                    visible.add(count);
                }
            }
        }
        return visible;
    }
}
