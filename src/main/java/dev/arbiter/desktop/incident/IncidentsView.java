package dev.arbiter.desktop.incident;

import atlantafx.base.theme.Styles;
import dev.arbiter.core.incident.Incident;
import dev.arbiter.core.incident.IncidentText;
import dev.arbiter.core.incident.ReportingDeadline;
import dev.arbiter.core.incident.SeriousIncidentClass;
import dev.arbiter.core.incident.Severity;
import dev.arbiter.core.incident.TimelineEvent;
import dev.arbiter.desktop.common.EmptyState;
import dev.arbiter.desktop.common.Feedback;
import dev.arbiter.desktop.common.Fit;
import java.io.File;
import java.time.Instant;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The Incidents screen: the register on the left (Ctrl+N focuses "open an incident", Enter in the
 * title opens it), the selected incident on the right with its EU AI Act deadline, the button that
 * moves it one step (Ctrl+Enter), acknowledge (Ctrl+Shift+A), root cause, follow-ups, classification
 * and Export PDF (Ctrl+E), the playbooks run for it (Ctrl+Shift+P runs the chosen one; Ctrl+L goes to
 * its steps, Enter or Space ticks the selected step), and its timeline. No logic: everything goes to {@link IncidentsViewModel}.
 */
public final class IncidentsView {

    private final IncidentsViewModel model;
    private final SplitPane root = new SplitPane();

    public IncidentsView(IncidentsViewModel model) {
        this.model = model;
        build();
    }

    public Node node() {
        return root;
    }

    private void build() {
        root.getStyleClass().add("incidents");
        root.getItems().addAll(left(), right());
        root.setDividerPositions(0.45);
        // keys on the screen, not the scene: they work while the focus is inside it, never on another screen
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (!e.isShortcutDown() || e.isAltDown()) {
                return;
            }
            Button target = switch (e.getCode()) {
                case ENTER -> e.isShiftDown() ? null : (Button) root.lookup("#incident-next");
                case A -> e.isShiftDown() ? (Button) root.lookup("#incident-ack") : null;
                case E -> e.isShiftDown() ? null : (Button) root.lookup("#incident-export");
                case P -> e.isShiftDown() ? (Button) root.lookup("#incident-run-playbook") : null;
                default -> null;
            };
            if (e.getCode() == KeyCode.N && !e.isShiftDown()) {
                e.consume();
                root.lookup("#incident-title").requestFocus();
            } else if (e.getCode() == KeyCode.L && !e.isShiftDown()) {
                e.consume();
                root.lookup("#incident-steps").requestFocus();
            } else if (target != null) {
                e.consume();
                target.fire();
            }
        });
    }

    private Node left() {
        Label heading = new Label("Incidents");
        heading.getStyleClass().add(Styles.TITLE_3);

        TextField title = new TextField();
        title.setId("incident-title");
        title.setPromptText("What happened? (Enter opens the incident)");
        title.textProperty().bindBidirectional(model.titleProperty());
        title.setOnAction(e -> model.open());
        title.setTooltip(new Tooltip("Ctrl+N: here. Enter: open the incident."));
        ComboBox<Severity> severity = new ComboBox<>();
        severity.setId("incident-severity");
        severity.getItems().setAll(Severity.values());
        severity.valueProperty().bindBidirectional(model.severityProperty());
        TextField agents = new TextField();
        agents.setId("incident-agents");
        agents.setPromptText("Agents (ids, comma-separated)");
        agents.textProperty().bindBidirectional(model.agentsProperty());
        agents.setOnAction(e -> model.open());
        TextField range = new TextField();
        range.setId("incident-range");
        range.setPromptText("Ledger range, e.g. 120..180");
        range.textProperty().bindBidirectional(model.rangeProperty());
        range.setOnAction(e -> model.open());
        ComboBox<SeriousIncidentClass> cls = classes();
        cls.setId("incident-class");
        cls.valueProperty().bindBidirectional(model.classificationProperty());
        Button open = new Button("_Open incident");
        open.setId("incident-open");
        open.setOnAction(e -> model.open());
        HBox form1 = new HBox(8, title, severity);
        HBox.setHgrow(title, Priority.ALWAYS);
        // the two free-text fields get a row of their own: side by side with the class and the button,
        // their prompts were cut to "Agents (ids, c" and "Ledger rang"
        HBox form2 = new HBox(8, agents, range);
        HBox.setHgrow(agents, Priority.ALWAYS);
        HBox.setHgrow(range, Priority.ALWAYS);
        HBox form3 = new HBox(8, cls, open);
        Fit.whole(open); // the text fields give way, down to a usable width; the command does not
        agents.setMinWidth(120);
        range.setMinWidth(110);
        cls.setPrefWidth(190);
        Fit.wholeValue(cls, c -> c.label());   // the chosen class is read whole; the free-text fields give way

        TableView<Incident> table = new TableView<>(model.incidents());
        table.setId("incident-table");
        Fit.wholeHeaders(table);
        table.getColumns().add(column("ID", i -> "INC-" + i.id(), 70));
        table.getColumns().add(column("Status", i -> i.status().key(), 90));
        table.getColumns().add(column("Severity", i -> i.severity().key(), 80));
        table.getColumns().add(column("Report", IncidentsView::deadlineShort, 130));
        table.getColumns().add(column("Title", Incident::title, 260));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && (model.selectedProperty().get() == null
                    || model.selectedProperty().get().id() != now.id())) {
                model.selectedProperty().set(now);
            }
        });
        model.selectedProperty().addListener((o, was, now) -> {
            if (now != null) {
                model.incidents().stream().filter(i -> i.id() == now.id()).findFirst()
                        .ifPresent(i -> table.getSelectionModel().select(i));
            }
        });
        EmptyState empty = new EmptyState(Material2MZ.REPORT_PROBLEM, "No incidents",
                "When an agent does something unexpected, type what happened above and press Enter: the ledger range"
                        + " you name is frozen as evidence and the EU AI Act reporting clock starts.");
        empty.visibleProperty().bind(model.emptyProperty());
        table.visibleProperty().bind(model.emptyProperty().not());
        StackPane list = new StackPane(table, empty);
        VBox.setVgrow(list, Priority.ALWAYS);

        Label message = new Label();
        message.setId("incident-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        Feedback.styleAsError(message, model.messageIsErrorProperty());

        VBox box = new VBox(8, heading, form1, form2, form3, message, list);
        box.setPadding(new Insets(12));
        return box;
    }

    private Node right() {
        Label deadline = new Label();
        deadline.setId("incident-deadline");
        deadline.setWrapText(true);
        deadline.getStyleClass().add(Styles.TITLE_4);
        deadline.textProperty().bind(model.deadlineProperty());
        Label detail = new Label();
        detail.setId("incident-detail");
        detail.setWrapText(true);
        detail.textProperty().bind(model.detailProperty());

        Button next = new Button();
        next.setId("incident-next");
        next.textProperty().bind(model.nextStepProperty());
        // a closed incident has no next step: no empty button
        next.visibleProperty().bind(model.nextStepProperty().isNotEmpty());
        next.managedProperty().bind(next.visibleProperty());
        next.disableProperty().bind(model.lockedProperty());
        next.setOnAction(e -> model.advance(null));
        next.setTooltip(new Tooltip("Ctrl+Enter: move the incident one step (closing needs a root cause)"));
        Button ack = new Button("Acknowledge");
        ack.setId("incident-ack");
        ack.disableProperty().bind(model.lockedProperty());
        ack.setOnAction(e -> model.acknowledge());
        ack.setTooltip(new Tooltip("Ctrl+Shift+A"));
        ComboBox<SeriousIncidentClass> cls = classes();
        cls.setId("incident-reclassify");
        cls.setPromptText("EU AI Act class…");
        cls.disableProperty().bind(model.lockedProperty());
        cls.setOnAction(e -> {
            if (cls.getValue() != null) {
                model.classify(cls.getValue());
                cls.setValue(null);
            }
        });
        Button export = new Button("Export PDF");
        export.setId("incident-export");
        export.disableProperty().bind(model.selectedProperty().isNull());
        export.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PDF", "*.pdf"));
            Incident i = model.selectedProperty().get();
            chooser.setInitialFileName("incident-" + (i == null ? "" : i.id()) + ".pdf");
            File f = chooser.showSaveDialog(root.getScene().getWindow());
            if (f != null) {
                model.exportPdf(f.toPath());
            }
        });
        export.setTooltip(new Tooltip("Ctrl+E"));
        Fit.whole(next, ack, export);
        cls.setPrefWidth(220);
        FlowPane buttons = new FlowPane(8, 8, next, ack, cls, export); // wraps rather than cutting a command

        TextField rootCause = new TextField();
        rootCause.setId("incident-root-cause");
        rootCause.setPromptText("Root cause (Enter records it)");
        rootCause.disableProperty().bind(model.lockedProperty());
        rootCause.setOnAction(e -> {
            model.recordRootCause(rootCause.getText());
            rootCause.clear();
        });
        TextField followUp = new TextField();
        followUp.setId("incident-follow-up");
        followUp.setPromptText("Follow-up (Enter adds it)");
        followUp.disableProperty().bind(model.lockedProperty());
        followUp.setOnAction(e -> {
            model.addFollowUp(followUp.getText());
            followUp.clear();
        });

        Node playbook = playbook();

        TableView<TimelineEvent> timeline = new TableView<>(model.timeline());
        timeline.setId("incident-timeline");
        timeline.getColumns().add(eventColumn("When (UTC)", e -> IncidentText.time(e.at()).replace(" UTC", ""), 130));
        timeline.getColumns().add(eventColumn("What", e -> e.kind().key(), 100));
        timeline.getColumns().add(eventColumn("Who", TimelineEvent::actor, 100));
        timeline.getColumns().add(eventColumn("Entry", e -> e.auditSeq() == null ? "" : "#" + e.auditSeq(), 60));
        timeline.getColumns().add(eventColumn("Note", TimelineEvent::note, 240));
        timeline.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Fit.wholeHeaders(timeline);
        timeline.setPlaceholder(new Label("Select an incident to see its timeline."));
        VBox.setVgrow(timeline, Priority.ALWAYS);

        VBox box = new VBox(8, deadline, detail, buttons, rootCause, followUp, playbook, timeline);
        box.setPadding(new Insets(12));
        // nothing chosen: say what to do instead of showing a disabled form for no incident
        EmptyState none = new EmptyState(Material2MZ.REPORT_PROBLEM, "No incident selected",
                "Choose an incident on the left to see its reporting deadline, its next step and its timeline,"
                        + " or open a new one there (Ctrl+N).");
        none.visibleProperty().bind(model.selectedProperty().isNull());
        box.visibleProperty().bind(model.selectedProperty().isNotNull());
        return new StackPane(box, none);
    }

    /** The playbook chooser, its Run button and the steps of the playbooks run, each ticked with Enter or Space. */
    private Node playbook() {
        ComboBox<String> chooser = new ComboBox<>(model.playbookIds());
        chooser.setId("incident-playbook");
        chooser.setPromptText("Playbook…");
        chooser.valueProperty().bindBidirectional(model.chosenPlaybookProperty());
        chooser.disableProperty().bind(model.lockedProperty());
        Button run = new Button("Run playbook");
        run.setId("incident-run-playbook");
        run.disableProperty().bind(model.lockedProperty().or(model.chosenPlaybookProperty().isNull()));
        run.setOnAction(e -> model.startPlaybook());
        run.setTooltip(new Tooltip("Ctrl+Shift+P: run the chosen playbook for this incident; its steps show below"));
        Fit.whole(run);
        HBox bar = new HBox(8, chooser, run);

        ListView<IncidentsViewModel.StepRow> steps = new ListView<>(model.steps());
        steps.setId("incident-steps");
        steps.setPrefHeight(150);
        Label none = new Label("No playbook is running for this incident. Choose one and press Run playbook"
                + " (Ctrl+Shift+P).");
        none.setWrapText(true);
        none.setPadding(new Insets(8));
        steps.setPlaceholder(none);
        steps.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(IncidentsViewModel.StepRow row, boolean empty) {
                super.updateItem(row, empty);
                setWrapText(true);
                setPrefWidth(0); // wrap within the list instead of widening it
                setText(empty || row == null ? null : (row.isDone() ? "✓ " : "○ ") + row.playbook() + " " + row.number()
                        + "/" + row.of() + " · " + row.role() + ": " + row.text()
                        + (row.action().isEmpty() ? "" : " — Arbiter: " + row.action())
                        + (row.isDone() ? " — " + row.done() : ""));
            }
        });
        steps.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            IncidentsViewModel.StepRow row = steps.getSelectionModel().getSelectedItem();
            if (row != null && !e.isShortcutDown() && (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.SPACE)) {
                e.consume();
                model.tick(row);
            }
        });
        steps.setOnMouseClicked(e -> {
            IncidentsViewModel.StepRow row = steps.getSelectionModel().getSelectedItem();
            if (row != null && e.getClickCount() == 2) {
                model.tick(row);
            }
        });
        steps.setTooltip(new Tooltip("Ctrl+L: here. Enter or Space (or a double click) ticks the selected step as"
                + " done now, by you."));
        return new VBox(6, bar, steps);
    }

    private static String deadlineShort(Incident i) {
        return i.deadline().map(d -> {
            ReportingDeadline.State s = d.stateAt(Instant.now());
            return switch (s) {
                case MET -> "sent";
                case LATE -> "sent late";
                case OVERDUE -> "OVERDUE";
                case PENDING -> "due " + IncidentText.time(d.due()).substring(0, 10);
            };
        }).orElse("none due");
    }

    private static ComboBox<SeriousIncidentClass> classes() {
        ComboBox<SeriousIncidentClass> box = new ComboBox<>();
        box.getItems().setAll(SeriousIncidentClass.values());
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(SeriousIncidentClass c) {
                return c == null ? "" : c.label();
            }

            @Override
            public SeriousIncidentClass fromString(String s) {
                return null;
            }
        });
        return box;
    }

    private static TableColumn<Incident, String> column(String name, Function<Incident, String> value, double width) {
        TableColumn<Incident, String> c = new TableColumn<>(name);
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(value.apply(f.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private static TableColumn<TimelineEvent, String> eventColumn(String name, Function<TimelineEvent, String> value,
                                                                  double width) {
        TableColumn<TimelineEvent, String> c = new TableColumn<>(name);
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(value.apply(f.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
