package dev.arbiter.desktop.vendor;

import atlantafx.base.theme.Styles;
import dev.arbiter.core.agent.ModelChangeRequest;
import dev.arbiter.core.agent.ModelChangeStatus;
import dev.arbiter.core.agent.ModelRole;
import dev.arbiter.core.vendor.AgentProviderPlan;
import dev.arbiter.desktop.common.ChoiceText;
import dev.arbiter.desktop.common.Fit;
import java.io.File;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The model changes tab: request a change of an agent's pinned or fallback model with the evidence it
 * was tested, then approve or reject it, then apply it; each request's state, and "self-approved".
 */
final class ChangesPane extends VBox {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);

    ChangesPane(VendorsViewModel model) {
        super(8);
        ComboBox<String> agent = new ComboBox<>();
        agent.setId("change-agent");
        agent.setPromptText("Agent");
        agent.setAccessibleText("Agent whose model changes");
        model.planRows().addListener((ListChangeListener<AgentProviderPlan>) c -> {
            String chosen = agent.getValue();
            agent.getItems().setAll(model.planRows().stream().map(p -> p.agent().id()).toList());
            agent.setValue(chosen != null && agent.getItems().contains(chosen) ? chosen : null);
        });
        ComboBox<ModelRole> role = new ComboBox<>();
        role.setId("change-role");
        role.getItems().setAll(ModelRole.values());
        role.setValue(ModelRole.PINNED);
        role.setConverter(ChoiceText.of(ModelRole::label));
        TextField to = new TextField();
        to.setId("change-to");
        to.setPromptText("new model version, e.g. claude-sonnet-4-5-20250929");
        to.setPrefColumnCount(24);
        TextField reason = new TextField();
        reason.setId("change-reason");
        reason.setPromptText("why it changes");
        reason.setPrefColumnCount(24);
        TextField evidence = new TextField();
        evidence.setId("change-evidence");
        evidence.setPromptText("evidence: a JUnit XML report or a reference to the test run");
        evidence.setPrefColumnCount(30);
        CheckBox junit = new CheckBox("JUnit _XML file");
        junit.setId("change-junit");
        junit.setMnemonicParsing(true);
        Button choose = new Button("C_hoose report…");
        choose.setMnemonicParsing(true);
        choose.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("JUnit XML report of the test run on the new model");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("JUnit XML", "*.xml"));
            File f = chooser.showOpenDialog(getScene().getWindow());
            if (f != null) {
                evidence.setText(f.getAbsolutePath());
                junit.setSelected(true);
            }
        });
        Button request = new Button("Re_quest change");
        request.setId("change-request");
        request.setMnemonicParsing(true);
        request.disableProperty().bind(agent.valueProperty().isNull());
        request.setOnAction(e -> model.request(agent.getValue(), role.getValue(), to.getText(), reason.getText(),
                evidence.getText(), junit.isSelected(), () -> {
                    to.clear();
                    reason.clear();
                    evidence.clear();
                    junit.setSelected(false);
                }));
        Fit.whole(agent, role, junit, choose, request);
        FlowPane form = new FlowPane(8, 6, agent, role, to, reason, evidence, junit, choose, request);
        form.setAlignment(Pos.CENTER_LEFT);

        TableView<ModelChangeRequest> table = new TableView<>(model.changeRows());
        table.setId("change-table");
        Fit.wholeHeaders(table);
        Fit.wholeCells(table);
        table.getColumns().add(Columns.text("#", 40, r -> String.valueOf(r.id())));
        table.getColumns().add(Columns.text("Agent", 150, ModelChangeRequest::agentId));
        table.getColumns().add(Columns.text("Change", 320, r -> r.role().label() + ": "
                + (r.fromModel().isEmpty() ? "(none)" : r.fromModel()) + " → " + r.toModel()));
        table.getColumns().add(Columns.text("State", 150, VendorsViewModel::state));
        // who asked and decided, why and the evidence are said whole for the chosen request in the line
        // under the table: these columns come last and may scroll out sideways; #, agent, change and
        // state may not
        for (var detail : java.util.List.of(Columns.text("Requested", 200, ChangesPane::requested),
                Columns.text("Decided", 200, ChangesPane::decided),
                Columns.text("Why", 220, ModelChangeRequest::reason),
                Columns.text("Evidence", 260, (ModelChangeRequest r) -> r.evidence().describe()))) {
            detail.getStyleClass().add(Fit.SECONDARY);
            table.getColumns().add(detail);
        }
        Label empty = new Label("No model changes yet. A pinned model changes only through a request: choose the "
                + "agent above, the new version, why, and the evidence it was tested.");
        empty.setWrapText(true);
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        table.setPlaceholder(empty);
        VBox.setVgrow(table, Priority.ALWAYS);

        var selected = table.getSelectionModel().selectedItemProperty();
        Button approve = new Button("_Approve");
        approve.setId("change-approve");
        approve.setMnemonicParsing(true);
        approve.disableProperty().bind(not(selected, ModelChangeStatus.APPROVED));
        approve.setOnAction(e -> model.approve(selected.get(), ""));
        Button reject = new Button("Re_ject…");
        reject.setId("change-reject");
        reject.setMnemonicParsing(true);
        reject.getStyleClass().add(Styles.DANGER);
        reject.disableProperty().bind(not(selected, ModelChangeStatus.REJECTED));
        reject.setOnAction(e -> {
            ModelChangeRequest r = selected.get();
            TextInputDialog ask = new TextInputDialog();
            ask.initOwner(getScene().getWindow());
            ask.setTitle("Reject #" + r.id());
            ask.setHeaderText("Reject " + r.summary() + "? Rejecting is final.");
            ask.setContentText("Reason:");
            ask.showAndWait().ifPresent(why -> model.reject(r, why));
        });
        Button apply = new Button("Appl_y to the agent");
        apply.setId("change-apply");
        apply.setMnemonicParsing(true);
        apply.getStyleClass().add(Styles.ACCENT);
        apply.disableProperty().bind(not(selected, ModelChangeStatus.APPLIED));
        apply.setOnAction(e -> model.apply(selected.get()));
        Fit.whole(approve, reject, apply);
        HBox actions = new HBox(8, approve, reject, apply);
        actions.setAlignment(Pos.CENTER_LEFT);
        Label chosen = new Label();
        chosen.setId("change-detail");
        chosen.setWrapText(true);
        chosen.textProperty().bind(Bindings.createStringBinding(() -> {
            ModelChangeRequest r = selected.get();
            return r == null ? "" : "#" + r.id() + " requested by " + requested(r)
                    + (r.decidedBy() == null ? "" : "; decided by " + decided(r)) + ". Why: " + r.reason()
                    + ". Evidence: " + r.evidence().describe();
        }, selected, model.changeRows()));
        getChildren().addAll(form, table, chosen, actions);
    }

    private static String requested(ModelChangeRequest r) {
        return r.requestedBy() + ", " + WHEN.format(r.requestedAt());
    }

    private static String decided(ModelChangeRequest r) {
        return r.decidedBy() == null ? "" : r.decidedBy() + ", " + WHEN.format(r.decidedAt());
    }

    /** True unless a request is selected whose state may move to {@code target}. */
    private static BooleanBinding not(javafx.beans.value.ObservableValue<ModelChangeRequest> selected,
                                      ModelChangeStatus target) {
        return Bindings.createBooleanBinding(() -> selected.getValue() == null
                || !selected.getValue().status().canMoveTo(target), selected);
    }
}
