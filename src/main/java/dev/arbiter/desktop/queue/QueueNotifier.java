package dev.arbiter.desktop.queue;

import dev.arbiter.core.queue.QueueItem;
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
 * A desktop notification when a gated action arrives while Arbiter's window is
 * not focused: an agent is blocked until someone decides. One notification
 * per batch (a burst of arrivals is one message, not a stack of popups);
 * clicking it brings the window forward on the queue.
 */
public final class QueueNotifier implements Consumer<List<QueueItem>> {

    private static final Logger LOG = LoggerFactory.getLogger(QueueNotifier.class);

    private final Node anchor;
    private final Runnable showQueue;
    private final Predicate<Window> watched;
    private int shown;

    /**
     * @param anchor    a node of the main window (finds the window to test for focus and to own the popup)
     * @param showQueue brings the queue screen up
     */
    public QueueNotifier(Node anchor, Runnable showQueue) {
        this(anchor, showQueue, Window::isFocused);
    }

    /** @param watched whether the person is looking at the window (its focus; tests decide it) */
    QueueNotifier(Node anchor, Runnable showQueue, Predicate<Window> watched) {
        this.anchor = anchor;
        this.showQueue = showQueue;
        this.watched = watched;
    }

    @Override
    public void accept(List<QueueItem> arrived) {
        Window window = anchor.getScene() == null ? null : anchor.getScene().getWindow();
        if (window == null || !window.isShowing() || watched.test(window) || arrived.isEmpty()) {
            return;
        }
        QueueItem first = arrived.get(0);
        String text = arrived.size() == 1
                ? first.agentId() + " waits for approval of " + first.action()
                        + (first.riskScore() == null ? "" : " (risk " + QueueCells.two(first.riskScore()) + ")")
                : arrived.size() + " gated actions wait for approval, the first from " + first.agentId();
        try {
            Notifications.create()
                    .owner(window)
                    .title("Approval needed")
                    .text(text)
                    .hideAfter(Duration.seconds(8))
                    .onAction(e -> {
                        if (window instanceof Stage stage) {
                            stage.setIconified(false);
                            stage.toFront();
                        }
                        showQueue.run();
                    })
                    .showWarning();
            shown++;
        } catch (RuntimeException e) {
            LOG.debug("Notification not shown: {}", e.getMessage());
        }
    }

    /** Notifications shown so far (tests). */
    public int shown() {
        return shown;
    }
}
