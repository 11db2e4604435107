package dev.arbiter.desktop.assessment;

import dev.arbiter.core.assessment.AssessmentStatus;
import dev.arbiter.core.assessment.AssessmentSummary;
import dev.arbiter.core.assessment.RiskBand;
import java.time.LocalDate;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import atlantafx.base.controls.CustomTextField;
import dev.arbiter.desktop.common.Fit;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2OutlinedAL;
import org.kordamp.ikonli.material2.Material2OutlinedMZ;

/** The list of assessments with search, filters and the residual tolerance setting. */
final class AssessmentListView extends VBox {

    private final AssessmentListViewModel vm;
    private final TableView<AssessmentSummary> table;
    private final Button create = new Button("_New assessment", new FontIcon(Material2OutlinedAL.ADD));
    private final Button undo = new Button("_Undo", new FontIcon(Material2OutlinedMZ.UNDO));

    AssessmentListView(AssessmentListViewModel vm) {
        this.vm = vm;
        getStyleClass().add("assessment-list");
        setSpacing(8);
        setPadding(new Insets(10));
        setMinWidth(420);
        setPrefWidth(530);

        Label heading = new Label("Risk assessments");
        heading.getStyleClass().add("title-3");
        create.setId("new-assessment");
        create.setMnemonicParsing(true);
        HBox top = new HBox(8, heading, grow(), create);
        top.setAlignment(Pos.CENTER_LEFT);

        CustomTextField search = new CustomTextField();
        search.setId("assessment-search");
        search.setPromptText("Search system, owner, agent id, RA-\u2026");
        search.textProperty().bindBidirectional(vm.searchProperty());
        search.setLeft(new FontIcon(Material2OutlinedMZ.SEARCH));

        ComboBox<AssessmentStatus> status = new ComboBox<>();
        status.getItems().add(null);
        status.getItems().addAll(AssessmentStatus.values());
        status.setConverter(converter(s -> s == null ? "Any status" : s.label()));
        status.valueProperty().bindBidirectional(vm.statusProperty());
        status.setPromptText("Any status");
        status.setAccessibleText("Status filter");
        ComboBox<RiskBand> band = new ComboBox<>();
        band.getItems().add(null);
        band.getItems().addAll(RiskBand.MEDIUM, RiskBand.HIGH, RiskBand.CRITICAL);
        band.setConverter(converter(b -> b == null ? "Any residual" : "Residual " + b.label().toLowerCase(Locale.ROOT)
                + (b == RiskBand.CRITICAL ? "" : " or above")));
        band.valueProperty().bindBidirectional(vm.minimumResidualProperty());
        band.setPromptText("Any residual");
        band.setAccessibleText("Residual risk filter");
        CheckBox overdue = new CheckBox("Review overdue");
        overdue.selectedProperty().bindBidirectional(vm.overdueOnlyProperty());
        Fit.whole(status, band, overdue);
        javafx.scene.layout.FlowPane filters = new javafx.scene.layout.FlowPane(8, 6, status, band, overdue);
        filters.setAlignment(Pos.CENTER_LEFT);

        table = new TableView<>(vm.visible());
        table.setId("assessment-table");
        Fit.wholeCells(table);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(text("Ref", AssessmentSummary::reference, 52));
        // a long system name wraps: the list then keeps ref, status and residual in view without
        // pushing the opened assessment out of a 1280 px window
        TableColumn<AssessmentSummary, String> system = text("System", AssessmentSummary::systemName, 140);
        Fit.wrapping(system, 130);
        table.getColumns().add(system);
        table.getColumns().add(text("Status", s -> s.status().label() + (s.version() > 1 ? " v" + s.version() : ""),
                84));
        table.getColumns().add(residualColumn());
        // owner and next review are also in the opened assessment (and "Review overdue" filters by the
        // latter): at 1280 px they may scroll out sideways, ref, system, status and residual may not
        TableColumn<AssessmentSummary, ?> owner = text("Owner", AssessmentSummary::owner, 120);
        owner.getStyleClass().add(Fit.SECONDARY);
        TableColumn<AssessmentSummary, ?> nextReview = nextReviewColumn();
        nextReview.getStyleClass().add(Fit.SECONDARY);
        table.getColumns().add(owner);
        table.getColumns().add(nextReview);
        table.getColumns().stream().filter(c -> c.getMinWidth() < 48).forEach(c -> c.setMinWidth(48));
        Fit.wholeHeaders(table);
        Fit.primaryColumnsInView(table, this);
        Label empty = new Label();
        empty.getStyleClass().add("empty-state");
        empty.setWrapText(true);
        empty.textProperty().bind(Bindings.createStringBinding(() -> !vm.loadedProperty().get() ? "Loading\u2026"
                : vm.all().isEmpty() ? "No risk assessments yet.\nCreate the first one with New assessment (Alt+N):"
                + " the guide's template, for one agentic system before it is deployed."
                : "No assessment matches the search and filters.", vm.loadedProperty(), vm.all()));
        table.setPlaceholder(empty);
        VBox.setVgrow(table, Priority.ALWAYS);

        ComboBox<RiskBand> tolerance = new ComboBox<>();
        tolerance.getItems().addAll(RiskBand.LOW, RiskBand.MEDIUM, RiskBand.HIGH);
        tolerance.setConverter(converter(b -> b == null ? "" : b.label()));
        tolerance.setValue(vm.toleranceProperty().get());
        tolerance.setAccessibleText("Residual tolerance");
        vm.toleranceProperty().addListener((o, was, now) -> tolerance.setValue(now));
        tolerance.setOnAction(e -> {
            RiskBand chosen = tolerance.getValue();
            if (chosen != null && chosen != vm.toleranceProperty().get()) {
                onToleranceChosen.accept(chosen);
            }
        });
        Label toleranceText = new Label("Residual above");
        Label toleranceAfter = new Label("needs an exception");
        HBox footer = new HBox(6, toleranceText, tolerance, toleranceAfter);
        footer.setAlignment(Pos.CENTER_LEFT);
        footer.getStyleClass().add("hint");

        getChildren().addAll(top, undoBar(), search, filters, table, footer);
    }

    /** "Discarded RA-3 v1 (system). [Undo]" while the list model offers Undo. */
    private HBox undoBar() {
        Label what = new Label();
        what.setWrapText(true);
        what.textProperty().bind(Bindings.createStringBinding(() -> {
            var a = vm.undoableProperty().get();
            return a == null ? "" : "Discarded the draft " + a.reference() + " v" + a.version() + " ("
                    + (a.content().overview().systemName().isBlank() ? "unnamed system"
                    : a.content().overview().systemName()) + ").";
        }, vm.undoableProperty()));
        undo.setId("undo-discard");
        undo.setMnemonicParsing(true);
        undo.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox.setHgrow(what, Priority.ALWAYS);
        HBox bar = new HBox(8, what, undo);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("undo-bar");
        bar.visibleProperty().bind(vm.undoableProperty().isNotNull());
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    Button undoButton() {
        return undo;
    }

    private java.util.function.Consumer<RiskBand> onToleranceChosen = b -> { };

    void setOnToleranceChosen(java.util.function.Consumer<RiskBand> handler) {
        onToleranceChosen = handler;
    }

    TableView<AssessmentSummary> table() {
        return table;
    }

    Button createButton() {
        return create;
    }

    private static HBox grow() {
        HBox spacer = new HBox();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        return spacer;
    }

    private static TableColumn<AssessmentSummary, String> text(String title, Function<AssessmentSummary, String> value,
                                                                double width) {
        TableColumn<AssessmentSummary, String> c = new TableColumn<>(title);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(value.apply(f.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private TableColumn<AssessmentSummary, AssessmentSummary> residualColumn() {
        TableColumn<AssessmentSummary, AssessmentSummary> c = new TableColumn<>("Residual");
        // the widest chips, "not scored" and "25 Critical", whole with the chip's and the cell's padding
        c.setPrefWidth(114);
        c.setMinWidth(112);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
        c.setCellFactory(col -> new TableCell<>() {
            private final RatingChip chip = new RatingChip();

            @Override
            protected void updateItem(AssessmentSummary item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setGraphic(null);
                } else {
                    chip.setRating(item.highestResidual());
                    setGraphic(chip);
                }
            }
        });
        c.setComparator((a, b) -> Integer.compare(score(a), score(b)));
        return c;
    }

    private static int score(AssessmentSummary s) {
        return s.highestResidual() == null ? 0 : s.highestResidual().score();
    }

    private TableColumn<AssessmentSummary, AssessmentSummary> nextReviewColumn() {
        TableColumn<AssessmentSummary, AssessmentSummary> c = new TableColumn<>("Next review");
        c.setPrefWidth(96);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(AssessmentSummary item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("problem");
                if (empty || item == null) {
                    setText(null);
                    return;
                }
                LocalDate due = item.nextReviewDate();
                setText(due == null ? "\u2014" : due + (item.isOverdue(vm.todayProperty().get()) ? " (overdue)" : ""));
                if (item.isOverdue(vm.todayProperty().get())) {
                    getStyleClass().add("problem");
                }
            }
        });
        c.setComparator((a, b) -> a.nextReviewDate() == null ? (b.nextReviewDate() == null ? 0 : 1)
                : b.nextReviewDate() == null ? -1 : a.nextReviewDate().compareTo(b.nextReviewDate()));
        return c;
    }

    private static <T> StringConverter<T> converter(Function<T, String> toText) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return toText.apply(value);
            }

            @Override
            public T fromString(String s) {
                throw new UnsupportedOperationException("not editable");
            }
        };
    }
}
