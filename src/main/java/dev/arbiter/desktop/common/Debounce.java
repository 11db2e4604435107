package dev.arbiter.desktop.common;

import java.time.Duration;

/**
 * Runs an action once input has been quiet for a moment (typing in a filter or an editor, an autosave),
 * instead of on every keystroke. On the {@link UiThread}'s clock; UI thread only.
 */
public final class Debounce {

    private final UiThread ui;
    private final Duration quiet;
    private final Runnable action;
    /** Which trigger is the latest: a pause that ends after a newer trigger or a cancel does nothing. */
    private long generation;
    private boolean pending;

    /** On the JavaFX clock (views). */
    public Debounce(javafx.util.Duration quiet, Runnable action) {
        this(FxThread.INSTANCE, Duration.ofMillis((long) quiet.toMillis()), action);
    }

    /** @param quiet how long input must rest before {@code action} runs (zero or more) */
    public Debounce(UiThread ui, Duration quiet, Runnable action) {
        this.ui = ui;
        this.quiet = quiet;
        this.action = action;
    }

    /** (Re)starts the quiet period: the action runs once it has passed without another trigger. */
    public void trigger() {
        long mine = ++generation;
        pending = true;
        ui.after(quiet, () -> {
            if (generation == mine) {
                pending = false;
                action.run();
            }
        });
    }

    /** Forgets a pending run (the caller runs the action itself, or there is nothing left to do). */
    public void cancel() {
        generation++;
        pending = false;
    }

    /** True while a trigger waits for its quiet period. */
    public boolean isPending() {
        return pending;
    }
}
