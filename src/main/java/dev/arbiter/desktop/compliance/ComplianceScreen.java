package dev.arbiter.desktop.compliance;

import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.common.Screen;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.material2.Material2AL;

/** Compliance: which regulations apply to which agents, and the gaps (Pillar 2). */
public final class ComplianceScreen implements Screen {

    private final ComplianceViewModel model;
    private Node view;

    public ComplianceScreen(DesktopContext context) {
        this.model = new ComplianceViewModel(context);
    }

    @Override
    public String title() {
        return "Compliance";
    }

    @Override
    public Ikon icon() {
        return Material2AL.FACT_CHECK;
    }

    @Override
    public Node view() {
        if (view == null) {
            view = new ComplianceView(model).node();
        }
        return view;
    }

    @Override
    public void shown() {
        model.refresh();
    }

    public ComplianceViewModel model() {
        return model;
    }
}
