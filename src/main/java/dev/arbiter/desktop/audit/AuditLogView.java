package dev.arbiter.desktop.audit;

import atlantafx.base.theme.Styles;
import dev.arbiter.core.audit.AuditTime;
import dev.arbiter.core.audit.LedgerEntry;
import dev.arbiter.desktop.common.Debounce;
import dev.arbiter.desktop.common.Dialogs;
import dev.arbiter.desktop.common.EmptyState;
import dev.arbiter.desktop.common.Fit;
import java.io.File;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** The ledger as a filterable, virtualised table with a JSON detail pane, Verify and Export. */
public final class AuditLogView extends BorderPane {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    /** The narrowest the entry's JSON gets beside the table, in pixels: about 30 characters of a line. */
    private static final double JSON_FLOOR = 240;

    private final AuditLogViewModel model;
    private TableView<LedgerEntry> table;

    public AuditLogView(AuditLogViewModel model) {
        this.model = model;
        getStyleClass().add("audit-log");
        setPadding(new Insets(16));
        setTop(new VBox(12, header(), filters()));
        setCenter(body());
        setBottom(footer());
        sceneProperty().addListener((o, was, scene) -> model.setLive(scene != null));
    }

    private HBox header() {
        Label title = new Label("Audit Log");
        title.getStyleClass().add(Styles.TITLE_2);
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);

        Button verify = new Button("Verify chain", new FontIcon(Material2MZ.VERIFIED_USER));
        verify.setId("verify-button");
        verify.disableProperty().bind(model.verifyingProperty());
        verify.setOnAction(e -> model.verify());

        Button bundle = new Button("Evidence bundle…", new FontIcon(Material2AL.ARCHIVE));
        bundle.setId("bundle-button");
        bundle.setTooltip(new javafx.scene.control.Tooltip("Write a signed evidence bundle of every entry between the "
                + "From and To dates (the other filters do not apply), which an auditor verifies offline"));
        bundle.disableProperty().bind(model.bundlingProperty());
        bundle.setOnAction(e -> exportBundle());

        Button export = new Button("Export…", new FontIcon(Material2MZ.SAVE_ALT));
        export.setId("export-button");
        export.setOnAction(e -> export());
        Button incident = new Button("Open incident…", new FontIcon(Material2MZ.REPORT_PROBLEM));
        incident.setId("open-incident-button");
        incident.setTooltip(new javafx.scene.control.Tooltip("Open an incident from the selected entries, freezing"
                + " their range as evidence (Ctrl+I)"));
        incident.setOnAction(e -> openIncident());
        HBox header = new HBox(10, title, spring, incident, verify, bundle, export);
        header.setAlignment(Pos.CENTER_LEFT);
        return header;
    }

    private HBox filters() {
        ComboBox<String> agent = new ComboBox<>(model.agents());
        agent.setId("agent-filter");
        agent.setPromptText("Any agent");
        agent.valueProperty().bindBidirectional(model.agentFilterProperty());
        Fit.wholeValue(agent, id -> id); // the chosen agent id is read whole
        ComboBox<String> event = new ComboBox<>(model.eventTypes());
        event.setId("event-filter");
        event.setPromptText("Any event");
        event.valueProperty().bindBidirectional(model.eventFilterProperty());
        DatePicker from = new DatePicker();
        from.setPromptText("From date");
        from.setPrefWidth(140);
        from.valueProperty().bindBidirectional(model.fromDateProperty());
        DatePicker to = new DatePicker();
        to.setPromptText("To date");
        to.setPrefWidth(140);
        to.valueProperty().bindBidirectional(model.toDateProperty());
        TextField text = new TextField();
        text.setId("text-filter");
        text.setPromptText("Search trace, action, reason, actor…");
        text.textProperty().bindBidirectional(model.textFilterProperty());
        HBox.setHgrow(text, Priority.ALWAYS);
        Button clear = new Button("Clear");
        clear.getStyleClass().add(Styles.FLAT);
        clear.setOnAction(e -> model.clearFilters());

        Debounce typing = new Debounce(Duration.millis(250), model::refresh);
        text.textProperty().addListener((o, a, b) -> typing.trigger());
        agent.valueProperty().addListener((o, a, b) -> model.refresh());
        event.valueProperty().addListener((o, a, b) -> model.refresh());
        from.valueProperty().addListener((o, a, b) -> model.refresh());
        to.valueProperty().addListener((o, a, b) -> model.refresh());
        // long agent ids in the list must not widen the filter until the commands are cut
        agent.setMaxWidth(220);
        event.setMaxWidth(220);
        Fit.whole(clear);
        HBox row = new HBox(8, text, agent, event, from, to, clear);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private SplitPane body() {
        table = new TableView<>(model.entries());
        table.getSelectionModel().setSelectionMode(javafx.scene.control.SelectionMode.MULTIPLE);
        table.addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.isShortcutDown() && e.getCode() == javafx.scene.input.KeyCode.I) {
                e.consume();
                openIncident();
            }
        });
        dev.arbiter.desktop.common.Fit.wholeHeaders(table);
        table.setId("audit-table");
        table.getColumns().add(column("#", 50, e -> Long.toString(e.seq())));
        table.getColumns().add(column("Time", 125, e -> TIME.format(e.entry().timestamp())));
        // the event over its decision, in one column: beside the JSON at 1280 px there is no room for both
        table.getColumns().add(column("Event · decision", 170, e -> lines(e.entry().event(), e.entry().decision())));
        // the action over the agent that asked, in one column: a long agent id next to a long action
        // pushed Decision out of view at 1280 px
        table.getColumns().add(column("Action · agent", 170, e -> lines(e.entry().action(), e.entry().agentId())));
        // tier and actor are in the entry's JSON beside the table: they may scroll out sideways
        TableColumn<LedgerEntry, String> tier = column("Tier", 100, e -> e.entry().tier());
        TableColumn<LedgerEntry, String> actor = column("Actor", 110, e -> e.entry().actor());
        tier.getStyleClass().add(Fit.SECONDARY);
        actor.getStyleClass().add(Fit.SECONDARY);
        table.getColumns().add(tier);
        table.getColumns().add(actor);
        Fit.wholeCells(table);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        EmptyState empty = new EmptyState(Material2MZ.RECEIPT_LONG, "No audit entries here",
                "Entries appear as agents ask the gateway and people act (kill switch, policies, reviews). "
                        + "If you filtered, press Clear.");
        javafx.scene.control.ProgressIndicator loading = new javafx.scene.control.ProgressIndicator();
        loading.setMaxSize(48, 48);
        table.placeholderProperty().bind(javafx.beans.binding.Bindings.when(model.loadedProperty())
                .<javafx.scene.Node>then(empty).otherwise(loading));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, entry) -> model.selectedProperty().set(entry));
        table.getSelectionModel().getSelectedItems().addListener(
                (javafx.collections.ListChangeListener<LedgerEntry>) c -> model.picked(
                        java.util.List.copyOf(table.getSelectionModel().getSelectedItems())));
        model.onRepick(again -> {
            if (again.size() > 1) { // one entry comes back through the model's selected entry
                // by entry, not by row: the new list may have moved every row (newer entries on top)
                table.getSelectionModel().clearSelection();
                again.forEach(table.getSelectionModel()::select);
            }
        });
        model.selectedProperty().addListener((o, a, entry) -> {
            if (entry != null && table.getSelectionModel().getSelectedItem() != entry) {
                table.getSelectionModel().select(entry);
            }
        });

        TextArea json = new TextArea();
        json.setId("entry-json");
        json.setEditable(false);
        json.getStyleClass().add("monospace");
        json.textProperty().bind(model.detailProperty());
        json.setPromptText("Select an entry to see its full JSON, including its hashes.");
        Label jsonTitle = new Label("Entry");
        jsonTitle.getStyleClass().add(Styles.TITLE_4);
        VBox detail = new VBox(8, jsonTitle, json);
        VBox.setVgrow(json, Priority.ALWAYS);
        detail.setPadding(new Insets(0, 0, 0, 8));

        // the JSON keeps a readable floor; the table's primary columns (#, time, event, action and agent,
        // decision) keep theirs, and the divider stops between the two
        detail.setMinWidth(JSON_FLOOR);
        Fit.primaryColumnsInView(table, table);
        SplitPane split = new SplitPane(table, detail);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.74);
        Fit.keepMinimums(split);
        BorderPane.setMargin(split, new Insets(12, 0, 12, 0));
        return split;
    }

    private HBox footer() {
        Label summary = new Label();
        summary.setId("audit-summary");
        summary.textProperty().bind(model.summaryProperty());
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        ProgressBar progress = new ProgressBar();
        progress.setId("audit-progress");
        progress.setPrefWidth(160);
        progress.progressProperty().bind(javafx.beans.binding.Bindings.when(model.bundlingProperty())
                .then(model.bundleProgressProperty()).otherwise(model.verifyProgressProperty()));
        progress.visibleProperty().bind(model.verifyingProperty().or(model.bundlingProperty()));
        progress.managedProperty().bind(progress.visibleProperty());
        Label result = new Label();
        result.setId("verify-result");
        result.textProperty().bind(model.verifyResultProperty());
        result.setWrapText(true);
        model.verifyFailedProperty().addListener((o, a, failed) -> {
            result.getStyleClass().removeAll(Styles.DANGER, Styles.SUCCESS);
            result.getStyleClass().add(failed ? Styles.DANGER : Styles.SUCCESS);
        });
        Label checkpoint = new Label();
        checkpoint.setId("checkpoint-info");
        checkpoint.getStyleClass().add(Styles.TEXT_MUTED);
        checkpoint.textProperty().bind(model.checkpointInfoProperty());
        checkpoint.managedProperty().bind(checkpoint.textProperty().isNotEmpty());
        checkpoint.setWrapText(true);
        VBox outcome = new VBox(2, result, checkpoint);
        outcome.setAlignment(Pos.CENTER_RIGHT);
        HBox.setHgrow(outcome, Priority.SOMETIMES);
        HBox footer = new HBox(12, summary, spring, progress, outcome);
        footer.setAlignment(Pos.CENTER_LEFT);
        return footer;
    }

    /** Asks for a title and severity, then opens an incident freezing the selected entries' range. */
    private void openIncident() {
        java.util.List<LedgerEntry> picked = java.util.List.copyOf(table.getSelectionModel().getSelectedItems());
        if (picked.isEmpty()) {
            Dialogs.error(getScene().getWindow(), "No entries selected",
                    "Select one or more entries (Shift or Ctrl with the arrow keys or a click), then Open incident…");
            return;
        }
        long from = picked.stream().mapToLong(LedgerEntry::seq).min().orElseThrow();
        long to = picked.stream().mapToLong(LedgerEntry::seq).max().orElseThrow();
        javafx.scene.control.Dialog<javafx.scene.control.ButtonType> dialog = new javafx.scene.control.Dialog<>();
        dialog.initOwner(getScene().getWindow());
        dialog.setTitle("Open incident");
        dialog.setHeaderText("Open an incident from " + picked.size() + (picked.size() == 1 ? " entry" : " entries")
                + ": ledger entries " + from + ".." + to + " are frozen as evidence until it is closed.");
        TextField title = new TextField();
        title.setId("incident-title");
        title.setPromptText("What happened, e.g. Refund loop on billing-bot");
        ComboBox<dev.arbiter.core.incident.Severity> severity = new ComboBox<>(
                javafx.collections.FXCollections.observableArrayList(dev.arbiter.core.incident.Severity.values()));
        severity.setId("incident-severity");
        severity.setValue(dev.arbiter.core.incident.Severity.MEDIUM);
        VBox form = new VBox(8, new Label("Title"), title, new Label("Severity"), severity);
        dialog.getDialogPane().setContent(form);
        javafx.scene.control.ButtonType open = new javafx.scene.control.ButtonType("Open incident",
                javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(open, javafx.scene.control.ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(open).disableProperty().bind(title.textProperty().isEmpty());
        dialog.setOnShown(e -> javafx.application.Platform.runLater(title::requestFocus));
        if (dialog.showAndWait().filter(open::equals).isEmpty()) {
            return;
        }
        model.openIncident(title.getText(), severity.getValue(), picked,
                incident -> model.summaryProperty().set("Opened INC-" + incident.id() + " (" + incident.title()
                        + "), freezing ledger entries " + incident.pinned().map(Object::toString).orElse("")
                        + "; see it in Incidents"),
                failure -> Dialogs.error(getScene().getWindow(), "Could not open the incident", failure));
    }

    /** Where the bundle goes: a save dialog by default; a test puts its own file here. */
    private java.util.function.Function<String, java.util.Optional<java.nio.file.Path>> bundleTarget = name -> {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Write an evidence bundle (entries between the From and To dates)");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Evidence bundle (zip)", "*.zip"));
        chooser.setInitialFileName(name);
        return java.util.Optional.ofNullable(chooser.showSaveDialog(getScene().getWindow())).map(File::toPath);
    };

    /** Tests choose the file instead of the save dialog. */
    void chooseBundleFileWith(java.util.function.Function<String, java.util.Optional<java.nio.file.Path>> target) {
        this.bundleTarget = target;
    }

    private void exportBundle() {
        bundleTarget.apply(model.defaultBundleName(java.time.LocalDate.now())).ifPresent(file ->
                model.exportBundle(file, message -> model.summaryProperty().set(message),
                        failure -> Dialogs.error(getScene().getWindow(), "The evidence bundle was not written",
                                failure)));
    }

    private void export() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export audit entries (current filters)");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("JSON Lines", "*.jsonl"),
                new FileChooser.ExtensionFilter("CSV", "*.csv"));
        chooser.setInitialFileName("arbiter-audit-" + AuditTime.format(java.time.Instant.now()).substring(0, 10) + ".jsonl");
        File file = chooser.showSaveDialog(getScene().getWindow());
        if (file == null) {
            return;
        }
        model.export(file.toPath(), message -> model.summaryProperty().set(message),
                failure -> Dialogs.error(getScene().getWindow(), "Export failed", failure));
    }

    /** The non-empty ones of {@code parts}, one per line. */
    private static String lines(String... parts) {
        return java.util.Arrays.stream(parts).filter(p -> p != null && !p.isEmpty())
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    private static TableColumn<LedgerEntry, String> column(String title, double width,
                                                           Function<LedgerEntry, String> value) {
        TableColumn<LedgerEntry, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setMinWidth(width * 0.8);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }
}
