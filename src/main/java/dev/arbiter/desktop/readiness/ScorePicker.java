package dev.arbiter.desktop.readiness;

import dev.arbiter.desktop.readiness.ReadinessViewModel.DimensionRow;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;

/**
 * Five buttons for a score of 1 to 5 that take focus as one control: with it
 * focused, the digits 1-5 set the score, Left/Right step it, 0, Backspace or
 * Delete clear it, and Tab moves on. Clicking a button sets that score.
 */
final class ScorePicker extends HBox {

    private final DimensionRow row;
    private final ReadinessViewModel viewModel;
    private final ToggleGroup group = new ToggleGroup();

    ScorePicker(DimensionRow row, ReadinessViewModel viewModel) {
        this.row = row;
        this.viewModel = viewModel;
        getStyleClass().add("score-picker");
        setFocusTraversable(true);
        setSpacing(0);
        for (int score = 1; score <= 5; score++) {
            ToggleButton button = new ToggleButton(Integer.toString(score));
            button.setToggleGroup(group);
            button.setFocusTraversable(false);
            button.setUserData(score);
            button.getStyleClass().add(score == 1 ? "left-pill" : score == 5 ? "right-pill" : "center-pill");
            int value = score;
            button.setOnAction(e -> {
                viewModel.setScore(row.dimension(), row.scoreProperty().get() == value ? 0 : value);
                sync();
                requestFocus();
            });
            getChildren().add(button);
        }
        addEventHandler(KeyEvent.KEY_PRESSED, this::key);
        row.scoreProperty().addListener((o, was, now) -> sync());
        sync();
        setAccessibleText(row.dimension().title() + " score");
    }

    private void key(KeyEvent e) {
        if (e.isShortcutDown() || e.isAltDown()) {
            return; // Ctrl+digit belongs to the window's navigation
        }
        int current = row.scoreProperty().get();
        Integer next = switch (e.getCode()) {
            case DIGIT1, NUMPAD1 -> 1;
            case DIGIT2, NUMPAD2 -> 2;
            case DIGIT3, NUMPAD3 -> 3;
            case DIGIT4, NUMPAD4 -> 4;
            case DIGIT5, NUMPAD5 -> 5;
            case DIGIT0, NUMPAD0, BACK_SPACE, DELETE -> 0;
            case RIGHT, UP -> Math.min(5, Math.max(1, current + 1));
            case LEFT, DOWN -> Math.max(1, current - 1);
            default -> null;
        };
        if (next != null) {
            viewModel.setScore(row.dimension(), next);
            e.consume();
        }
    }

    /** Shows the score of the row (the view model decides; a read-only assessment keeps its score). */
    private void sync() {
        int score = row.scoreProperty().get();
        group.getToggles().forEach(t -> t.setSelected(t.getUserData().equals(score)));
    }
}
