package dev.arbiter.desktop.common;

import java.time.Duration;
import java.util.function.BiConsumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The one-line outcome a screen shows after an action: what happened, or what went wrong. An outcome
 * ("Saved", "Approved") goes away after {@link #INFO_LIFETIME}, so an old line is never read as news;
 * a problem stays until the next message, because the person has to act on it.
 */
public final class StatusMessage {

    /** How long an informational line stays. */
    public static final Duration INFO_LIFETIME = Duration.ofSeconds(8);

    private final StringProperty text = new SimpleStringProperty("");
    private final BooleanProperty error = new SimpleBooleanProperty();
    private final BiConsumer<Duration, Runnable> later;
    /** Which message is on show: an expiry clears only the message it was scheduled for. */
    private long generation;

    /** Expires informational lines on {@code ui}'s clock. */
    public StatusMessage(UiThread ui) {
        this(ui::after);
    }

    /** {@code later} runs its task after the given delay, on the thread that owns this message (tests: at will). */
    public StatusMessage(BiConsumer<Duration, Runnable> later) {
        this.later = later;
    }

    public StringProperty textProperty() {
        return text;
    }

    public BooleanProperty errorProperty() {
        return error;
    }

    public void info(String message) {
        long shown = ++generation;
        error.set(false);
        text.set(message);
        if (message != null && !message.isEmpty()) {
            later.accept(INFO_LIFETIME, () -> {
                if (generation == shown) {
                    text.set("");
                }
            });
        }
    }

    public void error(String message) {
        ++generation;
        error.set(true);
        text.set(message);
    }
}
