package dev.arbiter.desktop.assessment;

import dev.arbiter.core.assessment.Assessment;
import dev.arbiter.core.assessment.AssessmentStatus;
import dev.arbiter.core.assessment.DataClass;
import dev.arbiter.core.assessment.Regulation;
import dev.arbiter.core.assessment.ReviewCadence;
import dev.arbiter.desktop.common.Dialogs;
import java.io.File;
import java.util.Locale;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2OutlinedAL;
import org.kordamp.ikonli.material2.Material2OutlinedMZ;

/**
 * The editor of one assessment: header with status and actions, then the
 * template's parts as tabs (overview, data classification, risks with the
 * heat map, sign-off, history). Builds and binds nodes; the view model decides.
 */
final class AssessmentEditorView extends BorderPane {

    private final AssessmentEditorViewModel vm;
    private final Label title = new Label();
    private final Label status = new Label();
    private final Label saveState = new Label();
    private final Label lockedBanner = new Label();
    private final HBox actions = new HBox(6);
    private final TabPane tabs = new TabPane();
    private final Tab signOffTab;
    private final HeatMap heatMap = new HeatMap();

    AssessmentEditorView(AssessmentEditorViewModel vm) {
        this.vm = vm;
        getStyleClass().add("assessment-editor");
        title.getStyleClass().add("title-3");
        status.getStyleClass().add("status-badge");
        saveState.getStyleClass().add("hint");
        saveState.textProperty().bind(vm.saveStateProperty());
        saveState.setId("save-state");
        lockedBanner.getStyleClass().add("locked-banner");
        lockedBanner.setMaxWidth(Double.MAX_VALUE);
        lockedBanner.setWrapText(true);
        status.setMinWidth(Region.USE_PREF_SIZE);
        title.setMinWidth(0);
        HBox titleLine = new HBox(10, title, status);
        titleLine.setAlignment(Pos.CENTER_LEFT);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        actions.setAlignment(Pos.CENTER_LEFT);
        HBox actionLine = new HBox(10, actions, spacer, saveState);
        actionLine.setAlignment(Pos.CENTER_LEFT);
        VBox header = new VBox(8, titleLine, actionLine, lockedBanner);
        header.setPadding(new Insets(10, 12, 6, 12));
        setTop(header);

        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs().add(new Tab("Overview", scroll(overview())));
        tabs.getTabs().add(new Tab("Data", scroll(data())));
        tabs.getTabs().add(new Tab("Risks", scroll(risks())));
        signOffTab = new Tab("Sign-off", scroll(new SignOffPane(vm)));
        tabs.getTabs().add(signOffTab);
        tabs.getTabs().add(new Tab("History", new HistoryPane(vm)));
        for (int i = 0; i < tabs.getTabs().size(); i++) {
            tabs.getTabs().get(i).setTooltip(new javafx.scene.control.Tooltip("Alt+" + (i + 1)));
        }
        // Alt+1..5 jump to a part of the template from anywhere in the editor
        // (Ctrl+digit belongs to the window's navigation).
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.isAltDown() && !e.isShortcutDown() && e.getCode().isDigitKey()) {
                int index = e.getCode().getCode() - KeyCode.DIGIT1.getCode();
                if (index >= 0 && index < tabs.getTabs().size()) {
                    tabs.getSelectionModel().select(index);
                    javafx.application.Platform.runLater(() -> focusFirstIn(tabs.getTabs().get(index).getContent()));
                    e.consume();
                }
            }
        });
        setCenter(tabs);

        heatMap.points().setAll(vm.heatMapPointsProperty());
        vm.heatMapPointsProperty().addListener((javafx.collections.ListChangeListener<HeatMapPoint>) c ->
                heatMap.points().setAll(vm.heatMapPointsProperty()));
        vm.assessmentProperty().addListener((o, was, now) -> refreshHeader());
        vm.latestProperty().addListener(o -> refreshHeader());
        vm.busyProperty().addListener(o -> actions.setDisable(vm.busyProperty().get()));
        refreshHeader();
    }

    /** Focuses the system name (after creating an assessment). */
    private Runnable onDiscard = () -> { };

    /** What Discard draft does (the screen discards and offers Undo). */
    void setOnDiscard(Runnable handler) {
        onDiscard = handler;
    }

    void focusSystemName() {
        tabs.getSelectionModel().select(0);
        lookup("#system-name").requestFocus();
    }

    /** Moves focus to the first field of a tab, so that Tab continues from there. */
    private static boolean focusFirstIn(javafx.scene.Node node) {
        if (node == null || !node.isVisible() || node.isDisabled()) {
            return false;
        }
        if (node.isFocusTraversable() && !(node instanceof ScrollPane)) {
            node.requestFocus();
            return true;
        }
        if (node instanceof ScrollPane pane) {
            return focusFirstIn(pane.getContent());
        }
        if (node instanceof javafx.scene.Parent parent) {
            for (javafx.scene.Node child : parent.getChildrenUnmodifiable()) {
                if (focusFirstIn(child)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static ScrollPane scroll(javafx.scene.Node content) {
        ScrollPane pane = new ScrollPane(content);
        pane.setFitToWidth(true);
        return pane;
    }

    private ObservableBooleanValue editable() {
        return vm.editableProperty();
    }

    private GridPane form() {
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.setPadding(new Insets(12));
        return grid;
    }

    private Label label(String text, javafx.scene.Node target) {
        Label l = new Label(text);
        l.setLabelFor(target);
        l.setMnemonicParsing(true);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private TextField field(javafx.beans.property.StringProperty value, String id, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.textProperty().bindBidirectional(value);
        f.editableProperty().bind(editable());
        GridPane.setHgrow(f, Priority.ALWAYS);
        return f;
    }

    private TextArea area(javafx.beans.property.StringProperty value, String id, String prompt, int rows) {
        TextArea a = new TextArea();
        a.setId(id);
        a.setPromptText(prompt);
        a.setPrefRowCount(rows);
        a.setWrapText(true);
        a.textProperty().bindBidirectional(value);
        a.editableProperty().bind(editable());
        GridPane.setHgrow(a, Priority.ALWAYS);
        // Tab moves to the next field, as in every other field of the form (a TextArea would insert a tab).
        a.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.TAB && !e.isControlDown()) {
                e.consume();
                a.fireEvent(new KeyEvent(e.getSource(), e.getTarget(), e.getEventType(), e.getCharacter(),
                        e.getText(), e.getCode(), e.isShiftDown(), true, e.isAltDown(), e.isMetaDown()));
            }
        });
        return a;
    }

    private GridPane overview() {
        GridPane grid = form();
        TextField name = field(vm.systemNameProperty(), "system-name", "e.g. Customer support assistant");
        TextArea purpose = area(vm.businessPurposeProperty(), "business-purpose", "What the system does, for whom", 3);
        TextField owner = field(vm.ownerProperty(), "owner", "Accountable person or team");
        Spinner<Integer> count = new Spinner<>(0, 999, 1);
        count.setId("agent-count");
        count.setEditable(true);
        count.getValueFactory().valueProperty().bindBidirectional(vm.agentCountProperty());
        count.disableProperty().bind(Bindings.not(editable()));
        TextField agents = field(vm.agentIdsProperty(), "agent-ids", "support-agent-v2, refunds-agent");
        TextArea tools = area(vm.externalToolsProperty(), "external-tools", "One tool or API a line", 3);
        ComboBox<ReviewCadence> cadence = new ComboBox<>();
        cadence.getItems().addAll(ReviewCadence.values());
        cadence.setConverter(converter(ReviewCadence::label));
        cadence.valueProperty().bindBidirectional(vm.cadenceProperty());
        cadence.disableProperty().bind(Bindings.not(editable()));
        int r = 0;
        grid.addRow(r++, label("System _name", name), name);
        grid.addRow(r++, label("Business _purpose", purpose), purpose);
        grid.addRow(r++, label("O_wner", owner), owner);
        grid.addRow(r++, label("Agent _count", count), count);
        grid.addRow(r++, label("Agent _ids", agents), agents);
        Label idsHint = new Label("Ids of the registered agents that make up the system, separated by commas.");
        idsHint.getStyleClass().add("hint");
        idsHint.setWrapText(true); // read whole under a narrow field, not cut to "separ…"
        grid.add(idsHint, 1, r++);
        grid.addRow(r++, label("External _tools/APIs", tools), tools);
        grid.addRow(r, label("Re-assessment _cadence", cadence), cadence);
        return grid;
    }

    private VBox data() {
        VBox box = new VBox(8);
        box.setPadding(new Insets(12));
        Label typesTitle = new Label("Data types accessed");
        typesTitle.getStyleClass().add("section-title");
        FlowPane types = new FlowPane(16, 8);
        for (DataClass c : DataClass.values()) {
            CheckBox check = new CheckBox(c.label() + " \u2014 " + c.description());
            check.setId("data-" + c.name().toLowerCase(Locale.ROOT));
            check.selectedProperty().bindBidirectional(vm.dataClassProperty(c));
            check.disableProperty().bind(Bindings.not(editable()));
            types.getChildren().add(check);
        }
        Label regsTitle = new Label("Regulations that apply");
        regsTitle.getStyleClass().add("section-title");
        Label suggested = new Label();
        suggested.getStyleClass().add("hint");
        suggested.setWrapText(true);
        Runnable updateHint = () -> {
            var list = vm.suggestedRegulations();
            suggested.setText(list.isEmpty() ? "Tick the data types to see which regulations usually apply."
                    : "Suggested by the data types: " + list.stream().map(Regulation::label)
                    .collect(Collectors.joining(", ")) + ". Untick any that do not apply to this system.");
        };
        for (DataClass c : DataClass.values()) {
            vm.dataClassProperty(c).addListener(o -> updateHint.run());
        }
        updateHint.run();
        FlowPane regs = new FlowPane(16, 8);
        for (Regulation reg : Regulation.values()) {
            CheckBox check = new CheckBox(reg.label());
            check.setId("regulation-" + reg.name().toLowerCase(Locale.ROOT));
            check.selectedProperty().bindBidirectional(vm.regulationProperty(reg));
            check.disableProperty().bind(Bindings.not(editable()));
            regs.getChildren().add(check);
        }
        GridPane grid = form();
        grid.setPadding(Insets.EMPTY);
        TextArea residency = area(vm.residencyProperty(), "residency", "Where the data must stay, e.g. EU only", 2);
        TextArea retention = area(vm.retentionProperty(), "retention", "How long data and logs are kept", 2);
        grid.addRow(0, label("Data _residency", residency), residency);
        grid.addRow(1, label("R_etention", retention), retention);
        box.getChildren().addAll(typesTitle, types, regsTitle, suggested, regs, grid);
        return box;
    }

    private VBox risks() {
        RiskTable table = new RiskTable(vm.risks(), editable(), vm::removeRisk);
        ScrollPane tableScroll = new ScrollPane(table);
        tableScroll.setPrefViewportHeight(300);
        // four rows stay in view however low the window: the heat map below scrolls with the tab instead of
        // squeezing the table to a single row (seen with seven risks at 1280 x 800)
        tableScroll.setMinViewportHeight(190);
        TextField newCategory = new TextField();
        newCategory.setId("new-risk");
        newCategory.setPromptText("Another risk category, e.g. Prompt injection");
        newCategory.setPrefColumnCount(26);
        newCategory.disableProperty().bind(Bindings.not(editable()));
        Button add = new Button("_Add risk", new FontIcon(Material2OutlinedAL.ADD));
        add.disableProperty().bind(Bindings.not(editable()).or(newCategory.textProperty().isEmpty()));
        Runnable addRisk = () -> {
            if (!newCategory.getText().isBlank()) {
                vm.addRisk(newCategory.getText().strip());
                newCategory.clear();
            }
        };
        add.setOnAction(e -> addRisk.run());
        newCategory.setOnAction(e -> addRisk.run());
        HBox adder = new HBox(6, newCategory, add);

        ToggleButton inherent = new ToggleButton("Inherent");
        inherent.selectedProperty().bindBidirectional(heatMap.showInherentProperty());
        ToggleButton residual = new ToggleButton("Residual");
        residual.selectedProperty().bindBidirectional(heatMap.showResidualProperty());
        Label legend = new Label("Ring: before mitigation. Dot: after. Numbers are the table's rows.");
        legend.getStyleClass().add("hint");
        legend.setWrapText(true);
        VBox bands = new VBox(4);
        for (var band : dev.arbiter.core.assessment.RiskBand.values()) {
            RatingChip chip = new RatingChip();
            chip.setBand(band, band.describe());
            bands.getChildren().add(chip);
        }
        VBox side = new VBox(8, new Label("Show"), new HBox(4, inherent, residual), legend, bands);
        side.setPrefWidth(220);
        HBox mapRow = new HBox(16, heatMap, side);
        mapRow.setPadding(new Insets(8, 12, 12, 12));
        VBox box = new VBox(8, tableScroll, adder, mapRow);
        box.setPadding(new Insets(8, 0, 0, 12));
        VBox.setVgrow(tableScroll, Priority.SOMETIMES);
        return box;
    }

    private static <T> StringConverter<T> converter(java.util.function.Function<T, String> toText) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : toText.apply(value);
            }

            @Override
            public T fromString(String s) {
                throw new UnsupportedOperationException("not editable");
            }
        };
    }

    // ---- header and actions

    private void refreshHeader() {
        Assessment a = vm.assessmentProperty().get();
        actions.getChildren().clear();
        status.getStyleClass().removeIf(s -> s.startsWith("status-") && !s.equals("status-badge"));
        if (a == null) {
            title.setText("");
            status.setText("");
            lockedBanner.setVisible(false);
            lockedBanner.setManaged(false);
            return;
        }
        title.setText(a.reference() + " v" + a.version() + "  " + (a.content().overview().systemName().isBlank()
                ? "(unnamed system)" : a.content().overview().systemName()));
        status.setText(a.status().label());
        status.getStyleClass().add("status-" + a.status().name().toLowerCase(Locale.ROOT));
        boolean latest = vm.latestProperty().get();
        String banner = null;
        if (!latest) {
            banner = "You are reading v" + a.version() + ", an earlier version kept as history.";
            actions.getChildren().add(button("Show _newest", Material2OutlinedAL.HISTORY, () -> vm.load(a.id())));
        } else {
            switch (a.status()) {
                case DRAFT -> {
                    Button discard = button("_Discard draft", Material2OutlinedAL.DELETE_OUTLINE,
                            () -> onDiscard.run());
                    discard.setId("discard-draft");
                    actions.getChildren().addAll(button("Su_bmit for review", Material2OutlinedMZ.SEND,
                            this::submit), discard);
                }
                case IN_REVIEW -> {
                    banner = "In review: the content is frozen while security, compliance and architecture sign off."
                            + " Return it to draft to change it.";
                    actions.getChildren().addAll(
                            button("Return to _draft\u2026", Material2OutlinedMZ.UNDO, this::returnToDraft),
                            button("_Reject\u2026", Material2OutlinedAL.BLOCK, this::reject),
                            approveButton());
                }
                case APPROVED, REJECTED -> {
                    banner = (a.status() == AssessmentStatus.APPROVED ? "Approved" : "Rejected")
                            + " and locked. Start a new version to change it; this one stays in the history.";
                    actions.getChildren().add(button("Start _new version", Material2OutlinedAL.EDIT,
                            this::startNewVersion));
                }
                default -> throw new IllegalStateException(a.status().name());
            }
        }
        actions.getChildren().add(button("E_xport PDF", Material2OutlinedMZ.PICTURE_AS_PDF, this::exportPdf));
        lockedBanner.setText(banner == null ? "" : banner);
        lockedBanner.setVisible(banner != null);
        lockedBanner.setManaged(banner != null);
    }

    private Button button(String text, org.kordamp.ikonli.Ikon icon, Runnable action) {
        Button b = new Button(text, new FontIcon(icon));
        b.setMnemonicParsing(true);
        b.setMinWidth(Region.USE_PREF_SIZE);
        b.setOnAction(e -> action.run());
        return b;
    }

    private Button approveButton() {
        Button approve = button("_Approve\u2026", Material2OutlinedMZ.THUMB_UP, this::approve);
        approve.setId("approve");
        approve.getStyleClass().add("success");
        return approve;
    }

    private javafx.stage.Window window() {
        return getScene().getWindow();
    }

    private void submit() {
        if (!vm.problemsBeforeReviewProperty().isEmpty()) {
            Dialogs.error(window(), "Not ready for review", "Complete these first:\n\u2022 "
                    + String.join("\n\u2022 ", vm.problemsBeforeReviewProperty()));
            tabs.getSelectionModel().select(signOffTab);
            return;
        }
        if (Dialogs.confirm(window(), "Submit for review", "Submit this assessment to security, compliance and"
                + " architecture review? Its content is frozen while it is in review.", "Submit")) {
            vm.submit();
        }
    }

    private void returnToDraft() {
        ask("Return to draft", "Why does it go back to draft? The recorded reviews are withdrawn.", "Reason:")
                .ifPresent(vm::returnToDraft);
    }

    private void reject() {
        ask("Reject assessment", "Reject this version? It is locked; a new version can follow.", "Reason:")
                .ifPresent(vm::reject);
    }

    private void approve() {
        if (!vm.blockersToApprovalProperty().isEmpty()) {
            Dialogs.error(window(), "Not ready for final approval", "Final approval needs:\n\u2022 "
                    + String.join("\n\u2022 ", vm.blockersToApprovalProperty()));
            tabs.getSelectionModel().select(signOffTab);
            return;
        }
        ask("Final approval", "Approve this assessment for deployment? The version is locked and the next"
                + " re-assessment is scheduled.", "Comment (optional):")
                .ifPresent(vm::approve);
    }

    private void startNewVersion() {
        if (Dialogs.confirm(window(), "Start a new version", "Start a new draft version from this one? This version"
                + " stays as it is, in the history.", "Start new version")) {
            vm.startNewVersion();
        }
    }

    private java.util.Optional<String> ask(String title, String header, String prompt) {
        TextInputDialog dialog = new TextInputDialog();
        dialog.initOwner(window());
        dialog.setTitle(title);
        dialog.setHeaderText(header);
        dialog.setContentText(prompt);
        return dialog.showAndWait();
    }

    private void exportPdf() {
        Assessment a = vm.assessmentProperty().get();
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export risk assessment");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PDF", "*.pdf"));
        chooser.setInitialFileName(a.reference() + "-v" + a.version() + "-risk-assessment.pdf");
        File file = chooser.showSaveDialog(window());
        if (file != null) {
            vm.exportPdf(file.toPath(), written -> {
                Alert done = new Alert(Alert.AlertType.INFORMATION, "Saved " + written.toAbsolutePath(), ButtonType.OK);
                done.initOwner(window());
                done.setTitle("Report exported");
                done.setHeaderText("Report exported");
                done.show();
            });
        }
    }
}
