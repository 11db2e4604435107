package dev.arbiter.desktop.common;

import javafx.collections.ListChangeListener;
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

    private static void wholeHeader(TableColumnBase<?, ?> column) {
        String title = column.getText();
        if (title == null || title.isEmpty()) {
            return;
        }
        Text measure = new Text(title);
        measure.setFont(Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, Font.getDefault().getSize()));
        double needed = Math.ceil(measure.getLayoutBounds().getWidth() + HEADER_EXTRA);
        if (column.getMinWidth() < needed) {
            column.setMinWidth(needed);
        }
        if (column.getPrefWidth() < needed) {
            column.setPrefWidth(needed);
        }
    }
}
