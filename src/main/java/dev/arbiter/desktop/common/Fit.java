package dev.arbiter.desktop.common;

import java.util.function.Function;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableColumnBase;
import javafx.scene.control.TableView;
import javafx.scene.layout.Region;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/**
 * The layout rule that keeps primary text readable at 1280 x 800 and up: names and commands (titles,
 * buttons, field labels, column headers) keep their full width, and what gives way is a text field,
 * a spring or a wrapping line. {@code ScreensFitTest} checks it on every screen.
 */
public final class Fit {

    /** Room a column header needs beyond its text: padding and the sort arrow, in pixels. */
    private static final double HEADER_EXTRA = 24;
    /** Room a cell needs beyond its text: the theme's padding and the column's border, in pixels. */
    private static final double CELL_EXTRA = 22;
    /** Room a combo box needs beyond its text: padding and the arrow button, in pixels. */
    private static final double COMBO_EXTRA = 48;
    /** The theme's text is up to this much larger than the default font a detached {@link Text} measures in. */
    private static final double FONT_ALLOWANCE = 1.15;

    private Fit() {
    }

    /** These controls never shrink below their preferred width (so their text is never cut to "…"). */
    public static void whole(Region... regions) {
        for (Region region : regions) {
            region.setMinWidth(Region.USE_PREF_SIZE);
        }
    }

    /**
     * Every column of {@code table}, also those added later, is at least as wide as its header's text
     * (bold, as the theme draws it); a table narrower than its columns scrolls sideways.
     */
    public static void wholeHeaders(TableView<?> table) {
        table.getColumns().forEach(c -> wholeHeader(c, headerFont(table)));
        table.getColumns().addListener((ListChangeListener<TableColumn<?, ?>>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(c -> wholeHeader(c, headerFont(table)));
            }
        });
        // once a header is shown, the theme's font is known: measure every header again, exactly
        afterShown(table, ".column-header .label", () -> table.getColumns().forEach(c -> wholeHeader(c,
                headerFont(table))));
    }

    /** The font a shown column header uses, or null before one is shown. */
    private static Font headerFont(TableView<?> table) {
        Labeled header = themed(table.lookup(".column-header .label"));
        return header == null ? null : header.getFont();
    }

    /**
     * {@code node} as a label whose font is the theme's, or null when it is none or not in a scene. A cell
     * the table has just made (new columns, a new row) still has the default font until the next CSS pass
     * (13 px where the theme draws 14): measured in it, the compliance matrix's longest agent id came out
     * two characters short. Applying the CSS now gives the font the cell is drawn in.
     */
    private static Labeled themed(Node node) {
        if (!(node instanceof Labeled labeled) || labeled.getScene() == null) {
            return null;
        }
        labeled.applyCss();
        return labeled;
    }

    /** Runs {@code action} once, after the first layout of {@code control} that shows a node matching {@code selector}. */
    private static void afterShown(Region control, String selector, Runnable action) {
        control.needsLayoutProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was, Boolean now) {
                if (!now && control.lookup(selector) != null) {
                    control.needsLayoutProperty().removeListener(this);
                    javafx.application.Platform.runLater(action);
                }
            }
        });
    }

    /**
     * Every column of {@code table} whose cells show a plain value (a string, a number) is at least as wide
     * as the longest value it shows now, so primary text in rows is read whole; the table scrolls sideways
     * when the columns need more than its width. Follows the items (also a new list) and the columns.
     * A column marked {@value #SECONDARY} (its full text is in a detail pane or tooltip) is left to shrink.
     */
    public static <S> void wholeCells(TableView<S> table) {
        Runnable measure = () -> {
            for (TableColumn<S, ?> column : table.getColumns()) {
                if (!column.getStyleClass().contains(SECONDARY) && !column.getStyleClass().contains(WRAPS)) {
                    fitCells(table, column, item -> {
                        Object value = column.getCellData(item);
                        return value instanceof CharSequence || value instanceof Number ? value.toString() : null;
                    });
                }
            }
        };
        follow(table, null, measure);
        table.getColumns().addListener((ListChangeListener<TableColumn<S, ?>>) change -> measure.run());
    }

    /**
     * {@code column} is at least as wide as the longest {@code text} of the table's items, now and after
     * every change of the items: for columns whose cells draw their own text from the row. Only while the
     * column is in {@code table}: a view that rebuilds its columns (Compliance, when the regulations change)
     * leaves no listener behind for a column it removed.
     */
    public static <S> void wholeCells(TableView<S> table, TableColumn<S, ?> column, Function<S, String> text) {
        follow(table, column, () -> fitCells(table, column, text));
    }

    /**
     * {@code pane} (the region the table sits in, e.g. one side of a split pane) is never narrower than the
     * table's primary columns need: every shown column not marked {@value #SECONDARY}, at its preferred width,
     * plus the pane's own room around the table and a vertical scroll bar. A split pane's divider then stops
     * before a primary column would scroll out of view sideways; columns marked secondary (put them last)
     * may still scroll out. Follows the columns' minimum and preferred widths, which {@link #wholeCells} and
     * {@link #wholeHeaders} set. A split pane honours the floor only with {@link #keepMinimums}.
     */
    public static void primaryColumnsInView(TableView<?> table, Region pane) {
        double floor = pane.getMinWidth() > 0 ? pane.getMinWidth() : 0;
        Runnable fit = () -> {
            // a column is as wide as it prefers: a constrained policy, too, keeps the preferred widths once the
            // columns need more than the table has (give a wrapping column the preferred width it may wrap at)
            double columns = 0;
            for (TableColumn<?, ?> column : table.getVisibleLeafColumns()) {
                if (!column.getStyleClass().contains(SECONDARY)) {
                    columns += Math.max(column.getPrefWidth(), Math.max(column.getMinWidth(), 0));
                }
            }
            double around = pane == table || table.getWidth() <= 0 ? 0 : Math.max(0, pane.getWidth() - table.getWidth());
            double needed = Math.ceil(columns + table.snappedLeftInset() + table.snappedRightInset() + SCROLL_BAR + around);
            if (Math.abs(pane.getMinWidth() - Math.max(floor, needed)) > 0.5) {
                pane.setMinWidth(Math.max(floor, needed));
            }
        };
        javafx.beans.InvalidationListener refit = o -> fit.run();
        table.getVisibleLeafColumns().addListener((ListChangeListener<TableColumn<?, ?>>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(c -> {
                    c.minWidthProperty().addListener(refit);
                    c.prefWidthProperty().addListener(refit);
                });
            }
            fit.run();
        });
        table.getVisibleLeafColumns().forEach(c -> {
            c.minWidthProperty().addListener(refit);
            c.prefWidthProperty().addListener(refit);
        });
        table.widthProperty().addListener(refit);
        table.columnResizePolicyProperty().addListener(refit);
        fit.run();
    }

    /**
     * {@code split}'s dividers never cut an item below its minimum width ({@link Region#minWidth}: the one
     * set, e.g. by {@link #primaryColumnsInView}, or the one its content needs): a split pane by itself
     * places a divider where it was set or dragged and clips the item beside it, so a table's primary
     * column or a form's field would be hidden sideways. After every change of the pane's width, of an
     * item's minimum or of a divider (also one the user drags), each divider moves just far enough that
     * the items on both sides keep their minimums. When the window is too narrow for all of them, the
     * items before the divider keep theirs (put the table whose columns must stay in view first) and the
     * later ones give way: their text wraps or their pane scrolls.
     */
    public static void keepMinimums(javafx.scene.control.SplitPane split) {
        boolean[] busy = {false};
        Runnable clamp = () -> {
            double width = split.getWidth() - split.snappedLeftInset() - split.snappedRightInset();
            if (busy[0] || width <= 0 || split.getOrientation() != javafx.geometry.Orientation.HORIZONTAL) {
                return;
            }
            busy[0] = true;
            try {
                var items = split.getItems();
                var dividers = split.getDividers();
                double gap = dividerWidth(split);
                for (int i = 0; i < dividers.size(); i++) {
                    double before = 0;
                    for (int k = 0; k <= i; k++) {
                        before += minWidth(items.get(k)) + gap * (k < i ? 1 : 0);
                    }
                    double after = 0;
                    for (int k = i + 1; k < items.size(); k++) {
                        after += minWidth(items.get(k)) + gap;
                    }
                    double low = Math.min(1, (before + gap / 2) / width);
                    double high = Math.max(0, 1 - (after - gap / 2) / width);
                    double at = dividers.get(i).getPosition();
                    // the items before the divider win when both cannot have their minimums
                    double wanted = Math.max(low, Math.min(at, high));
                    if (Math.abs(wanted - at) * width > 0.5) {
                        dividers.get(i).setPosition(wanted);
                    }
                }
            } finally {
                busy[0] = false;
            }
        };
        javafx.beans.InvalidationListener refit = o -> clamp.run();
        split.widthProperty().addListener(refit);
        split.needsLayoutProperty().addListener((o, was, now) -> {
            if (!now) {
                clamp.run();
            }
        });
        for (javafx.scene.Node item : split.getItems()) {
            if (item instanceof Region region) {
                region.minWidthProperty().addListener(refit);
                region.widthProperty().addListener(refit);
            }
        }
        split.getDividers().forEach(d -> d.positionProperty().addListener(refit));
        split.getDividers().addListener((ListChangeListener<javafx.scene.control.SplitPane.Divider>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(d -> d.positionProperty().addListener(refit));
            }
        });
    }

    private static double minWidth(javafx.scene.Node item) {
        return item instanceof Region region ? region.minWidth(-1) : item.minWidth(-1);
    }

    /** The width of the split pane's dividers as the theme draws them, in pixels (8 before the skin has them). */
    private static double dividerWidth(javafx.scene.control.SplitPane split) {
        javafx.scene.Node divider = split.lookup(".split-pane-divider");
        return divider instanceof Region region && region.getWidth() > 0 ? region.getWidth() : 8;
    }

    /**
     * {@code list} is at least as wide as the longest {@code text} of its items (plus a cell's padding and a
     * scroll bar), now and after every change of the items: for lists of names that cannot wrap (file names,
     * ids), which would otherwise scroll sideways.
     */
    public static <T> void wholeItems(ListView<T> list, Function<T, String> text) {
        Runnable fit = () -> {
            // in the font a shown cell uses, exactly; before one is shown, with room for the theme's larger font
            Labeled cell = themed(list.lookup(".list-cell"));
            Text measure = new Text();
            measure.setFont(cell == null ? Font.getDefault() : cell.getFont());
            double widest = 0;
            for (T item : list.getItems()) {
                measure.setText(text.apply(item));
                widest = Math.max(widest, measure.getLayoutBounds().getWidth());
            }
            list.setMinWidth(Math.ceil(widest * (cell == null ? FONT_ALLOWANCE : 1) + CELL_EXTRA + SCROLL_BAR));
        };
        afterShown(list, ".list-cell", fit);
        ListChangeListener<T> onChange = change -> fit.run();
        list.getItems().addListener(onChange);
        list.itemsProperty().addListener((o, was, now) -> {
            if (was != null) {
                was.removeListener(onChange);
            }
            if (now != null) {
                now.addListener(onChange);
            }
            fit.run();
        });
        fit.run();
    }

    /** Width of a table's vertical scroll bar in the theme, in pixels (a little more, to be safe). */
    private static final double SCROLL_BAR = 16;

    /** Style class of a column whose cells wrap their text ({@link #wrapping}): not widened to its longest value. */
    public static final String WRAPS = "wraps";

    /**
     * {@code column}'s cells wrap long text onto more lines (the row grows) instead of widening the column
     * or cutting the text: for sentences (a step, a note) next to short primary columns.
     *
     * @param minWidth the narrowest the column gets, in pixels
     */
    public static <S> void wrapping(TableColumn<S, String> column, double minWidth) {
        column.getStyleClass().add(WRAPS);
        column.setMinWidth(minWidth);
        // a row measures its height once: when the column narrows later (a resize policy, the window, a
        // divider), the text needs more lines than the row has and would be cut to "…"; measure the rows again
        boolean[] asked = {false};
        column.widthProperty().addListener((o, was, now) -> {
            TableView<S> table = column.getTableView();
            if (table != null && !asked[0]) {
                asked[0] = true;
                javafx.application.Platform.runLater(() -> {
                    asked[0] = false;
                    table.refresh();
                });
            }
        });
        // a word longer than the column would be cut, not wrapped (a long name): the column is at least as
        // wide as the longest word it shows
        column.tableViewProperty().addListener((o, was, table) -> {
            if (table != null && was == null) {
                follow(table, column, () -> fitCells(table, column, item -> longestWord(column.getCellData(item))));
            }
        });
        column.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            // a row asks its cells for their height without a width, so a cell's own wrapped text would stay
            // one line high and be cut to "…": a text node that wraps at the column's width tells its height
            private final Text lines = new Text();

            {
                lines.wrappingWidthProperty().bind(column.widthProperty().subtract(CELL_EXTRA));
                lines.fillProperty().bind(textFillProperty());
                lines.fontProperty().bind(fontProperty());
            }

            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(null);
                lines.setText(empty || text == null ? "" : text);
                setGraphic(empty || text == null ? null : lines);
            }
        });
    }

    /** Style class of a column whose cells may be cut: secondary text shown whole elsewhere. */
    public static final String SECONDARY = "may-elide";

    /**
     * {@code box} is at least as wide as the choice it shows, now and after every change, plus its arrow
     * (the skin sizes a combo box once; a long label chosen later would be cut). Only the shown choice
     * counts: the longest of all could push the row out of the window.
     */
    public static <T> void wholeValue(ComboBox<T> box, Function<T, String> label) {
        Runnable fit = () -> {
            T value = box.getValue();
            Text measure = new Text(value == null ? "" : label.apply(value));
            box.setMinWidth(Math.ceil(measure.getLayoutBounds().getWidth() * FONT_ALLOWANCE + COMBO_EXTRA));
        };
        box.valueProperty().addListener((o, was, now) -> fit.run());
        fit.run();
    }

    /**
     * Runs {@code measure} now, once the first cells are shown, and after every change of the table's items
     * (also a new list). With a {@code column}, only while that column is in {@code table}: once it leaves
     * (its table changes), every listener this added is removed, so a view that rebuilds its columns does
     * not pile them up over a long session.
     */
    private static <S> void follow(TableView<S> table, TableColumn<S, ?> column, Runnable measure) {
        boolean[] following = {true};
        Runnable measureWhileIn = () -> {
            if (following[0]) {
                measure.run();
            }
        };
        // once the first cells are there, their themed font is known: measure again with it
        afterShown(table, ".table-cell", measureWhileIn);
        ListChangeListener<S> onChange = change -> measureWhileIn.run();
        if (table.getItems() != null) {
            table.getItems().addListener(onChange);
        }
        javafx.beans.value.ChangeListener<javafx.collections.ObservableList<S>> onNewList = (o, was, now) -> {
            if (was != null) {
                was.removeListener(onChange);
            }
            if (now != null) {
                now.addListener(onChange);
            }
            measureWhileIn.run();
        };
        table.itemsProperty().addListener(onNewList);
        if (column != null) {
            column.tableViewProperty().addListener(new javafx.beans.value.ChangeListener<>() {
                @Override
                public void changed(javafx.beans.value.ObservableValue<? extends TableView<S>> o, TableView<S> was,
                                    TableView<S> now) {
                    if (now != table) {
                        following[0] = false;
                        if (table.getItems() != null) {
                            table.getItems().removeListener(onChange);
                        }
                        table.itemsProperty().removeListener(onNewList);
                        column.tableViewProperty().removeListener(this);
                    }
                }
            });
        }
        measure.run();
    }

    private static <S> void fitCells(TableView<S> table, TableColumn<S, ?> column, Function<S, String> text) {
        if (table.getItems() == null) {
            return;
        }
        Labeled cell = themed(table.lookup(".table-cell"));
        Text measure = new Text();
        measure.setFont(cell == null ? Font.getDefault() : cell.getFont());
        double widest = 0;
        for (S item : table.getItems()) {
            String value = text.apply(item);
            if (value != null && !value.isEmpty()) {
                measure.setText(value);
                widest = Math.max(widest, measure.getLayoutBounds().getWidth());
            }
        }
        // measured in the font a shown cell really uses, the text needs exactly its width; before a cell is
        // shown, the theme's font is not known yet and may be larger than the default one
        double needed = widest <= 0 ? 0 : Math.ceil(widest * (cell == null ? FONT_ALLOWANCE : 1) + CELL_EXTRA);
        raise(column, CELLS, needed);
    }

    private static String longestWord(String text) {
        String longest = "";
        for (String word : text == null ? new String[0] : text.split("\\s+")) {
            longest = word.length() > longest.length() ? word : longest;
        }
        return longest;
    }

    /** Key of the width a column's cells need, in its properties. */
    private static final String CELLS = "fit.cells";
    /** Key of the width a column's header needs, in its properties. */
    private static final String HEADER = "fit.header";
    /** Key of the minimum and preferred widths a column had before it was fitted, in its properties. */
    private static final String OWN = "fit.own";

    /**
     * Records what {@code key} (the header or the cells) needs and sets the column's minimum (and, when
     * smaller, its preferred) width to the largest need and the widths the view gave it: a later, more
     * exact or smaller measure lowers them again (a list that lost its longest value, the theme's font).
     */
    private static void raise(TableColumnBase<?, ?> column, String key, double needed) {
        double[] own = (double[]) column.getProperties().computeIfAbsent(OWN,
                k -> new double[] {Math.max(0, column.getMinWidth()), column.getPrefWidth()});
        column.getProperties().put(key, needed);
        double min = Math.max(own[0], Math.max(need(column, HEADER), need(column, CELLS)));
        if (Math.abs(column.getMinWidth() - min) > 0.5) {
            column.setMinWidth(min);
        }
        double pref = Math.max(own[1], min);
        if (Math.abs(column.getPrefWidth() - pref) > 0.5) {
            column.setPrefWidth(pref);
        }
    }

    private static double need(TableColumnBase<?, ?> column, String key) {
        return column.getProperties().get(key) instanceof Double d ? d : 0;
    }

    /** Measured in the shown header's {@code font} exactly; before one is shown (null), with room to spare. */
    private static void wholeHeader(TableColumnBase<?, ?> column, Font font) {
        String title = column.getText();
        if (title == null || title.isEmpty()) {
            return;
        }
        Text measure = new Text(title);
        measure.setFont(font != null ? font
                : Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, Font.getDefault().getSize()));
        // the theme's header font can run wider than the default bold measured before a header is shown, and
        // the longer the title the more that shows ("Trains on customer data" was cut): the same allowance as
        // for cells until then
        double allowance = font != null ? 1 : FONT_ALLOWANCE;
        raise(column, HEADER, Math.ceil(measure.getLayoutBounds().getWidth() * allowance + HEADER_EXTRA));
    }
}
