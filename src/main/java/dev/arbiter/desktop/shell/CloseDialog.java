package dev.arbiter.desktop.shell;

import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/**
 * The question {@link CloseGuard} asks when the window is closed while steps wait for the team database:
 * "Close when saved" is the default (Return), "Keep open" answers Escape, and the discard button names the
 * count it drops.
 */
public final class CloseDialog {

    private CloseDialog() {
    }

    /** Asks on the FX thread and waits for the answer; closing the dialog keeps the window open. */
    public static CloseGuard.Choice ask(Window owner, int count, String database) {
        ButtonType whenSaved = new ButtonType("Close when saved", ButtonBar.ButtonData.OK_DONE);
        ButtonType keepOpen = new ButtonType("Keep open", ButtonBar.ButtonData.CANCEL_CLOSE);
        ButtonType discard = new ButtonType(CloseGuard.discardLabel(count), ButtonBar.ButtonData.OTHER);
        Alert alert = new Alert(Alert.AlertType.WARNING, CloseGuard.question(count, database), whenSaved, keepOpen,
                discard);
        dev.arbiter.desktop.common.Dialogs.wholeMessage(alert);
        alert.initOwner(owner);
        alert.setTitle("Steps wait for the database");
        alert.setHeaderText((count == 1 ? "1 step waits" : count + " steps wait") + " for the database");
        alert.getDialogPane().setId("close-guard");
        ((Button) alert.getDialogPane().lookupButton(discard)).setDefaultButton(false);
        Optional<ButtonType> answer = alert.showAndWait();
        if (answer.isEmpty() || answer.get() == keepOpen) {
            return CloseGuard.Choice.KEEP_OPEN;
        }
        return answer.get() == whenSaved ? CloseGuard.Choice.CLOSE_WHEN_SAVED : CloseGuard.Choice.DISCARD_AND_CLOSE;
    }
}
