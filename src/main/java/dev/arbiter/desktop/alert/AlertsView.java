package dev.arbiter.desktop.alert;

import atlantafx.base.theme.Styles;
import dev.arbiter.core.alert.Alert;
import dev.arbiter.core.alert.AlertStatus;
import dev.arbiter.core.audit.AuditTime;
import dev.arbiter.desktop.common.Dialogs;
import dev.arbiter.desktop.common.EmptyState;
import dev.arbiter.desktop.common.Feedback;
import dev.arbiter.desktop.common.Fit;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.material2.Material2AL;

/**
 * The Alerts screen: open alerts on the left (Ctrl+H also lists triaged ones), the selected alert on
 * the right with its figures, a note, and the commands, all by keyboard while the focus is in this
 * screen (the keys are not scene-wide, so they never fire on another screen): Ctrl+T true positive,
 * Ctrl+F false positive (both need the note), Ctrl+I open an incident, Ctrl+P pause the agent and
 * Ctrl+D engage its kill switch (both after a confirmation, the note is the recorded reason).
 * No logic: everything goes to {@link AlertsViewModel}.
 */
public final class AlertsView {

    private final AlertsViewModel model;
    private final SplitPane root = new SplitPane();
    private final TableView<Alert> table = new TableView<>();
    private final TextField note = new TextField();

    public AlertsView(AlertsViewModel model) {
        this.model = model;
        root.getStyleClass().add("alerts");
        root.getItems().addAll(left(), right());
        root.setDividerPositions(0.66);
        Fit.keepMinimums(root);
        root.addEventFilter(KeyEvent.KEY_PRESSED, this::keys);
    }

    public Node node() {
        return root;
    }

    private Node left() {
        Label heading = new Label("Alerts");
        heading.getStyleClass().add(Styles.TITLE_3);
        CheckBox triaged = new CheckBox("Show triaged");
        triaged.setId("alerts-show-triaged");
        triaged.selectedProperty().bindBidirectional(model.showTriagedProperty());
        triaged.setTooltip(new Tooltip("Ctrl+H: list triaged alerts too"));
        HBox header = new HBox(16, heading, triaged);
        header.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        table.setId("alert-table");
        table.setItems(model.alerts());
        table.getColumns().add(column("Raised (UTC)", a -> AuditTime.format(a.raisedAt()).substring(5, 19)
                .replace('T', ' '), 120));
        table.getColumns().add(column("Rule", a -> a.rule().key(), 140));
        table.getColumns().add(column("Agent", a -> a.agentId() == null ? "—" : a.agentId(), 110));
        table.getColumns().add(column("Detect", a -> AlertsViewModel.duration(a.timeToDetect()), 70));
        table.getColumns().add(column("Status", a -> a.status().key().replace('_', ' '), 100));
        Fit.wholeCells(table);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Fit.wholeHeaders(table);
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            Alert current = model.selectedProperty().get();
            if (now != null && (current == null || !current.id().equals(now.id()))) {
                model.selectedProperty().set(now);
            }
        });
        model.selectedProperty().addListener((o, was, now) -> {
            if (now != null) {
                model.alerts().stream().filter(a -> a.id().equals(now.id())).findFirst()
                        .ifPresent(a -> table.getSelectionModel().select(a));
            }
        });
        EmptyState empty = new EmptyState(Material2AL.CHECK_CIRCLE_OUTLINE, "No open alerts", "");
        ((Label) empty.getChildren().get(2)).textProperty().bind(model.emptyTextProperty());
        empty.visibleProperty().bind(model.emptyProperty());
        table.visibleProperty().bind(model.emptyProperty().not());
        StackPane list = new StackPane(table, empty);
        VBox.setVgrow(list, Priority.ALWAYS);

        VBox box = new VBox(8, header, list);
        box.setPadding(new Insets(12));
        Fit.primaryColumnsInView(table, box); // the divider stops before Status scrolls out of view
        return box;
    }

    private Node right() {
        Label detail = new Label();
        detail.setId("alert-detail");
        detail.setWrapText(true);
        detail.textProperty().bind(model.detailProperty());

        note.setId("alert-note");
        note.setPromptText("Note: why is this a true or a false positive? (required)");
        note.textProperty().bindBidirectional(model.noteProperty());
        note.setTooltip(new Tooltip("Required for triage; the recorded reason when pausing or killing the agent"));

        Button truePositive = button("alert-true", "True positive", "Ctrl+T", () -> model.triage(AlertStatus.TRUE_POSITIVE));
        Button falsePositive = button("alert-false", "False positive", "Ctrl+F",
                () -> model.triage(AlertStatus.FALSE_POSITIVE));
        truePositive.disableProperty().bind(model.actionableProperty().not());
        falsePositive.disableProperty().bind(model.actionableProperty().not());
        Button incident = button("alert-incident", "Open incident", "Ctrl+I", model::openIncident);
        Button pause = button("alert-pause", "Pause agent…", "Ctrl+P",
                () -> confirm("Pause the agent?", model::pauseConsequence, "Pause", model::pauseAgent));
        Button kill = button("alert-kill", "Kill switch…", "Ctrl+D",
                () -> confirm("Engage the agent's kill switch?", model::killConsequence, "Engage", model::killAgent));
        kill.getStyleClass().add(Styles.DANGER);
        for (Button b : new Button[] {incident, pause, kill}) {
            b.disableProperty().bind(model.selectedProperty().isNull());
        }
        Fit.whole(truePositive, falsePositive, incident, pause, kill);
        FlowPane buttons = new FlowPane(8, 8, truePositive, falsePositive, incident, pause, kill);

        Label message = new Label();
        message.setId("alert-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        Feedback.styleAsError(message, model.messageIsErrorProperty());

        VBox box = new VBox(10, detail, note, buttons, message);
        box.setPadding(new Insets(12));
        return box;
    }

    private void keys(KeyEvent e) {
        if (!e.isShortcutDown()) {
            return;
        }
        Runnable action = switch (e.getCode()) {
            case T -> e.isShiftDown() ? null : () -> model.triage(AlertStatus.TRUE_POSITIVE);
            case F -> e.isShiftDown() ? null : () -> model.triage(AlertStatus.FALSE_POSITIVE);
            case I -> model::openIncident;
            case P -> () -> confirm("Pause the agent?", model::pauseConsequence, "Pause", model::pauseAgent);
            case D -> () -> confirm("Engage the agent's kill switch?", model::killConsequence, "Engage",
                    model::killAgent);
            case H -> () -> model.showTriagedProperty().set(!model.showTriagedProperty().get());
            default -> null;
        };
        if (action != null) {
            e.consume();
            action.run();
        }
    }

    /** Asks before a step that stops an agent; without an agent on the alert, the model says why not. */
    private void confirm(String title, Supplier<Optional<String>> consequence, String label, Runnable step) {
        Optional<String> text = consequence.get();
        if (text.isEmpty() || model.noteProperty().get() == null || model.noteProperty().get().isBlank()) {
            step.run(); // the model refuses with a message a person can act on
            return;
        }
        if (Dialogs.confirm(root.getScene().getWindow(), title, text.get(), label)) {
            step.run();
        }
    }

    private static Button button(String id, String text, String key, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        b.setTooltip(new Tooltip(key));
        return b;
    }

    private static TableColumn<Alert, String> column(String name, Function<Alert, String> value, double width) {
        TableColumn<Alert, String> c = new TableColumn<>(name);
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(value.apply(f.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
