package dev.arbiter.desktop.alert;

import dev.arbiter.core.alert.Alert;
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
 * Tells a person who is not looking at Arbiter that alerts arrived: a non-modal notification in the
 * corner of the main window (ControlsFX, owned by the window, so it shows on the desktop where the
 * window is and never takes the focus), one per batch, gone after 10 s; clicking it brings the window
 * forward on the Alerts screen. While the window has the focus the badge alone says it.
 */
public final class AlertNotifier implements Consumer<List<Alert>> {

    private static final Logger LOG = LoggerFactory.getLogger(AlertNotifier.class);

    private final Node anchor;
    private final Runnable showAlerts;
    private final Predicate<Window> watched;
    private int shown;

    public AlertNotifier(Node anchor, Runnable showAlerts) {
        this(anchor, showAlerts, Window::isFocused);
    }

    /** @param watched whether the person is looking at the window (its focus; tests decide it) */
    AlertNotifier(Node anchor, Runnable showAlerts, Predicate<Window> watched) {
        this.anchor = anchor;
        this.showAlerts = showAlerts;
        this.watched = watched;
    }

    @Override
    public void accept(List<Alert> arrived) {
        Window window = anchor.getScene() == null ? null : anchor.getScene().getWindow();
        if (window == null || !window.isShowing() || watched.test(window) || arrived.isEmpty()) {
            return;
        }
        Alert first = arrived.get(0);
        String text = arrived.size() == 1
                ? (first.agentId() == null ? "" : first.agentId() + ": ") + first.summary()
                : arrived.size() + " new alerts, the first " + first.rule().label()
                        + (first.agentId() == null ? "" : " for " + first.agentId());
        try {
            Notifications.create()
                    .owner(window)
                    .title("Alert: " + first.rule().label())
                    .text(text)
                    .hideAfter(Duration.seconds(10))
                    .onAction(e -> {
                        if (window instanceof Stage stage) {
                            stage.setIconified(false);
                            stage.toFront();
                        }
                        showAlerts.run();
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
