package dev.arbiter.desktop.policies;

import dev.arbiter.core.policyqa.ActivationPreview;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.stage.Window;

/**
 * A replay's or shadow report's full text in a dialog (issue 19): the activation preview asks to
 * confirm after it, and the Tests &amp; shadow tab shows the whole shadow report, not only its summary.
 * Keyboard: Enter confirms, Escape cancels; when the version would allow something denied, Cancel
 * is the default button, so Enter alone never activates it.
 */
final class ReportDialog {

    /** Lines shown at most; a longer report says how many more there are. */
    static final int MAX_LINES = 2_000;

    private ReportDialog() {
    }

    /** Shows the preview and asks to activate; true when the person confirmed. */
    static boolean confirmActivation(Window owner, String title, ActivationPreview preview, String confirmLabel) {
        boolean warn = preview.allowsSomethingDenied();
        ButtonType confirm = new ButtonType(warn ? confirmLabel + " anyway" : confirmLabel,
                ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(warn ? Alert.AlertType.WARNING : Alert.AlertType.CONFIRMATION, null, confirm,
                ButtonType.CANCEL);
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(headline(preview));
        alert.getDialogPane().setContent(text(preview.lines(MAX_LINES, UnaryOperator.identity())));
        if (warn) {
            ((Button) alert.getDialogPane().lookupButton(confirm)).setDefaultButton(false);
            ((Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        }
        alert.setResizable(true);
        Optional<ButtonType> answer = alert.showAndWait();
        return answer.isPresent() && answer.get() == confirm;
    }

    /** Shows report lines to read. */
    static void show(Window owner, String title, List<String> lines) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, null, ButtonType.CLOSE);
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(title);
        alert.getDialogPane().setContent(text(lines));
        alert.setResizable(true);
        alert.showAndWait();
    }

    /** The preview in one sentence: how much was replayed and whether anything denied would go through. */
    static String headline(ActivationPreview p) {
        String label = p.policy() + " v" + p.version();
        if (p.allowsSomethingDenied()) {
            return "WARNING: " + label + " would allow " + p.warnings() + " request" + (p.warnings() == 1 ? "" : "s")
                    + " that " + (p.warnings() == 1 ? "was" : "were") + " denied. Read the report before activating.";
        }
        long changes = p.replay().changed() + (p.shadow() == null ? 0 : p.shadow().changed());
        return changes == 0 ? label + " would change none of the " + p.replay().decisions()
                + " decisions of the last " + ActivationPreview.DAYS + " days."
                : label + " would change " + changes + " decision" + (changes == 1 ? "" : "s")
                        + ", none of them letting through what was denied.";
    }

    private static TextArea text(List<String> lines) {
        List<String> shown = lines.size() <= MAX_LINES ? lines : lines.subList(0, MAX_LINES);
        String more = lines.size() <= MAX_LINES ? "" : "\n… and " + (lines.size() - MAX_LINES) + " more lines";
        TextArea area = new TextArea(String.join("\n", shown) + more);
        area.setId("report-text");
        area.setEditable(false);
        area.setWrapText(true);
        area.setPrefColumnCount(90);
        area.setPrefRowCount(18);
        return area;
    }
}
