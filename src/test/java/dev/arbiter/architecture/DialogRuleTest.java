package dev.arbiter.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.arbiter.desktop.common.Dialogs;
import java.io.File;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextInputDialog;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;

/**
 * {@link ArchitectureTest#dialogsAreShownOwned} catches a view that shows a dialog or a file chooser itself
 * (which may leave it without an owner), and lets one that goes through {@link Dialogs} pass.
 */
class DialogRuleTest {

    /** Shows them the ways a new screen might, forgetting the owner. Never run, only read. */
    static final class ForgetfulView {
        Optional<ButtonType> confirm() {
            return new Alert(Alert.AlertType.CONFIRMATION, "Sure?").showAndWait();
        }

        Optional<String> ask(Window owner) {
            TextInputDialog dialog = new TextInputDialog();
            dialog.initOwner(owner);
            return dialog.showAndWait();
        }

        File export(FileChooser chooser) {
            return chooser.showSaveDialog(null);
        }
    }

    /** The same through Dialogs. Never run, only read. */
    static final class OwnedView {
        Optional<ButtonType> confirm(Window owner) {
            return Dialogs.showAndWait(new Alert(Alert.AlertType.CONFIRMATION, "Sure?"), owner);
        }

        File export(FileChooser chooser, Window owner) {
            chooser.setTitle("Export");
            return Dialogs.saveFile(chooser, owner);
        }
    }

    @Test
    void aDialogShownWithoutDialogsIsAViolation() {
        EvaluationResult result = ArchitectureTest.dialogsAreShownOwned
                .evaluate(new ClassFileImporter().importClasses(ForgetfulView.class));
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).hasSize(4)
                .anySatisfy(d -> assertThat(d).contains("Alert.showAndWait()"))
                .anySatisfy(d -> assertThat(d).contains("initOwner"))
                .anySatisfy(d -> assertThat(d).contains("FileChooser.showSaveDialog"));
    }

    @Test
    void aDialogShownThroughDialogsPasses() {
        EvaluationResult result = ArchitectureTest.dialogsAreShownOwned
                .evaluate(new ClassFileImporter().importClasses(OwnedView.class));
        assertThat(result.hasViolation()).isFalse();
    }
}
