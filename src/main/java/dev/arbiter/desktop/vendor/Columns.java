package dev.arbiter.desktop.vendor;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TableColumn;

/** Text columns for the Vendors screen's tables. */
final class Columns {

    private Columns() {
    }

    static <S> TableColumn<S, String> text(String title, double width, Function<S, String> text) {
        TableColumn<S, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        return c;
    }
}
