package dev.arbiter.desktop.policies;

import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/** The Policies & Agents screen: an Agents tab and a Policies tab. */
public final class PoliciesView {

    private final TabPane root;

    public PoliciesView(AgentsViewModel agents, PoliciesViewModel policies) {
        Tab agentsTab = new Tab("Agents", new AgentsView(agents).node());
        agentsTab.setId("agents-tab");
        Tab policiesTab = new Tab("Policies", new PolicyEditorView(policies).node());
        policiesTab.setId("policies-tab");
        Tab qaTab = new Tab("Tests & shadow", new PolicyQaView(policies.qa(), policies.checkedPolicyProperty()).node());
        qaTab.setId("policy-qa-tab");
        Tab replayTab = new Tab("Replay", new ReplayView(policies.replay(), policies.policies(),
                policies.openPolicyProperty()).node());
        replayTab.setId("policy-replay-tab");
        root = new TabPane(agentsTab, policiesTab, qaTab, replayTab);
        root.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        root.getStyleClass().add("policies-screen");
    }

    public Node node() {
        return root;
    }
}
