package dev.arbiter.desktop.policies;

import java.util.Optional;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Confirms a change that matters for governance (pause, retire, activate) and
 * asks why: the reason goes into the audit log. The confirm button stays
 * disabled until a reason is typed.
 */
final class ReasonDialog {

    private ReasonDialog() {
    }

    static Optional<String> ask(Window owner, String title, String question, String confirmLabel) {
        Dialog<String> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(title);
        dialog.setHeaderText(title);
        ButtonType confirm = new ButtonType(confirmLabel, ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(confirm, ButtonType.CANCEL);
        TextField reason = new TextField();
        reason.setId("reason-field");
        reason.setPromptText("Reason (recorded in the audit log)");
        Label label = new Label(question);
        label.setId("reason-consequence");
        label.setWrapText(true);
        label.setLabelFor(reason);
        dialog.getDialogPane().setContent(new VBox(8, label, reason));
        dialog.getDialogPane().lookupButton(confirm).disableProperty().bind(reason.textProperty().isEmpty());
        dialog.setOnShown(e -> reason.requestFocus());
        dialog.setResultConverter(b -> b == confirm ? reason.getText().strip() : null);
        return dialog.showAndWait().filter(s -> !s.isBlank());
    }
}
