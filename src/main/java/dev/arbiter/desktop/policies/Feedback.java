package dev.arbiter.desktop.policies;

import atlantafx.base.theme.Styles;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.Label;

/** Shows a status message as an error (danger colour) while {@code isError} holds. */
final class Feedback {

    private Feedback() {
    }

    static void styleAsError(Label label, ObservableBooleanValue isError) {
        isError.addListener((o, was, now) -> apply(label, now));
        apply(label, isError.get());
    }

    private static void apply(Label label, boolean error) {
        label.getStyleClass().remove(Styles.DANGER);
        if (error) {
            label.getStyleClass().add(Styles.DANGER);
        }
    }
}
