package dev.arbiter.desktop.common;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.scene.Node;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a person who is not looking at Arbiter that something arrived: a non-modal notification in the
 * corner of the main window (ControlsFX, owned by the window, so it shows where the window is and never
 * takes the focus), one per batch (a burst is one message, not a stack of popups). Clicking it brings
 * the window forward on the screen that shows the arrivals. While the window has the focus, nothing.
 *
 * @param <T> what arrives (queue items, alerts)
 */
public abstract class BatchNotifier<T> implements Consumer<List<T>> {

    private static final Logger LOG = LoggerFactory.getLogger(BatchNotifier.class);

    private final Node anchor;
    private final Runnable show;
    private final Predicate<Window> watched;
    private final Duration hideAfter;
    private int shown;

    /**
     * @param anchor    a node of the main window (finds the window to test for focus and to own the popup)
     * @param show      brings the screen of the arrivals up
     * @param watched   whether the person is looking at the window (its focus; tests decide it)
     * @param hideAfter how long the notification stays
     */
    protected BatchNotifier(Node anchor, Runnable show, Predicate<Window> watched, Duration hideAfter) {
        this.anchor = anchor;
        this.show = show;
        this.watched = watched;
        this.hideAfter = hideAfter;
    }

    /** The notification's title for a non-empty batch. */
    protected abstract String title(List<T> arrived);

    /** The notification's text for a non-empty batch. */
    protected abstract String text(List<T> arrived);

    @Override
    public final void accept(List<T> arrived) {
        Window window = anchor.getScene() == null ? null : anchor.getScene().getWindow();
        if (window == null || !window.isShowing() || watched.test(window) || arrived.isEmpty()) {
            return;
        }
        try {
            Notifications.create()
                    .owner(window)
                    .title(title(arrived))
                    .text(text(arrived))
                    .hideAfter(hideAfter)
                    .onAction(e -> {
                        if (window instanceof Stage stage) {
                            stage.setIconified(false);
                            stage.toFront();
                        }
                        show.run();
                    })
                    .showWarning();
            shown++;
        } catch (RuntimeException e) {
            LOG.debug("Notification not shown: {}", e.getMessage());
        }
    }

    /** Notifications shown so far (tests). */
    public final int shown() {
        return shown;
    }
}
