package dev.arbiter.desktop.queue;

import atlantafx.base.theme.Styles;
import java.util.List;
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
 * Confirms an approval or denial and takes the reviewer's note: optional to
 * approve, required to deny (the agent's owner reads why). Says what the
 * decision does: approving a gated action releases the agent, which cannot be
 * taken back. Enter confirms, Escape cancels.
 */
final class ReviewDialog extends Dialog<String> {

    ReviewDialog(Window owner, List<QueueRow> rows, boolean approve, String reviewer) {
        initOwner(owner);
        QueueRow first = rows.get(0);
        boolean gated = first.item().isGated();
        String what = rows.size() == 1 ? first.item().action() + " of " + first.item().agentId()
                : rows.size() + " supervised actions";
        String title = (approve ? (gated ? "Approve " : "Confirm ") : (gated ? "Deny " : "Flag ")) + what;
        setTitle(title);
        setHeaderText(title);

        Label consequence = new Label(consequence(gated, approve));
        consequence.setWrapText(true);
        consequence.setMaxWidth(480);
        consequence.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // wrapped whole, not cut to one line
        if (gated && approve) {
            consequence.getStyleClass().addAll(Styles.DANGER, Styles.TEXT_BOLD);
        }
        TextField note = new TextField();
        note.setId("review-note");
        note.setPromptText(approve ? "Note (optional), recorded in the audit ledger"
                : "Why (required), recorded in the audit ledger and shown to the agent");
        Label by = new Label("Recorded as " + reviewer + ", with the time it took to decide.");
        by.getStyleClass().add(Styles.TEXT_MUTED);
        getDialogPane().setContent(new VBox(10, consequence, new Label(approve ? "Note" : "Reason"), note, by));

        ButtonType confirm = new ButtonType(approve ? (gated ? "Approve and release" : "Confirm")
                : (gated ? "Deny" : "Flag"), ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(confirm, ButtonType.CANCEL);
        var confirmButton = getDialogPane().lookupButton(confirm);
        confirmButton.setId("review-confirm");
        confirmButton.getStyleClass().add(approve ? Styles.SUCCESS : Styles.DANGER);
        if (!approve) {
            confirmButton.disableProperty().bind(note.textProperty().map(String::isBlank));
        }
        setResultConverter(button -> button == confirm ? note.getText().strip() : null);
        Platform.runLater(note::requestFocus);
    }

    private static String consequence(boolean gated, boolean approve) {
        if (gated && approve) {
            return "The agent is waiting for this answer. Once approved, it is released and runs the action: "
                    + "an approval cannot be undone.";
        }
        if (gated) {
            return "The agent is told not to run the action (its long poll answers deny, REVIEWER_DENIED).";
        }
        if (approve) {
            return "These actions already ran under supervision; confirming records that a person checked them.";
        }
        return "These actions already ran: flagging cannot undo them. It records that they were wrong, for the "
                + "agent's owner to follow up.";
    }

    Optional<String> ask() {
        return showAndWait();
    }
}
