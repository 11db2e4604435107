package dev.arbiter.desktop.common;

import javafx.beans.binding.Bindings;
import javafx.scene.control.TextField;
import javafx.scene.text.Text;

/**
 * Keeps a text field at least as wide as its prompt: the prompt says what to type (a format, an example, that
 * it is required), and a cut one says it wrong. The field's minimum width follows its prompt, font, padding
 * and border, so the layout gives it that room (at 1280 x 800, the smallest window the desktop supports)
 * and may give it more; ScreensFitTest fails on any field whose prompt is cut.
 */
public final class WholePrompt {

    private WholePrompt() {
    }

    /** Each field's minimum width from now on: its prompt's width plus its insets (0 when it has no prompt). */
    public static void keep(TextField... fields) {
        for (TextField field : fields) {
            field.minWidthProperty().bind(Bindings.createDoubleBinding(() -> width(field),
                    field.promptTextProperty(), field.fontProperty(), field.insetsProperty()));
        }
    }

    private static double width(TextField field) {
        String prompt = field.getPromptText();
        if (prompt == null || prompt.isEmpty()) {
            return 0;
        }
        Text measure = new Text(prompt);
        measure.setFont(field.getFont());
        // rounded up, and a pixel for the caret that sits before the prompt
        return Math.ceil(measure.getLayoutBounds().getWidth() + field.getInsets().getLeft()
                + field.getInsets().getRight()) + 1;
    }
}
