package dev.arbiter.desktop.incident;

import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.common.Screen;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.material2.Material2MZ;

/** Incidents: the register, its EU AI Act deadlines and timelines (issue 17; the guide's "Incident Response"). */
public final class IncidentsScreen implements Screen {

    public static final String TITLE = "Incidents";

    private final IncidentsViewModel model;
    private Node view;

    public IncidentsScreen(DesktopContext context) {
        this.model = new IncidentsViewModel(context.workspace().incidents(), context.workspace().playbooks(),
                context.workspace().events(),
                context::actor, work -> context.background().run(() -> {
                    work.run();
                    return null;
                }, x -> { }, x -> { }), context.ui(), context.ui()::after);
    }

    @Override
    public String title() {
        return TITLE;
    }

    @Override
    public Ikon icon() {
        return Material2MZ.REPORT_PROBLEM;
    }

    @Override
    public Node view() {
        if (view == null) {
            view = new IncidentsView(model).node();
        }
        return view;
    }

    @Override
    public void shown() {
        model.refresh();
    }

    public IncidentsViewModel model() {
        return model;
    }
}
