package dev.arbiter.desktop.compliance;

import dev.arbiter.desktop.common.Fit;
import dev.arbiter.desktop.common.Feedback;
import atlantafx.base.theme.Styles;
import dev.arbiter.core.compliance.ControlStatus;
import dev.arbiter.core.compliance.Coverage;
import dev.arbiter.core.compliance.CoverageCell;
import dev.arbiter.core.compliance.CoverageMatrix;
import dev.arbiter.core.compliance.Regulation;
import dev.arbiter.core.compliance.RequirementCoverage;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The coverage matrix (agents down, regulations across, gaps at the top) and,
 * for the selected cell, each requirement with why it applies and what meets
 * it, plus a form to record a control. Arrow keys move between cells.
 */
public final class ComplianceView {

    private final ComplianceViewModel model;
    private final BorderPane root = new BorderPane();
    private final TableView<CoverageMatrix.Row> table = new TableView<>();

    public ComplianceView(ComplianceViewModel model) {
        dev.arbiter.desktop.common.Fit.wholeHeaders(table);
        // each column as wide as its header and cells need, the rest of the width left empty, and a sideways
        // scroll when they need more: a constrained policy spread the width over the columns and, at some
        // window widths (1600 px), left the agent column a few pixels short of its longest id
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        this.model = model;
        Label title = new Label("Compliance coverage");
        title.getStyleClass().add(Styles.TITLE_3);
        Label summary = new Label();
        summary.textProperty().bind(model.summaryProperty());
        Button addRegulation = new Button("Add re_gulation…");
        addRegulation.setMnemonicParsing(true);
        addRegulation.setOnAction(e -> CatalogDialogs.addRegulation(root.getScene().getWindow(), model));
        Button addRequirement = new Button("Add re_quirement…");
        addRequirement.setMnemonicParsing(true);
        addRequirement.setOnAction(e -> CatalogDialogs.addRequirement(root.getScene().getWindow(), model));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(12, new VBox(4, title, summary), spacer, addRegulation, addRequirement);
        header.setPadding(new Insets(12, 12, 4, 12));

        // the matrix above the details, each the window's full width: beside them, the details pushed FINRA
        // and the EU AI Act out of view at 1280 px, and under them the form's Record went below the fold
        SplitPane split = new SplitPane(matrix(), details());
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.42);
        root.setTop(header);
        root.setCenter(split);
        root.getStyleClass().add("compliance-view");
    }

    public Node node() {
        return root;
    }

    private Node matrix() {
        table.setId("coverage-matrix");
        table.setItems(model.rows());
        table.getSelectionModel().setCellSelectionEnabled(true);
        Label empty = new Label("No agents yet. Register agents in Policies & Agents: the matrix then shows which "
                + "regulations apply to each, from the data it touches and the actions its policy allows.");
        empty.setWrapText(true);
        empty.setMaxWidth(420);
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        table.setPlaceholder(empty);
        model.regulations().addListener((ListChangeListener<Regulation>) c -> rebuildColumns());
        table.getSelectionModel().getSelectedCells().addListener((javafx.beans.InvalidationListener) changed -> {
            var cells = table.getSelectionModel().getSelectedCells();
            if (cells.isEmpty() || cells.get(0).getTableColumn() == null
                    || !(cells.get(0).getTableColumn().getUserData() instanceof String regulationId)) {
                return;
            }
            CoverageMatrix.Row row = table.getItems().get(cells.get(0).getRow());
            CoverageCell selected = row.cell(regulationId);
            if (selected != model.cellProperty().get()) {
                model.select(selected);
            }
        });
        VBox box = new VBox(table);
        VBox.setVgrow(table, Priority.ALWAYS);
        box.setPadding(new Insets(8));
        return box;
    }

    private void rebuildColumns() {
        table.getColumns().clear();
        TableColumn<CoverageMatrix.Row, String> agent = new TableColumn<>("Agent");
        agent.setPrefWidth(150);
        agent.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().agent().id()
                + (c.getValue().gaps() > 0 ? "  (" + c.getValue().gaps() + ")" : "")));
        agent.setSortable(false);
        table.getColumns().add(agent);
        for (Regulation regulation : model.regulations()) {
            TableColumn<CoverageMatrix.Row, CoverageCell> column = new TableColumn<>(regulation.name());
            column.setUserData(regulation.id());
            column.setSortable(false);
            column.setPrefWidth(88);
            column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().cell(regulation.id())));
            column.setCellFactory(c -> new TableCell<>() {
                @Override
                protected void updateItem(CoverageCell cell, boolean empty) {
                    super.updateItem(cell, empty);
                    if (empty || cell == null) {
                        setText(null);
                        setStyle("");
                        return;
                    }
                    setText(cell.describe());
                    setStyle(colours(cell.coverage()));
                }
            });
            table.getColumns().add(column);
            Fit.wholeCells(table, column, row -> row.cell(regulation.id()) == null ? null
                    : row.cell(regulation.id()).describe());
        }
        // agent ids and "gap (1 of 4)" are read whole; seven regulations then scroll sideways at 1280 px
        Fit.wholeCells(table, agent, row -> agent.getCellData(row));
    }

    /** Looked-up theme colours, so the matrix follows light and dark themes. */
    static String colours(Coverage coverage) {
        return switch (coverage) {
            case GAP -> "-fx-text-fill: -color-danger-fg; -fx-background-color: -color-danger-subtle;";
            case MET -> "-fx-text-fill: -color-success-fg;";
            case NOT_APPLICABLE -> "-fx-text-fill: -color-fg-muted;";
        };
    }

    private Node details() {
        Label cellTitle = new Label();
        cellTitle.getStyleClass().add(Styles.TITLE_4);
        cellTitle.setWrapText(true);
        cellTitle.textProperty().bind(model.cellTitleProperty());
        Label pick = new Label("Select a cell of the matrix to see the requirements behind it and record how they "
                + "are met.");
        pick.setWrapText(true);
        pick.getStyleClass().add(Styles.TEXT_MUTED);
        pick.visibleProperty().bind(model.cellProperty().isNull());
        pick.managedProperty().bind(pick.visibleProperty());

        ListView<RequirementCoverage> requirements = new ListView<>(model.requirements());
        requirements.setId("cell-requirements");
        requirements.setPrefHeight(200);
        requirements.setCellFactory(v -> new ListCell<>() {
            private final Label heading = new Label();
            private final Label detail = new Label();
            private final VBox graphic = new VBox(2, heading, detail);

            {
                heading.getStyleClass().add(Styles.TEXT_BOLD);
                heading.setWrapText(true);
                detail.setWrapText(true);
                graphic.maxWidthProperty().bind(v.widthProperty().subtract(36));
                graphic.prefWidthProperty().bind(graphic.maxWidthProperty());
                heading.maxWidthProperty().bind(graphic.maxWidthProperty());
                detail.maxWidthProperty().bind(graphic.maxWidthProperty());
            }

            @Override
            protected void updateItem(RequirementCoverage r, boolean empty) {
                super.updateItem(r, empty);
                setText(null);
                if (empty || r == null) {
                    setGraphic(null);
                    return;
                }
                heading.setText(r.coverage().label().toUpperCase(java.util.Locale.ROOT) + "  "
                        + r.requirement().title() + " (" + r.requirement().id() + ")");
                heading.setStyle(colours(r.coverage()));
                detail.setText(r.evidence() != null
                        ? (r.automatic() ? "Checked by Arbiter: " : "Control: ") + r.evidence() : "Why: " + r.why());
                setGraphic(graphic);
            }
        });
        requirements.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != model.requirementProperty().get()) {
                model.selectRequirement(b);
            }
        });
        model.requirementProperty().addListener((o, a, b) -> {
            if (b == null) {
                requirements.getSelectionModel().clearSelection();
            } else if (requirements.getSelectionModel().getSelectedItem() != b) {
                requirements.getSelectionModel().select(b);
            }
        });
        Label noRequirements = new Label("No requirement of this regulation applies to this agent.");
        noRequirements.setWrapText(true);
        noRequirements.getStyleClass().add(Styles.TEXT_MUTED);
        requirements.setPlaceholder(noRequirements);
        // nothing selected: only the hint above shows, not a list claiming that nothing applies
        requirements.visibleProperty().bind(model.cellProperty().isNotNull());
        requirements.managedProperty().bind(requirements.visibleProperty());

        Label description = new Label();
        description.setWrapText(true);
        description.textProperty().bind(Bindings.createStringBinding(() -> {
            RequirementCoverage r = model.requirementProperty().get();
            return r == null ? "" : r.requirement().description();
        }, model.requirementProperty()));

        ChoiceBox<ControlStatus> status = new ChoiceBox<>();
        status.getItems().setAll(ControlStatus.values());
        status.setConverter(new StringConverter<>() {
            @Override
            public String toString(ControlStatus s) {
                return s == null ? "" : s == ControlStatus.MET ? "Met by a control" : "Not applicable to this agent";
            }

            @Override
            public ControlStatus fromString(String s) {
                return null;
            }
        });
        status.valueProperty().bindBidirectional(model.statusProperty());
        TextArea control = new TextArea();
        control.setId("control-text");
        control.setPrefRowCount(3);
        control.setWrapText(true);
        control.textProperty().bindBidirectional(model.controlProperty());
        control.promptTextProperty().bind(model.controlHintProperty());
        TextField evidence = new TextField();
        evidence.setPromptText("Where the evidence is: a document, ticket or date");
        evidence.textProperty().bindBidirectional(model.evidenceProperty());
        Label controlLabel = new Label("_Control (or why it does not apply)");
        controlLabel.setMnemonicParsing(true);
        controlLabel.setLabelFor(control);
        Label evidenceLabel = new Label("E_vidence");
        evidenceLabel.setMnemonicParsing(true);
        evidenceLabel.setLabelFor(evidence);

        Button record = new Button("_Record");
        record.setId("record-control");
        record.setMnemonicParsing(true);
        record.getStyleClass().add(Styles.ACCENT);
        record.setOnAction(e -> model.record());
        Button remove = new Button("Remove recor_d");
        remove.setMnemonicParsing(true);
        remove.setOnAction(e -> model.removeRecord());
        record.disableProperty().bind(model.requirementProperty().isNull().or(model.controlProperty().isEmpty()));
        remove.disableProperty().bind(Bindings.createBooleanBinding(() -> model.requirementProperty().get() == null
                || model.requirementProperty().get().record() == null, model.requirementProperty()));

        VBox form = new VBox(6, description, status, controlLabel, control, evidenceLabel, evidence,
                new HBox(8, record, remove));
        form.visibleProperty().bind(model.requirementProperty().isNotNull());
        form.managedProperty().bind(form.visibleProperty());

        Label message = new Label();
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        Feedback.styleAsError(message, model.messageIsErrorProperty());

        // the requirements and the form to record a control side by side, so Record stays above the fold
        VBox side = new VBox(8, form, message);
        side.setMinWidth(300);
        side.setPrefWidth(420);
        HBox.setHgrow(requirements, Priority.ALWAYS);
        HBox.setHgrow(side, Priority.SOMETIMES);
        HBox cell = new HBox(12, requirements, side);
        VBox box = new VBox(8, cellTitle, pick, cell);
        box.setPadding(new Insets(8));
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(box);
        scroll.setFitToWidth(true);
        return scroll;
    }
}
