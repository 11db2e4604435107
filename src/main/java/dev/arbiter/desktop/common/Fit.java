package dev.arbiter.desktop.common;

import java.util.function.Function;
import javafx.collections.ListChangeListener;
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
        table.getColumns().forEach(Fit::wholeHeader);
        table.getColumns().addListener((ListChangeListener<TableColumn<?, ?>>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(Fit::wholeHeader);
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
        follow(table, measure);
        table.getColumns().addListener((ListChangeListener<TableColumn<S, ?>>) change -> measure.run());
    }

    /**
     * {@code column} is at least as wide as the longest {@code text} of the table's items, now and after
     * every change of the items: for columns whose cells draw their own text from the row.
     */
    public static <S> void wholeCells(TableView<S> table, TableColumn<S, ?> column, Function<S, String> text) {
        follow(table, () -> fitCells(table, column, text));
    }

    /**
     * {@code pane} (the region the table sits in, e.g. one side of a split pane) is never narrower than the
     * table's primary columns need: every shown column not marked {@value #SECONDARY}, at its minimum width,
     * plus the pane's own room around the table and a vertical scroll bar. A split pane's divider then stops
     * before a primary column would scroll out of view sideways; columns marked secondary (put them last)
     * may still scroll out. Follows the columns' minimum widths, which {@link #wholeCells} and
     * {@link #wholeHeaders} raise.
     */
    public static void primaryColumnsInView(TableView<?> table, Region pane) {
        double floor = pane.getMinWidth() > 0 ? pane.getMinWidth() : 0;
        Runnable fit = () -> {
            double columns = 0;
            for (TableColumn<?, ?> column : table.getVisibleLeafColumns()) {
                if (!column.getStyleClass().contains(SECONDARY)) {
                    columns += Math.max(column.getMinWidth(), 0);
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
                change.getAddedSubList().forEach(c -> c.minWidthProperty().addListener(refit));
            }
            fit.run();
        });
        table.getVisibleLeafColumns().forEach(c -> c.minWidthProperty().addListener(refit));
        table.widthProperty().addListener(refit);
        fit.run();
    }

    /**
     * {@code list} is at least as wide as the longest {@code text} of its items (plus a cell's padding and a
     * scroll bar), now and after every change of the items: for lists of names that cannot wrap (file names,
     * ids), which would otherwise scroll sideways.
     */
    public static <T> void wholeItems(ListView<T> list, Function<T, String> text) {
        Runnable fit = () -> {
            Text measure = new Text();
            double widest = 0;
            for (T item : list.getItems()) {
                measure.setText(text.apply(item));
                widest = Math.max(widest, measure.getLayoutBounds().getWidth());
            }
            list.setMinWidth(Math.ceil(widest * FONT_ALLOWANCE + CELL_EXTRA + SCROLL_BAR));
        };
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
        column.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                setWrapText(true);
            }
        });
    }

    /** Style class of a column whose cells may be cut: secondary text shown whole elsewhere. */
    public static final String SECONDARY = "may-elide";

    /**
     * The font the theme gives the table's cells (it may be larger than the toolkit's default); the
     * default until the table shows a cell, when {@link #follow} measures again.
     */
    private static Font cellFont(TableView<?> table) {
        return table.lookup(".table-cell") instanceof Labeled cell ? cell.getFont()
                : Font.getDefault();
    }

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

    private static <S> void follow(TableView<S> table, Runnable measure) {
        // once the first cells are there, their themed font is known: measure again with it
        table.widthProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Number> o, Number was, Number now) {
                if (table.lookup(".table-cell") != null) {
                    table.widthProperty().removeListener(this);
                }
                javafx.application.Platform.runLater(measure);
            }
        });
        ListChangeListener<S> onChange = change -> measure.run();
        if (table.getItems() != null) {
            table.getItems().addListener(onChange);
        }
        table.itemsProperty().addListener((o, was, now) -> {
            if (was != null) {
                was.removeListener(onChange);
            }
            if (now != null) {
                now.addListener(onChange);
            }
            measure.run();
        });
        measure.run();
    }

    private static <S> void fitCells(TableView<S> table, TableColumn<S, ?> column, Function<S, String> text) {
        if (table.getItems() == null) {
            return;
        }
        Text measure = new Text();
        measure.setFont(cellFont(table));
        double widest = 0;
        for (S item : table.getItems()) {
            String value = text.apply(item);
            if (value != null && !value.isEmpty()) {
                measure.setText(value);
                widest = Math.max(widest, measure.getLayoutBounds().getWidth());
            }
        }
        double needed = Math.ceil(widest * FONT_ALLOWANCE + CELL_EXTRA);
        if (widest > 0 && column.getMinWidth() < needed) {
            column.setMinWidth(needed);
        }
        if (widest > 0 && column.getPrefWidth() < needed) {
            column.setPrefWidth(needed);
        }
    }

    private static void wholeHeader(TableColumnBase<?, ?> column) {
        String title = column.getText();
        if (title == null || title.isEmpty()) {
            return;
        }
        Text measure = new Text(title);
        measure.setFont(Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, Font.getDefault().getSize()));
        // the theme's header font can run wider than the default bold measured here, and the longer the title
        // the more that shows ("Trains on customer data" was cut): the same allowance as for cells
        double needed = Math.ceil(measure.getLayoutBounds().getWidth() * FONT_ALLOWANCE + HEADER_EXTRA);
        if (column.getMinWidth() < needed) {
            column.setMinWidth(needed);
        }
        if (column.getPrefWidth() < needed) {
            column.setPrefWidth(needed);
        }
    }
}
