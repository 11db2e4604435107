package dev.arbiter.desktop.common;

import java.io.File;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The app's canned dialogs, and the one way any dialog or file chooser is shown: owned by the main window
 * (centred on it, modal to it, never behind it or on another screen), so the person sees what asks and
 * cannot act on the screen beneath meanwhile. ArchitectureTest fails when a class shows a dialog any other
 * way. Errors show a message a person can act on; the stack trace is already in the log file (see
 * {@link Background}).
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
        alert.setTitle(title);
        alert.setHeaderText(title);
        showAndWait(alert, owner);
    }

    public static boolean confirm(Window owner, String title, String message, String confirmLabel) {
        ButtonType confirm = new ButtonType(confirmLabel, ButtonType.OK.getButtonData());
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, message, confirm, ButtonType.CANCEL);
        wholeMessage(alert);
        alert.setTitle(title);
        alert.setHeaderText(title);
        Optional<ButtonType> answer = showAndWait(alert, owner);
        return answer.isPresent() && answer.get() == confirm;
    }

    /**
     * Shows {@code dialog} owned by {@code owner} and waits for the answer (FX thread only).
     *
     * @param owner the window the dialog belongs to (a view's {@code getScene().getWindow()}); null, as for a
     *              view not on screen, means the main window
     */
    public static <R> Optional<R> showAndWait(Dialog<R> dialog, Window owner) {
        own(dialog, owner);
        return dialog.showAndWait();
    }

    /** Shows {@code dialog} owned by {@code owner} (null: the main window) without waiting (FX thread only). */
    public static void show(Dialog<?> dialog, Window owner) {
        own(dialog, owner);
        dialog.show();
    }

    /** The file the person chose to write, or null when they cancelled; the chooser is owned as a dialog is. */
    public static File saveFile(FileChooser chooser, Window owner) {
        return chooser.showSaveDialog(ownerOrMain(owner));
    }

    /** The file the person chose to read, or null when they cancelled; the chooser is owned as a dialog is. */
    public static File openFile(FileChooser chooser, Window owner) {
        return chooser.showOpenDialog(ownerOrMain(owner));
    }

    /** Owner and modality, once: JavaFX refuses a second initOwner, and a dialog shown again keeps its own. */
    private static void own(Dialog<?> dialog, Window owner) {
        if (dialog.getOwner() == null) {
            Window window = ownerOrMain(owner);
            if (window != null) {
                dialog.initOwner(window);
                dialog.initModality(Modality.WINDOW_MODAL);
            }
        }
    }

    /**
     * {@code owner}, or when it is null the main window: the showing stage that has no owner of its own. Null
     * only before any window shows (the dialog is then centred on the screen, as there is nothing else).
     */
    static Window ownerOrMain(Window owner) {
        if (owner != null) {
            return owner;
        }
        return Window.getWindows().stream().filter(Window::isShowing)
                .filter(w -> w instanceof Stage s && s.getOwner() == null).findFirst().orElse(null);
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
