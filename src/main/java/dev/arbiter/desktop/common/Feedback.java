package dev.arbiter.desktop.common;

import atlantafx.base.theme.Styles;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.Label;

/** Shows a label in the danger colour while {@code isError} holds (an error message, a broken ledger). */
public final class Feedback {

    private Feedback() {
    }

    public static void styleAsError(Label label, ObservableBooleanValue isError) {
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
