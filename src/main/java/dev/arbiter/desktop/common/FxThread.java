package dev.arbiter.desktop.common;

import java.time.Duration;
import javafx.animation.PauseTransition;
import javafx.application.Platform;

/** The desktop's {@link UiThread}: {@code Platform.runLater}, and a one-off pause on the JavaFX clock. */
public final class FxThread implements UiThread {

    /** The only one: the JavaFX thread is a singleton too. */
    public static final FxThread INSTANCE = new FxThread();

    private FxThread() {
    }

    @Override
    public void execute(Runnable task) {
        Platform.runLater(task);
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void after(Duration delay, Runnable task) {
        Runnable start = () -> {
            PauseTransition pause = new PauseTransition(javafx.util.Duration.millis(delay.toMillis()));
            pause.setOnFinished(e -> task.run());
            pause.play();
        };
        if (Platform.isFxApplicationThread()) {
            start.run();
        } else {
            Platform.runLater(start);
        }
    }
}
