package dev.arbiter.desktop.alert;

import dev.arbiter.core.Workspace;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.common.StatusMessage;
import dev.arbiter.desktop.common.Screen;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * Alerts (issue 16): open alerts, triage, and the steps a person takes from one. Its model loads at
 * once (not on the first visit) so that the navigation badge counts open alerts from the start.
 */
public final class AlertsScreen implements Screen {

    public static final String TITLE = "Alerts";

    private final AlertsViewModel model;
    private Node view;

    public AlertsScreen(DesktopContext context) {
        Workspace ws = context.workspace();
        this.model = new AlertsViewModel(ws.alerts().service(), ws.agents(), ws.killSwitch(), ws.events(),
                context::actor, work -> context.background().run(() -> {
                    work.run();
                    return null;
                }, x -> { }, x -> { }), context.ui(), new StatusMessage(context.ui()));
        model.refresh();
    }

    @Override
    public String title() {
        return TITLE;
    }

    @Override
    public Ikon icon() {
        return Material2MZ.NOTIFICATION_IMPORTANT;
    }

    @Override
    public Node view() {
        if (view == null) {
            view = new AlertsView(model).node();
        }
        return view;
    }

    @Override
    public void shown() {
        model.refresh();
    }

    @Override
    public ObservableValue<Number> badge() {
        return model.openCountProperty();
    }

    public AlertsViewModel model() {
        return model;
    }
}
