package dev.arbiter.desktop.common;

import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/**
 * The app's canned dialogs. Errors show a message a person can act on; the
 * stack trace is already in the log file (see {@link Background}).
 */
public final class Dialogs {

    private Dialogs() {
    }

    public static void error(Window owner, String title, Throwable failure) {
        error(owner, title, messageOf(failure));
    }

    public static void error(Window owner, String title, String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR, message, ButtonType.OK);
        wholeMessage(alert);
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(title);
        alert.showAndWait();
    }

    public static boolean confirm(Window owner, String title, String message, String confirmLabel) {
        ButtonType confirm = new ButtonType(confirmLabel, ButtonType.OK.getButtonData());
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, message, confirm, ButtonType.CANCEL);
        wholeMessage(alert);
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(title);
        Optional<ButtonType> answer = alert.showAndWait();
        return answer.isPresent() && answer.get() == confirm;
    }

    /**
     * Lets the dialog grow to its whole message: JavaFX otherwise gives a long message one line's height on
     * some platforms and cuts what the person has to read.
     */
    public static void wholeMessage(Alert alert) {
        alert.getDialogPane().setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    }

    /** The message to show for a failure: its own message, never a class name or trace. */
    public static String messageOf(Throwable failure) {
        Throwable t = failure;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? "Something went wrong; the log file has the details." : t.getMessage();
    }
}
