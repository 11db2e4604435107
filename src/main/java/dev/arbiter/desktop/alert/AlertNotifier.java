package dev.arbiter.desktop.alert;

import dev.arbiter.core.alert.Alert;
import dev.arbiter.desktop.common.BatchNotifier;
import java.util.List;
import java.util.function.Predicate;
import javafx.scene.Node;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * Tells a person who is not looking at Arbiter that alerts arrived, gone after 10 s; clicking it brings
 * the window forward on the Alerts screen. While the window has the focus the badge alone says it.
 */
public final class AlertNotifier extends BatchNotifier<Alert> {

    public AlertNotifier(Node anchor, Runnable showAlerts) {
        this(anchor, showAlerts, Window::isFocused);
    }

    AlertNotifier(Node anchor, Runnable showAlerts, Predicate<Window> watched) {
        super(anchor, showAlerts, watched, Duration.seconds(10));
    }

    @Override
    protected String title(List<Alert> arrived) {
        return "Alert: " + arrived.get(0).rule().label();
    }

    @Override
    protected String text(List<Alert> arrived) {
        Alert first = arrived.get(0);
        return arrived.size() == 1
                ? (first.agentId() == null ? "" : first.agentId() + ": ") + first.summary()
                : arrived.size() + " new alerts, the first " + first.rule().label()
                        + (first.agentId() == null ? "" : " for " + first.agentId());
    }
}
