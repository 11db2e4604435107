package dev.arbiter.desktop.policies;

import dev.arbiter.desktop.common.ReasonDialog;
import dev.arbiter.desktop.common.Feedback;
import atlantafx.base.theme.Styles;
import dev.arbiter.core.agent.Agent;
import dev.arbiter.core.agent.AgentStatus;
import dev.arbiter.core.policy.DataClass;
import javafx.beans.binding.Bindings;
import javafx.collections.MapChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import java.util.HashMap;
import java.util.Map;

/** The agents tab: a searchable list on the left, the selected agent's form on the right. */
final class AgentsView {

    private final AgentsViewModel model;
    private final Map<String, Label> errorLabels = new HashMap<>();
    private final BorderPane root = new BorderPane();

    AgentsView(AgentsViewModel model) {
        this.model = model;
        SplitPane split = new SplitPane(list(), form());
        split.setDividerPositions(0.34);
        dev.arbiter.desktop.common.Fit.keepMinimums(split);
        root.setCenter(split);
        root.getStyleClass().add("agents-view");
    }

    Node node() {
        return root;
    }

    private Node list() {
        TextField search = new TextField();
        search.setPromptText("Search id, name, owner, model, policy…");
        search.textProperty().bindBidirectional(model.searchProperty());
        search.setId("agent-search");
        CheckBox retired = new CheckBox("Show _retired");
        retired.setMnemonicParsing(true);
        retired.selectedProperty().bindBidirectional(model.showRetiredProperty());
        Button add = new Button("_New agent");
        add.setId("agent-new");
        add.setMnemonicParsing(true);
        add.setOnAction(e -> model.newAgent());

        ListView<Agent> agents = new ListView<>(model.agents());
        agents.setId("agent-list");
        agents.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Agent a, boolean empty) {
                super.updateItem(a, empty);
                getStyleClass().removeAll(Styles.TEXT_MUTED, Styles.DANGER);
                if (empty || a == null) {
                    setText(null);
                    setGraphic(null);
                    setTooltip(null);
                    return;
                }
                // the id line is read whole (the list is as wide as the longest); the name and owner may be cut
                // at the list's edge: they are whole in the form beside it and in the tooltip
                Label id = new Label(a.id() + "  ·  " + a.status().wireName());
                Label who = new Label(a.name() + " — " + a.profile().owner());
                who.getStyleClass().add(dev.arbiter.desktop.common.Fit.SECONDARY);
                who.setMinWidth(0);
                // paused in the danger colour, retired muted: as the cell's own text would be
                id.textFillProperty().bind(textFillProperty());
                who.textFillProperty().bind(textFillProperty());
                VBox lines = new VBox(id, who);
                lines.setMinWidth(0);
                lines.setPrefWidth(0);
                setText(null);
                setGraphic(lines);
                setTooltip(new javafx.scene.control.Tooltip(who.getText()));
                if (a.status() == AgentStatus.PAUSED) {
                    getStyleClass().add(Styles.DANGER);
                } else if (a.isRetired()) {
                    getStyleClass().add(Styles.TEXT_MUTED);
                }
            }
        });
        dev.arbiter.desktop.common.Fit.wholeItems(agents, a -> a.id() + "  ·  " + a.status().wireName());
        agents.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null && b != model.selectedProperty().get()) {
                model.select(b);
            }
        });
        model.selectedProperty().addListener((o, a, b) -> {
            if (b == null) {
                agents.getSelectionModel().clearSelection();
            } else if (agents.getSelectionModel().getSelectedItem() != b) {
                agents.getSelectionModel().select(b);
            }
        });

        Label emptyState = new Label("No agents yet.\nClick New agent (Alt+N) to register the first one: its id is "
                + "the agent_id it sends to the gateway.");
        emptyState.setWrapText(true);
        emptyState.getStyleClass().add(Styles.TEXT_MUTED);
        Label noMatch = new Label("No agent matches the search.");
        noMatch.getStyleClass().add(Styles.TEXT_MUTED);
        agents.placeholderProperty().bind(Bindings.when(model.registryEmptyProperty())
                .then((Node) emptyState).otherwise((Node) noMatch));

        HBox tools = new HBox(8, add, retired);
        VBox box = new VBox(8, search, tools, agents);
        VBox.setVgrow(agents, Priority.ALWAYS);
        box.setPadding(new Insets(8));
        return box;
    }

    private Node form() {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(4);
        grid.getColumnConstraints().addAll(new ColumnConstraints(130),
                new ColumnConstraints(200, 360, Double.MAX_VALUE, Priority.ALWAYS, null, true));
        int row = 0;
        TextField id = text(model.idProperty(), "support-agent-v2");
        id.setId("agent-id");
        id.disableProperty().bind(model.addingProperty().not());
        row = field(grid, row, "Agent _id", id, "id");
        TextField name = text(model.nameProperty(), "Customer support agent");
        name.setId("agent-name");
        row = field(grid, row, "_Name", name, "name");
        TextField owner = text(model.ownerProperty(), "Who answers for it");
        owner.setId("agent-owner");
        row = field(grid, row, "_Owner", owner, "owner");
        TextArea purpose = new TextArea();
        purpose.setPrefRowCount(2);
        purpose.setWrapText(true);
        purpose.textProperty().bindBidirectional(model.purposeProperty());
        row = field(grid, row, "_Purpose", purpose, "purpose");
        row = field(grid, row, "LLM _vendor", text(model.vendorProperty(), "Anthropic, OpenAI, Google…"), "vendor");
        row = field(grid, row, "Pinned _model", text(model.modelProperty(), "exact version, e.g. "
                + "claude-sonnet-4-5-20250929"), "model");
        row = field(grid, row, "_Fallback model", text(model.fallbackModelProperty(), "used when the model is "
                + "unavailable"), "fallbackModel");
        HBox classes = new HBox(12);
        for (DataClass c : DataClass.values()) {
            CheckBox box = new CheckBox(c.label());
            box.selectedProperty().bindBidirectional(model.dataClassProperty(c));
            classes.getChildren().add(box);
        }
        row = field(grid, row, "Data touched", classes, "dataClasses");
        row = field(grid, row, "Daily _tokens", text(model.dailyTokensProperty(), "hard limit, e.g. 800000"),
                "dailyTokens");
        row = field(grid, row, "Daily cost (USD)", text(model.dailyCostProperty(), "hard limit, e.g. 25"),
                "dailyCost");
        row = field(grid, row, "Alert at %", text(model.alertPercentProperty(), "80"), "alertPercent");
        ComboBox<String> policy = new ComboBox<>(model.policyNames());
        policy.valueProperty().bindBidirectional(model.policyProperty());
        policy.setMaxWidth(Double.MAX_VALUE);
        row = field(grid, row, "Polic_y", policy, "policy");
        ComboBox<String> version = new ComboBox<>(model.policyVersions());
        version.valueProperty().bindBidirectional(model.policyVersionProperty());
        version.setMaxWidth(Double.MAX_VALUE);
        field(grid, row, "Policy version", version, "policyVersion");

        Label status = new Label();
        status.textProperty().bind(model.statusLineProperty());
        status.getStyleClass().add(Styles.TITLE_4);

        Button save = new Button("_Save");
        save.setId("agent-save");
        save.setMnemonicParsing(true);
        save.setDefaultButton(false);
        save.getStyleClass().add(Styles.ACCENT);
        save.setOnAction(e -> model.save());
        Button pause = new Button("_Pause…");
        pause.setMnemonicParsing(true);
        pause.textProperty().bind(Bindings.createStringBinding(() -> {
            Agent a = model.selectedProperty().get();
            return a != null && a.status() == AgentStatus.PAUSED ? "Res_ume…" : "_Pause…";
        }, model.selectedProperty()));
        pause.setOnAction(e -> pauseOrResume());
        Button retire = new Button("R_etire…");
        retire.setId("agent-retire");
        retire.setMnemonicParsing(true);
        retire.getStyleClass().add(Styles.DANGER);
        retire.setOnAction(e -> retire());
        Button kill = new Button();
        kill.setId("agent-kill");
        kill.textProperty().bind(Bindings.when(model.selectedKilledProperty()).then("Release _kill switch…")
                .otherwise("_Kill…"));
        kill.setMnemonicParsing(true);
        kill.getStyleClass().add(Styles.DANGER);
        kill.setOnAction(e -> killOrRelease());
        var noAgent = model.selectedProperty().isNull();
        var retired = Bindings.createBooleanBinding(() -> model.selectedProperty().get() != null
                && model.selectedProperty().get().isRetired(), model.selectedProperty());
        pause.disableProperty().bind(noAgent.or(retired));
        retire.disableProperty().bind(noAgent.or(retired));
        kill.disableProperty().bind(noAgent);
        save.disableProperty().bind(noAgent.and(model.addingProperty().not()).or(retired));
        grid.disableProperty().bind(noAgent.and(model.addingProperty().not()).or(retired));

        Label message = new Label();
        message.setId("agent-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        Feedback.styleAsError(message, model.messageIsErrorProperty());

        Label hint = new Label("Select an agent on the left to edit it, or click New agent.");
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        hint.visibleProperty().bind(noAgent.and(model.addingProperty().not()));
        hint.managedProperty().bind(hint.visibleProperty());

        VBox box = new VBox(10, status, hint, grid, new HBox(8, save, pause, kill, retire), message);
        box.setPadding(new Insets(12));
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        model.fieldErrors().addListener((MapChangeListener<String, String>) change -> showErrors());
        return new StackPane(scroll);
    }

    private void showErrors() {
        errorLabels.forEach((field, label) -> {
            String error = model.fieldErrors().get(field);
            label.setText(error == null ? "" : error);
            label.setVisible(error != null);
            label.setManaged(error != null);
        });
    }

    private static TextField text(javafx.beans.property.StringProperty property, String prompt) {
        TextField field = new TextField();
        field.setPromptText(prompt);
        field.textProperty().bindBidirectional(property);
        return field;
    }

    private int field(GridPane grid, int row, String label, Node input, String fieldName) {
        Label name = new Label(label);
        name.setMnemonicParsing(true);
        name.setLabelFor(input);
        Label error = new Label();
        error.getStyleClass().addAll(Styles.DANGER, Styles.TEXT_SMALL);
        error.setWrapText(true);
        error.setVisible(false);
        error.setManaged(false);
        errorLabels.put(fieldName, error);
        grid.add(name, 0, row);
        grid.add(new VBox(2, input, error), 1, row);
        return row + 1;
    }

    private void pauseOrResume() {
        Agent agent = model.selectedProperty().get();
        if (agent == null) {
            return;
        }
        boolean resume = agent.status() == AgentStatus.PAUSED;
        new ReasonDialog(root.getScene().getWindow(), (resume ? "Resume " : "Pause ") + agent.id(),
                resume ? model.control().resumeConsequence(agent) : model.control().pauseConsequence(agent.id()),
                resume ? "Resume" : "Pause", !resume).ask().ifPresent(reason -> {
                    if (resume) {
                        model.resume(reason);
                    } else {
                        model.pause(reason);
                    }
                });
    }

    /** The agent's own kill switch: stops it at once, denying what waits for approval (with the numbers). */
    private void killOrRelease() {
        Agent agent = model.selectedProperty().get();
        if (agent == null) {
            return;
        }
        boolean release = model.selectedKilledProperty().get();
        new ReasonDialog(root.getScene().getWindow(),
                release ? "Release the kill switch of " + agent.id() : "Kill " + agent.id(),
                release ? model.control().releaseConsequence(agent.id())
                        : model.control().killConsequence(agent.id()) + " Why?",
                release ? "Release" : "Engage kill switch", !release).ask().ifPresent(reason -> {
                    if (release) {
                        model.releaseKill(reason);
                    } else {
                        model.kill(reason);
                    }
                });
    }

    private void retire() {
        Agent agent = model.selectedProperty().get();
        if (agent == null) {
            return;
        }
        new ReasonDialog(root.getScene().getWindow(), "Retire " + agent.id(),
                "A retired agent is denied for good and cannot be resumed; it stays in the registry for the "
                        + "record and its id is never reused. Why retire it?", "Retire", true)
                .ask().ifPresent(model::retire);
    }
}
