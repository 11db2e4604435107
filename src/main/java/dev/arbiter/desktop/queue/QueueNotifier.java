package dev.arbiter.desktop.queue;

import dev.arbiter.core.queue.QueueItem;
import dev.arbiter.desktop.common.BatchNotifier;
import java.util.List;
import java.util.function.Predicate;
import javafx.scene.Node;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * A desktop notification when a gated action arrives while Arbiter's window is not focused: an agent is
 * blocked until someone decides. Clicking it brings the window forward on the queue.
 */
public final class QueueNotifier extends BatchNotifier<QueueItem> {

    /**
     * @param anchor    a node of the main window (finds the window to test for focus and to own the popup)
     * @param showQueue brings the queue screen up
     */
    public QueueNotifier(Node anchor, Runnable showQueue) {
        this(anchor, showQueue, Window::isFocused);
    }

    QueueNotifier(Node anchor, Runnable showQueue, Predicate<Window> watched) {
        super(anchor, showQueue, watched, Duration.seconds(8));
    }

    @Override
    protected String title(List<QueueItem> arrived) {
        return "Approval needed";
    }

    @Override
    protected String text(List<QueueItem> arrived) {
        QueueItem first = arrived.get(0);
        return arrived.size() == 1
                ? first.agentId() + " waits for approval of " + first.action()
                        + (first.riskScore() == null ? "" : " (risk " + QueueCells.two(first.riskScore()) + ")")
                : arrived.size() + " gated actions wait for approval, the first from " + first.agentId();
    }
}
