package dev.arbiter.desktop.shell;

import dev.arbiter.desktop.common.ReasonDialog;
import atlantafx.base.theme.Styles;
import dev.arbiter.desktop.common.Dialogs;
import dev.arbiter.desktop.common.Fit;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The bar at the top of every screen: the kill switch's state and the one
 * button that engages or releases it (shortcut Ctrl+Shift+K).
 */
public final class KillSwitchBar extends HBox {

    private final KillSwitchViewModel model;

    public KillSwitchBar(KillSwitchViewModel model) {
        this.model = model;
        getStyleClass().add("kill-switch-bar");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(12);

        FontIcon icon = new FontIcon();
        icon.setIconSize(20);
        Label status = new Label();
        status.setId("kill-switch-status");
        status.textProperty().bind(model.statusProperty());
        status.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(status, Priority.ALWAYS);

        Button toggle = new Button();
        toggle.setId("kill-switch-button");
        Fit.whole(toggle); // the kill switch is never squeezed: the status text gives way
        toggle.setTooltip(new Tooltip("Ctrl+Shift+K"));
        toggle.disableProperty().bind(model.busyProperty());
        toggle.setOnAction(e -> toggle());

        model.engagedProperty().addListener((obs, was, engaged) -> show(engaged, icon, toggle));
        show(model.engagedProperty().get(), icon, toggle);
        getChildren().addAll(icon, status, toggle);
    }

    /** Asks for a reason, then engages or releases: the button and Ctrl+Shift+K. */
    public void toggle() {
        boolean engaged = model.engagedProperty().get();
        ReasonDialog dialog = engaged
                ? new ReasonDialog(getScene().getWindow(), "Release the kill switch",
                        "Agents will be able to act again under their policies.", "Release", false)
                : new ReasonDialog(getScene().getWindow(), "Engage the kill switch",
                        model.engageConsequence(), "Engage kill switch", true);
        dialog.ask().ifPresent(reason -> {
            if (engaged) {
                model.release(reason, f -> Dialogs.error(getScene().getWindow(), "Kill switch not released", f));
            } else {
                model.engage(reason, f -> Dialogs.error(getScene().getWindow(), "Kill switch not engaged", f));
            }
        });
    }

    private void show(boolean engaged, FontIcon icon, Button toggle) {
        pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("engaged"), engaged);
        icon.setIconCode(engaged ? Material2MZ.STOP_CIRCLE : Material2AL.CHECK_CIRCLE);
        toggle.setText(engaged ? "Release kill switch" : "Engage kill switch");
        toggle.getStyleClass().removeAll(Styles.DANGER, Styles.SUCCESS);
        toggle.getStyleClass().add(engaged ? Styles.SUCCESS : Styles.DANGER);
    }
}
