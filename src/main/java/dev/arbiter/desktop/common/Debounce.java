package dev.arbiter.desktop.common;

import javafx.animation.PauseTransition;
import javafx.util.Duration;

/**
 * Runs an action once input has been quiet for a moment (typing in a filter or
 * an editor), instead of on every keystroke. FX thread only.
 */
public final class Debounce {

    private final PauseTransition pause;

    public Debounce(Duration quiet, Runnable action) {
        pause = new PauseTransition(quiet);
        pause.setOnFinished(e -> action.run());
    }

    public void trigger() {
        pause.playFromStart();
    }
}
