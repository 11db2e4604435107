package dev.arbiter.desktop.common;

import atlantafx.base.theme.Styles;
import java.util.Optional;
import javafx.application.Platform;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Asks for the reason of a governance act (engaging the kill switch, denying
 * an action) and shows what will happen; the confirm button stays disabled
 * until a reason is typed. Enter confirms, Escape cancels.
 */
public final class ReasonDialog extends Dialog<String> {

    public ReasonDialog(Window owner, String title, String consequence, String confirmLabel, boolean danger) {
        initOwner(owner);
        setTitle(title);
        setHeaderText(title);
        TextField reason = new TextField();
        reason.setId("reason-field");
        reason.setPromptText("Reason (required, recorded in the audit ledger)");
        Label what = new Label(consequence);
        what.setId("reason-consequence");
        what.setWrapText(true);
        what.setMaxWidth(460);
        // a wrapped label in a dialog is otherwise given one line's height, and the consequence of the step
        // ("… will be denied at once, and their …") was cut where the person has to read it whole
        what.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        VBox body = new VBox(12, what, new Label("Reason"), reason);
        getDialogPane().setContent(body);
        getDialogPane().setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        ButtonType confirm = new ButtonType(confirmLabel, ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(confirm, ButtonType.CANCEL);
        var confirmButton = getDialogPane().lookupButton(confirm);
        confirmButton.setId("confirm-button");
        if (danger) {
            confirmButton.getStyleClass().add(Styles.DANGER);
        }
        confirmButton.disableProperty().bind(reason.textProperty().map(String::isBlank));
        setResultConverter(button -> button == confirm ? reason.getText().strip() : null);
        Platform.runLater(reason::requestFocus);
    }

    public Optional<String> ask() {
        return showAndWait();
    }
}
