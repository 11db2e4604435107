package dev.arbiter.desktop.shell;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

/**
 * The strip over every screen while the team database cannot be reached
 * (issue 14): says so, that Arbiter keeps trying, and how many saves wait to
 * go through; it disappears by itself when the database is back.
 */
final class OfflineBanner extends HBox {

    OfflineBanner(StatusModel status, String database) {
        super(10);
        setId("offline-banner");
        Label text = new Label();
        text.setId("offline-banner-text");
        text.setWrapText(true);
        text.textProperty().bind(Bindings.createStringBinding(() -> {
            int waiting = status.waitingSavesProperty().get();
            return "Database offline — " + database + " cannot be reached. Arbiter keeps trying. What you type "
                    + "stays on screen; saves made now go through when the database is back"
                    + (waiting == 0 ? "." : " (" + waiting + " waiting).")
                    + (status.closingProperty().get().isEmpty() ? "" : " " + status.closingProperty().get());
        }, status.waitingSavesProperty(), status.closingProperty()));
        getChildren().addAll(new FontIcon(Material2AL.CLOUD_OFF), text);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(6, 16, 6, 16));
        getStyleClass().add("offline-banner");
        visibleProperty().bind(status.databaseOfflineProperty());
        managedProperty().bind(visibleProperty());
    }
}
