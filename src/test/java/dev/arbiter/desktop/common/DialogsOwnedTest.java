package dev.arbiter.desktop.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.layout.StackPane;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 20: a dialog shown through {@link Dialogs} belongs to the main window, centred on it and modal to it,
 * also when the view that asks is not on screen (no window of its own to give); ArchitectureTest makes
 * Dialogs the only way to show one.
 */
class DialogsOwnedTest {

    @Test
    void aDialogIsOwnedByTheMainWindowCentredOnItAndModalToIt() throws Exception {
        Stage main = FxToolkit.registerPrimaryStage();
        Alert alert = WaitForAsyncUtils.asyncFx(() -> {
            main.setScene(new Scene(new StackPane(), 1280, 800));
            main.setX(40);
            main.setY(30);
            main.show();
            Alert a = new Alert(Alert.AlertType.INFORMATION, "Saved.", ButtonType.OK);
            Dialogs.show(a, null); // a view not on screen has no window to give
            return a;
        }).get(60, TimeUnit.SECONDS);
        try {
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(alert.getOwner()).isSameAs(main);
            assertThat(alert.getModality()).isEqualTo(Modality.WINDOW_MODAL);
            Window shown = alert.getDialogPane().getScene().getWindow();
            double dialogCentre = shown.getX() + shown.getWidth() / 2;
            double mainCentre = main.getX() + main.getWidth() / 2;
            assertThat(Math.abs(dialogCentre - mainCentre)).as("centred on the main window").isLessThan(2);
        } finally {
            WaitForAsyncUtils.asyncFx(alert::close).get(60, TimeUnit.SECONDS);
        }
    }
}
