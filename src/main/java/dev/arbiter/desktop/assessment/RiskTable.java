package dev.arbiter.desktop.assessment;

import dev.arbiter.core.assessment.Rating;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.StringProperty;
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

    /** Over the ratings' line; the category is a line of its own above them, so the grid fits the editor. */
    private static final List<String> HEADERS = List.of("#", "Likelihood", "Impact", "Inherent",
            "Residual\nlikelihood", "Residual\nimpact", "Residual", "");

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
        setVgap(4);
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
            addRow(i + 1, 1 + 3 * i, rows.get(i));
        }
    }

    /**
     * One risk on three grid lines: its category, then its ratings under the headers, then the mitigation
     * and its owner (so the table fits beside the list at 1280 px with nothing hidden sideways).
     */
    private void addRow(int n, int line, RiskRow row) {
        Label number = new Label(String.valueOf(n));
        number.getStyleClass().add("risk-number");
        add(number, 0, line);
        if (row.fromGuide()) {
            Label category = new Label();
            category.textProperty().bind(row.categoryProperty());
            category.setWrapText(true);
            category.getStyleClass().add("risk-category");
            category.setTooltip(new Tooltip("One of the guide's six categories: rate it 1 \u00d7 1 if it does not"
                    + " apply to this system."));
            add(category, 1, line, HEADERS.size() - 1, 1);
        } else {
            TextField category = text(row.categoryProperty(), "Risk category", "Risk " + n + " category");
            category.setPrefColumnCount(12);
            add(category, 1, line, 4, 1);
        }
        String name = "risk " + n + " (" + row.categoryProperty().get() + ")";
        int ratings = line + 1;
        add(scale(row.likelihoodProperty(), Rating.LIKELIHOOD_SCALE, "Likelihood of " + name, "likelihood-" + n), 1,
                ratings);
        add(scale(row.impactProperty(), Rating.IMPACT_SCALE, "Impact of " + name, "impact-" + n), 2, ratings);
        RatingChip inherent = new RatingChip();
        inherent.setRating(row.inherentProperty().get());
        row.inherentProperty().addListener((o, was, now) -> inherent.setRating(now));
        add(inherent, 3, ratings);
        add(scale(row.residualLikelihoodProperty(), Rating.LIKELIHOOD_SCALE, "Residual likelihood of " + name,
                "residual-likelihood-" + n), 4, ratings);
        add(scale(row.residualImpactProperty(), Rating.IMPACT_SCALE, "Residual impact of " + name,
                "residual-impact-" + n), 5, ratings);
        RatingChip residual = new RatingChip();
        residual.setRating(row.residualProperty().get());
        row.residualProperty().addListener((o, was, now) -> residual.setRating(now));
        add(residual, 6, ratings);
        if (!row.fromGuide()) {
            Button remove = new Button(null, new FontIcon(Material2OutlinedMZ.REMOVE_CIRCLE_OUTLINE));
            remove.setTooltip(new Tooltip("Remove this risk"));
            remove.setAccessibleText("Remove " + name);
            remove.disableProperty().bind(Bindings.not(editable));
            remove.setOnAction(e -> onRemove.accept(row));
            add(remove, 7, ratings);
        }
        TextField mitigation = text(row.mitigationProperty(), "Mitigation: how the risk is reduced",
                "Mitigation of " + name);
        mitigation.setId("mitigation-" + n);
        add(mitigation, 1, line + 2, 3, 1);
        TextField owner = text(row.ownerProperty(), "Mitigation owner", "Owner of " + name);
        owner.setId("owner-" + n);
        add(owner, 4, line + 2, 3, 1);
        // the fields give way to the ratings' columns: they never widen the grid beyond the editor
        mitigation.setPrefColumnCount(8);
        owner.setPrefColumnCount(6);
        GridPane.setMargin(mitigation, new Insets(0, 0, 10, 0));
        GridPane.setMargin(owner, new Insets(0, 0, 10, 0));
    }

    /** A text field bound both ways to {@code value}, editable while the assessment is. */
    private TextField text(StringProperty value, String prompt, String accessible) {
        TextField field = new TextField();
        field.textProperty().bindBidirectional(value);
        field.setPromptText(prompt);
        field.setAccessibleText(accessible);
        field.editableProperty().bind(editable);
        return field;
    }

    /** A 1-5 picker showing the scale's words; empty (not scored) until chosen. */
    private ComboBox<Integer> scale(ObjectProperty<Integer> value, List<String> words, String accessible, String id) {
        ComboBox<Integer> box = new ComboBox<>();
        box.getItems().addAll(1, 2, 3, 4, 5);
        box.setId(id);
        // The list shows "4  Likely"; the closed box only the number, so the table fits beside the list.
        box.setCellFactory(l -> new ScaleCell(words, true));
        box.setButtonCell(new ScaleCell(words, false));
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(Bindings.createStringBinding(() -> value.get() == null ? "Not scored"
                : value.get() + " = " + words.get(value.get() - 1), value));
        box.setTooltip(tip);
        box.setPromptText("\u2013");
        box.valueProperty().bindBidirectional(value);
        box.setAccessibleText(accessible);
        box.setPrefWidth(68);
        box.disableProperty().bind(Bindings.not(editable));
        return box;
    }

    private static final class ScaleCell extends ListCell<Integer> {
        private final List<String> words;
        private final boolean withWord;

        ScaleCell(List<String> words, boolean withWord) {
            this.words = words;
            this.withWord = withWord;
        }

        @Override
        protected void updateItem(Integer item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? "\u2013" : withWord ? item + "  " + words.get(item - 1) : item.toString());
        }
    }
}
