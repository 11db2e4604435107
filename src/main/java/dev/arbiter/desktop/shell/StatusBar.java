package dev.arbiter.desktop.shell;

import dev.arbiter.desktop.common.Feedback;
import dev.arbiter.desktop.common.Fit;
import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.geometry.Orientation;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** The bottom line: database file, gateway state, pending escalations, ledger integrity. */
public final class StatusBar extends HBox {

    private final StatusModel model;

    public StatusBar(StatusModel model) {
        this.model = model;
        getStyleClass().add("status-bar");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(10);
        Label db = item(Material2AL.FOLDER_OPEN, model.databaseProperty());
        db.setId("status-database");
        Label gateway = item(Material2AL.CLOUD_QUEUE, model.gatewayProperty());
        gateway.setId("status-gateway");
        Label pending = item(Material2MZ.PAN_TOOL, model.pendingProperty());
        pending.setId("status-pending");
        Label ledger = item(Material2MZ.VERIFIED_USER, model.ledgerProperty());
        ledger.setId("status-ledger");
        Feedback.styleAsError(ledger, model.ledgerBrokenProperty());
        // what needs a person (pending actions, a broken chain) is never cut; a long gateway message or path
        // gives way instead and shows whole in its tooltip
        Fit.whole(pending, ledger);
        wholeInTooltip(db);
        wholeInTooltip(gateway);
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        getChildren().addAll(db, spring, gateway, new Separator(Orientation.VERTICAL), pending,
                new Separator(Orientation.VERTICAL), ledger);
    }

    public StatusModel model() {
        return model;
    }

    private static void wholeInTooltip(Label label) {
        javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();
        tip.textProperty().bind(label.textProperty());
        tip.setWrapText(true);
        tip.setMaxWidth(640);
        label.setTooltip(tip);
    }

    private static Label item(org.kordamp.ikonli.Ikon icon, javafx.beans.value.ObservableValue<String> text) {
        Label label = new Label();
        label.textProperty().bind(text);
        label.setGraphic(new FontIcon(icon));
        label.getStyleClass().add(Styles.TEXT_SMALL);
        return label;
    }
}
