package dev.arbiter.desktop.assessment;

import dev.arbiter.core.assessment.Rating;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2OutlinedMZ;

/**
 * The risk evaluation table: one row of controls per risk, bound to its
 * {@link RiskRow}. Rows are rebuilt only when risks are added or removed, never
 * while the user types, so focus stays where it is.
 */
final class RiskTable extends GridPane {

    private static final List<String> HEADERS = List.of("#", "Risk category", "Likelihood", "Impact", "Inherent",
            "Mitigation", "Owner", "Residual likelihood", "Residual impact", "Residual", "");

    private final ObservableList<RiskRow> rows;
    private final ObservableBooleanValue editable;
    private final java.util.function.Consumer<RiskRow> onRemove;

    RiskTable(ObservableList<RiskRow> rows, ObservableBooleanValue editable,
              java.util.function.Consumer<RiskRow> onRemove) {
        this.rows = rows;
        this.editable = editable;
        this.onRemove = onRemove;
        getStyleClass().add("risk-table");
        setHgap(6);
        setVgap(6);
        setPadding(new Insets(4));
        rows.addListener((ListChangeListener<RiskRow>) c -> {
            while (c.next()) {
                if (c.wasAdded() || c.wasRemoved() || c.wasPermutated()) {
                    rebuild();
                    return;
                }
            }
        });
        rebuild();
    }

    private void rebuild() {
        getChildren().clear();
        for (int col = 0; col < HEADERS.size(); col++) {
            Label header = new Label(HEADERS.get(col));
            header.getStyleClass().add("risk-header");
            add(header, col, 0);
        }
        for (int i = 0; i < rows.size(); i++) {
            addRow(i + 1, rows.get(i));
        }
    }

    private void addRow(int n, RiskRow row) {
        add(new Label(String.valueOf(n)), 0, n);
        if (row.fromGuide()) {
            Label category = new Label();
            category.textProperty().bind(row.categoryProperty());
            category.setTooltip(new Tooltip("One of the guide's six categories: rate it 1 \u00d7 1 if it does not"
                    + " apply to this system."));
            add(category, 1, n);
        } else {
            TextField category = new TextField();
            category.textProperty().bindBidirectional(row.categoryProperty());
            category.setPromptText("Risk category");
            category.setAccessibleText("Risk " + n + " category");
            category.editableProperty().bind(editable);
            category.setPrefColumnCount(14);
            add(category, 1, n);
        }
        String name = "risk " + n + " (" + row.categoryProperty().get() + ")";
        add(scale(row.likelihoodProperty(), Rating.LIKELIHOOD_SCALE, "Likelihood of " + name, "likelihood-" + n), 2, n);
        add(scale(row.impactProperty(), Rating.IMPACT_SCALE, "Impact of " + name, "impact-" + n), 3, n);
        RatingChip inherent = new RatingChip();
        inherent.setRating(row.inherentProperty().get());
        row.inherentProperty().addListener((o, was, now) -> inherent.setRating(now));
        add(inherent, 4, n);
        TextField mitigation = new TextField();
        mitigation.textProperty().bindBidirectional(row.mitigationProperty());
        mitigation.setPromptText("How the risk is reduced");
        mitigation.setAccessibleText("Mitigation of " + name);
        mitigation.setPrefColumnCount(24);
        mitigation.editableProperty().bind(editable);
        add(mitigation, 5, n);
        TextField owner = new TextField();
        owner.textProperty().bindBidirectional(row.ownerProperty());
        owner.setPromptText("Owner");
        owner.setAccessibleText("Owner of " + name);
        owner.setPrefColumnCount(10);
        owner.editableProperty().bind(editable);
        add(owner, 6, n);
        add(scale(row.residualLikelihoodProperty(), Rating.LIKELIHOOD_SCALE, "Residual likelihood of " + name,
                "residual-likelihood-" + n), 7, n);
        add(scale(row.residualImpactProperty(), Rating.IMPACT_SCALE, "Residual impact of " + name,
                "residual-impact-" + n), 8, n);
        RatingChip residual = new RatingChip();
        residual.setRating(row.residualProperty().get());
        row.residualProperty().addListener((o, was, now) -> residual.setRating(now));
        add(residual, 9, n);
        if (!row.fromGuide()) {
            Button remove = new Button(null, new FontIcon(Material2OutlinedMZ.REMOVE_CIRCLE_OUTLINE));
            remove.setTooltip(new Tooltip("Remove this risk"));
            remove.setAccessibleText("Remove " + name);
            remove.disableProperty().bind(javafx.beans.binding.Bindings.not(editable));
            remove.setOnAction(e -> onRemove.accept(row));
            add(remove, 10, n);
        }
    }

    /** A 1-5 picker showing the scale's words; empty (not scored) until chosen. */
    private ComboBox<Integer> scale(ObjectProperty<Integer> value, List<String> words, String accessible, String id) {
        ComboBox<Integer> box = new ComboBox<>();
        box.getItems().addAll(1, 2, 3, 4, 5);
        box.setId(id);
        box.setCellFactory(l -> new ScaleCell(words));
        box.setButtonCell(new ScaleCell(words));
        box.setPromptText("\u2013");
        box.valueProperty().bindBidirectional(value);
        box.setAccessibleText(accessible);
        box.setPrefWidth(128);
        box.disableProperty().bind(javafx.beans.binding.Bindings.not(editable));
        return box;
    }

    private static final class ScaleCell extends ListCell<Integer> {
        private final List<String> words;

        ScaleCell(List<String> words) {
            this.words = words;
        }

        @Override
        protected void updateItem(Integer item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? "\u2013" : item + "  " + words.get(item - 1));
        }
    }
}
