package dev.arbiter.desktop.policies;

import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.common.Screen;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.material2.Material2MZ;

/** Policies & Agents: the agent registry and the policy editor (Pillars 1 and 5). */
public final class PoliciesScreen implements Screen {

    private final AgentsViewModel agents;
    private final PoliciesViewModel policies;
    private Node view;

    public PoliciesScreen(DesktopContext context) {
        this.agents = new AgentsViewModel(context);
        this.policies = new PoliciesViewModel(context);
    }

    @Override
    public String title() {
        return "Policies & Agents";
    }

    @Override
    public Ikon icon() {
        return Material2MZ.POLICY;
    }

    @Override
    public Node view() {
        if (view == null) {
            view = new PoliciesView(agents, policies).node();
        }
        return view;
    }

    @Override
    public void shown() {
        agents.refresh();
        policies.refresh();
    }

    public AgentsViewModel agents() {
        return agents;
    }

    public PoliciesViewModel policies() {
        return policies;
    }
}
