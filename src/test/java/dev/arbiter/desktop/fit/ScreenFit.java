package dev.arbiter.desktop.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Control;
import javafx.scene.control.IndexedCell;
import javafx.geometry.Orientation;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.TableColumnHeader;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.text.Text;

/**
 * A generic check over a scene graph, for screens it does not know by name: every shown {@link Labeled}
 * whose text is cut to "…", every shown control that lies (partly) outside the window without a
 * scroll pane to bring it back, in rows of tables and lists as well as outside them, and everything
 * primary that is scrolled or clipped out of view <em>sideways</em>: a table column whose header lies
 * beyond the table's right edge (the table is wider than its viewport), or a field a split pane, a
 * scroll pane's viewport or another clip hides to the left or right, so that Tab moves into a field
 * the user cannot see. Scrolling down is fine; scrolling sideways to find primary content is not.
 * Text and columns may be cut or scrolled out only where the view marks them as secondary (style class
 * {@value #MAY_ELIDE} on the node, its column or an ancestor, e.g. a long summary whose full text is in
 * a detail pane).
 */
final class ScreenFit {

    /** Style class of a node (or subtree) whose text may be cut because its full text is shown elsewhere. */
    static final String MAY_ELIDE = "may-elide";

    /** Pixels a border or a rounding may overhang a clip without hiding anything. */
    private static final double SLACK = 2;

    private ScreenFit() {
    }

    /** What is wrong with {@code scene} as shown now, one line each; empty when everything fits. */
    static List<String> problems(Scene scene) {
        List<String> problems = new ArrayList<>();
        walk(scene.getRoot(), scene, problems);
        return problems;
    }

    private static void walk(Node node, Scene scene, List<String> problems) {
        if (!node.isVisible() || node.getStyleClass().contains(MAY_ELIDE)) {
            return;
        }
        // rows of tables and lists too: a cell is primary text unless its column (TableCell takes the
        // column's style classes) or the cell marks it may-elide; empty and blank rows say nothing
        if (node instanceof Labeled labeled && !(inVirtualFlow(node) && emptyRow(node)) && isElided(labeled)) {
            problems.add("cut to \"" + shownText(labeled) + "\" (full: \"" + labeled.getText() + "\") " + describe(node));
        }
        boolean control = node instanceof Control c && !(node instanceof ScrollPane) && c.isFocusTraversable()
                && !(inVirtualFlow(node) && emptyRow(node));
        if (control && !scrollable(node) && outside(node, scene)) {
            problems.add("outside the window " + node.localToScene(node.getBoundsInLocal()) + " " + describe(node));
        } else if (control) {
            clippedOut(node).ifPresent(how -> problems.add(how + " " + describe(node)));
        }
        if (node instanceof ListView<?> list && scrollsSideways(list)) {
            problems.add("list scrolled sideways: its rows are wider than it " + describe(node));
        }
        if (node instanceof TableColumnHeader header && header.getTableColumn() != null
                && header.getTableColumn().getColumns().isEmpty()
                && header.getTableColumn().isVisible()
                && !header.getTableColumn().getStyleClass().contains(MAY_ELIDE)) {
            clippedOut(node).ifPresent(how -> problems.add("column \"" + header.getTableColumn().getText() + "\" "
                    + how + " " + describe(node)));
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                walk(child, scene, problems);
            }
        }
    }

    static boolean isElided(Labeled labeled) {
        String full = labeled.getText();
        if (full == null || full.isBlank() || labeled.getWidth() <= 0) {
            return false;
        }
        String shown = shownText(labeled);
        return shown != null && !shown.equals(full) && shown.endsWith(labeled.getEllipsisString());
    }

    private static String shownText(Labeled labeled) {
        for (Node child : labeled.getChildrenUnmodifiable()) {
            if (child instanceof Text text && child.getStyleClass().contains("text")) {
                return text.getText();
            }
        }
        return null;
    }

    /** A cell (or a label in one) showing no item: the flow keeps spare cells around. */
    private static boolean emptyRow(Node node) {
        for (Node p = node; p != null; p = p.getParent()) {
            if (p instanceof IndexedCell<?> cell) {
                return cell.isEmpty() || cell.getIndex() < 0;
            }
        }
        return false;
    }

    private static boolean inVirtualFlow(Node node) {
        for (Node p = node.getParent(); p != null; p = p.getParent()) {
            if (p instanceof VirtualFlow) {
                return true;
            }
        }
        return false;
    }

    /** Inside a scroll pane or a virtual list/table, the user can scroll a control into view. */
    private static boolean scrollable(Node node) {
        for (Node p = node.getParent(); p != null; p = p.getParent()) {
            if (p instanceof ScrollPane || p instanceof VirtualFlow) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether an ancestor's clip hides part of {@code node}: sideways always counts; up or down only above
     * the nearest scroll pane or virtual flow (there the user scrolls down to it).
     */
    private static Optional<String> clippedOut(Node node) {
        Bounds b = node.localToScene(node.getBoundsInLocal());
        if (b.getWidth() <= 0 || b.getHeight() <= 0) {
            return Optional.empty();
        }
        boolean scrollsVertically = scrollable(node);
        for (Node p = node.getParent(); p != null; p = p.getParent()) {
            if (p.getClip() != null) {
                Bounds clip = p.localToScene(p.getClip().getBoundsInParent());
                if (b.getMinX() < clip.getMinX() - SLACK || b.getMaxX() > clip.getMaxX() + SLACK) {
                    return Optional.of("hidden sideways (x " + (int) b.getMinX() + ".." + (int) b.getMaxX()
                            + ", visible x " + (int) clip.getMinX() + ".." + (int) clip.getMaxX() + ")");
                }
                if (!scrollsVertically && (b.getMinY() < clip.getMinY() - SLACK || b.getMaxY() > clip.getMaxY() + SLACK)) {
                    return Optional.of("clipped (y " + (int) b.getMinY() + ".." + (int) b.getMaxY()
                            + ", visible y " + (int) clip.getMinY() + ".." + (int) clip.getMaxY() + ")");
                }
            }
            if (p instanceof ScrollPane || p instanceof VirtualFlow) {
                // above a scroller only the part shown in its viewport counts; a node scrolled out of it
                // up or down is reached by scrolling
                Bounds viewport = p.localToScene(p.getLayoutBounds());
                double top = Math.max(b.getMinY(), viewport.getMinY());
                double bottom = Math.min(b.getMaxY(), viewport.getMaxY());
                if (bottom <= top) {
                    return Optional.empty();
                }
                b = new BoundingBox(b.getMinX(), top, b.getWidth(), bottom - top);
                scrollsVertically = scrollable(p);
            }
        }
        return Optional.empty();
    }

    /** A list whose own horizontal scroll bar shows: a row's text runs past its right edge. */
    private static boolean scrollsSideways(ListView<?> list) {
        for (Node bar : list.lookupAll(".scroll-bar")) {
            if (bar instanceof ScrollBar scrollBar && scrollBar.getOrientation() == Orientation.HORIZONTAL
                    && scrollBar.isVisible() && scrollBar.getParent() instanceof VirtualFlow<?> flow
                    && flow.getParent() == list) {
                return true;
            }
        }
        return false;
    }

    private static boolean outside(Node node, Scene scene) {
        Bounds b = node.localToScene(node.getBoundsInLocal());
        if (b.getWidth() <= 0 || b.getHeight() <= 0) {
            return false;
        }
        return b.getMinX() < -1 || b.getMinY() < -1 || b.getMaxX() > scene.getWidth() + 1
                || b.getMaxY() > scene.getHeight() + 1;
    }

    private static String describe(Node node) {
        StringBuilder path = new StringBuilder();
        for (Node n = node; n != null; n = n.getParent()) {
            String name = n.getId() != null ? "#" + n.getId() : n.getClass().getSimpleName();
            path.insert(0, path.length() == 0 ? name : name + " > ");
            if (n.getId() != null && n != node) {
                break;
            }
        }
        Tooltip tip = node instanceof Control c ? c.getTooltip() : null;
        return "at " + path + (tip == null ? "" : " (tooltip: " + tip.getText() + ")");
    }
}
